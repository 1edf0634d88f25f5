"""实有房屋 and 场所 pages and forms, driven as a user would on the demo village."""

from __future__ import annotations

from dataclasses import replace

import pytest
from factories import family
from PySide6.QtCore import Qt
from ui_helpers import closed, elsewhere, type_text

from ui import messages, paged_table_model
from ui.forms.house_form import HouseForm
from ui.forms.place_form import PlaceForm, RecordForm
from ui.pages.premises_pages import HousesPage, PlacesPage


def _page(page_type, ctx, qtbot, monkeypatch):
    """The page, shown; afterwards its forms are closed without saving, so no dirty window outlives the test."""
    page = page_type(ctx)
    qtbot.addWidget(page)
    page.show()
    yield page
    monkeypatch.setattr(messages, "ask_save", lambda *_args: "discard")
    for form in page.findChildren(RecordForm):
        form.close()


@pytest.fixture
def houses(ctx, qtbot, monkeypatch):
    yield from _page(HousesPage, ctx, qtbot, monkeypatch)


@pytest.fixture
def places(ctx, qtbot, monkeypatch):
    yield from _page(PlacesPage, ctx, qtbot, monkeypatch)


def _select_first_grid(page):
    """Open the tree down to the first 网格, as a user clicking the arrows would, and select it."""
    model = page.tree_model
    index = model.index(0, 0)
    for _ in range(3):
        page.tree.expand(index)
        index = model.index(0, 0, index)
    page.tree.setCurrentIndex(index)
    return model.node(index)


def _choose(combo, value: str | None) -> None:
    """Pick a list filter; None is its "全部" entry."""
    combo.setCurrentIndex(combo.findData(value))


def _pick(combo, label: str) -> None:
    """Pick an entry of a form's code-table combo from its drop-down list."""
    combo.setCurrentIndex(combo.findText(label))


def _column(page, col: int) -> list:
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def _click_new(qtbot, page, form_type):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    [form] = [f for f in page.findChildren(form_type) if f.isVisible()]
    qtbot.waitUntil(form.isActiveWindow)
    return form


def _open_row(qtbot, page, record_id: str, form_type):
    page.select_record(record_id)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    [form] = [f for f in page.findChildren(form_type) if f.isVisible() and f.record_id == record_id]
    qtbot.waitUntil(form.isActiveWindow)
    return form


def _ctrl_s(qtbot, form) -> None:
    qtbot.keyClick(form.focusWidget() or form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def _double_click(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_house_typed_into_the_form_and_saved_with_ctrl_s_appears_in_the_list(houses, ctx, qtbot) -> None:
    grid = _select_first_grid(houses)
    before = houses.model.rowCount()
    form = _click_new(qtbot, houses, HouseForm)
    assert form.windowTitle() == "新建房屋"
    assert grid.name in form.grid_label.text()
    type_text(qtbot, form.widgets["address"], "幸福村9组99号")
    _pick(form.widgets["use"], "出租")
    _pick(form.widgets["safety_rating"], "C级（局部危险）")
    type_text(qtbot, form.widgets["area"], "86.5")
    type_text(qtbot, form.widgets["owner_name"], "王大山")
    type_text(qtbot, form.widgets["rent_start"], "2024.3.1")
    type_text(qtbot, form.widgets["tenant_count"], "4")
    _ctrl_s(qtbot, form)

    assert not form.banner.isVisible()
    assert form.windowTitle() == "房屋：幸福村9组99号"
    assert not form.is_dirty()
    assert houses.model.rowCount() == before + 1
    assert houses.count_label.text() == f"{grid.name}：共 {before + 1} 处房屋"
    row = _column(houses, 0).index("幸福村9组99号")
    assert [houses.model.index(row, c).data() for c in (1, 3, 4, 6)] == ["出租", "C级（局部危险）", "王大山", 0]
    saved = ctx.ws.query.house(houses.model.record(row).id)
    assert (saved.area, saved.rent_start.isoformat(), saved.tenant_count) == (86.5, "2024-03-01", 4)


def test_rent_fields_are_enabled_only_for_a_rented_house(houses, qtbot) -> None:
    _select_first_grid(houses)
    form = _click_new(qtbot, houses, HouseForm)
    use, rent_start = form.widgets["use"], form.widgets["rent_start"]
    assert use.value() == "自住"
    assert not rent_start.isEnabled()
    _pick(use, "出租")
    assert rent_start.isEnabled()
    assert form.widgets["tenant_count"].isEnabled()
    rent_start.setFocus()  # the user clicks into the field
    type_text(qtbot, rent_start, "20240301")
    qtbot.keyClick(rent_start, Qt.Key.Key_Return)
    assert rent_start.text() == "2024-03-01"  # shown as read, and Enter moved on
    assert form.focusWidget() is form.widgets["rent_end"]
    _pick(use, "空置")
    assert not rent_start.isEnabled()


def test_a_house_shows_the_households_living_there_and_opens_them(houses, ctx, qtbot) -> None:
    opened = []
    ctx.open_household = lambda hid, pid=None: opened.append((hid, pid))
    scope = houses.scope_id()
    shared = max(ctx.ws.query.houses(scope), key=lambda h: h.household_count)
    assert shared.household_count >= 2  # the demo lets rooms of a house to several households
    form = _open_row(qtbot, houses, shared.id, HouseForm)
    living = ctx.ws.query.house(shared.id).households
    assert form.households.rowCount() == shared.household_count
    assert [form.households.item(r, 1).text() for r in range(form.households.rowCount())] == [
        h.head_name for h in living]

    _double_click(qtbot, form.households, 1)
    assert opened == [(living[1].id, None)]

    elsewhere(ctx, lambda: ctx.ws.households.create(
        ctx.actor, replace(family(shared.grid_id, "901", head_id=""), house_id=shared.id)))
    assert form.households.rowCount() == shared.household_count + 1
    assert "901" in [form.households.item(r, 0).text() for r in range(form.households.rowCount())]
    assert houses.model.index(houses.model.row_of(shared.id), 6).data() == shared.household_count + 1


def test_an_invalid_owner_id_shows_the_banner_keeps_the_typing_and_saves_nothing(houses, ctx, qtbot) -> None:
    _select_first_grid(houses)
    before = houses.model.rowCount()
    form = _click_new(qtbot, houses, HouseForm)
    type_text(qtbot, form.widgets["address"], "幸福村9组98号")
    type_text(qtbot, form.widgets["owner_id_number"], "110105194912310021")
    _ctrl_s(qtbot, form)

    assert form.banner.isVisible()
    assert form.banner.text() == "没有保存：房主身份证号码有误：第18位校验码应为 X，实际为 1。"
    assert form.widgets["address"].text() == "幸福村9组98号"
    assert form.widgets["owner_id_number"].text() == "110105194912310021"
    assert form.record_id is None
    assert houses.model.rowCount() == before
    assert "幸福村9组98号" not in [h.address for h in ctx.ws.query.houses(houses.scope_id())]


def test_house_filters_narrow_the_list_and_d_rated_houses_stand_out(houses) -> None:
    total = houses.model.rowCount()
    _choose(houses.filters["use"], "出租")
    rented = houses.model.rowCount()
    assert 0 < rented < total
    assert set(_column(houses, 1)) == {"出租"}
    assert houses.count_label.text().endswith(f"共 {rented} 处房屋")

    _choose(houses.filters["use"], None)
    _choose(houses.filters["safety_rating"], "D级（危房）")
    dangerous = houses.model.rowCount()
    assert 0 < dangerous < total
    assert set(_column(houses, 3)) == {"D级（危房）"}
    assert houses.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None

    _choose(houses.filters["safety_rating"], "A级（安全）")
    assert houses.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    _choose(houses.filters["safety_rating"], None)
    assert houses.model.rowCount() == total


def test_sorting_by_household_count_is_numeric(houses) -> None:
    houses.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    counts = _column(houses, 6)
    assert counts == sorted(counts, reverse=True)
    assert counts[0] > counts[-1]


@pytest.mark.parametrize("page_type", [HousesPage, PlacesPage])
def test_a_list_longer_than_a_page_reads_rows_a_page_at_a_time_as_it_scrolls(page_type, ctx, qtbot,
                                                                             monkeypatch) -> None:
    size = 2  # rows a page: the demo village's 15 places make several
    monkeypatch.setattr(paged_table_model, "PAGE", size)
    rows_of = "house_rows" if page_type is HousesPage else "place_rows"
    asked: list[list[str]] = []
    read = getattr(ctx.ws.query, rows_of)
    monkeypatch.setattr(ctx.ws.query, rows_of, lambda ids: asked.append(list(ids)) or read(ids))
    page = page_type(ctx)
    qtbot.addWidget(page)
    page.resize(900, 300)
    with qtbot.waitExposed(page):
        page.show()
    page.table.viewport().repaint()
    ids = [page.model.record_id(r) for r in range(page.model.rowCount())]
    assert len(ids) > 3 * size and asked and all(len(batch) <= size for batch in asked)
    assert asked[0] == ids[:size] and ids[-1] not in {i for batch in asked for i in batch}  # only what shows

    page.table.scrollToBottom()
    page.table.viewport().repaint()
    assert asked[-1] == ids[(len(ids) - 1) // size * size:]  # the last page, read once it came into view
    assert sum(len(batch) for batch in asked) < len(ids)
    last = page.model.index(len(ids) - 1, 0).data()
    assert last == getattr(read([ids[-1]])[0], page.model.columns[0].attr)


@pytest.mark.parametrize("page_type", [HousesPage, PlacesPage])
def test_clicking_a_header_sorts_as_the_list_sorted_before_it_was_paged(page_type, ctx, qtbot) -> None:
    page = page_type(ctx)
    qtbot.addWidget(page)
    page.show()
    whole = (ctx.ws.query.houses if page_type is HousesPage else ctx.ws.query.places)(page.scope_id())
    for col, column in enumerate(page.model.columns):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            page.table.horizontalHeader().setSortIndicator(col, order)  # a click on the column's header
            assert [page.model.record_id(r) for r in range(page.model.rowCount())] == [
                r.id for r in sorted(whole, key=lambda r: getattr(r, column.attr),
                                     reverse=order == Qt.SortOrder.DescendingOrder)], column.attr


def test_the_selected_house_stays_selected_when_another_workstation_adds_one(houses, ctx) -> None:
    row = houses.model.rowCount() // 2
    chosen = houses.model.record_id(row)
    houses.table.selectRow(row)
    before = houses.model.rowCount()
    elsewhere(ctx, lambda: ctx.ws.houses.create(ctx.actor, houses.scope_id(), address="幸福村0组0号"))
    assert houses.model.rowCount() == before + 1
    assert houses.current_id() == chosen and houses.model.record_id(0) != chosen
    assert "幸福村0组0号" in _column(houses, 0)


def test_a_place_is_created_and_then_edited(places, ctx, qtbot) -> None:
    grid = _select_first_grid(places)
    before = places.model.rowCount()
    form = _click_new(qtbot, places, PlaceForm)
    type_text(qtbot, form.widgets["name"], "幸福村鲜果超市")
    _pick(form.widgets["type"], "商超")
    type_text(qtbot, form.widgets["contact_name"], "李四")
    type_text(qtbot, form.widgets["contact_phone"], "13900000000")
    _ctrl_s(qtbot, form)
    assert places.count_label.text() == f"{grid.name}：共 {before + 1} 个场所"
    place_id = form.record_id
    form.close()

    form = _open_row(qtbot, places, place_id, PlaceForm)
    assert form.widgets["contact_name"].text() == "李四"
    _pick(form.widgets["risk_level"], "高")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    row = places.model.row_of(place_id)
    assert [places.model.index(row, c).data() for c in (0, 1, 3, 5)] == ["幸福村鲜果超市", "商超", "李四", "高"]
    assert places.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert ctx.ws.query.place(place_id).risk_level == "高"


def test_place_filters_narrow_the_list(places) -> None:
    total = places.model.rowCount()
    _choose(places.filters["risk_level"], "高")
    assert 0 < places.model.rowCount() < total
    assert set(_column(places, 5)) == {"高"}
    _choose(places.filters["risk_level"], None)
    _choose(places.filters["type"], "商超")
    assert set(_column(places, 1)) == {"商超"}
    _choose(places.filters["risk_level"], "高")  # the demo's shops are all low risk
    assert places.model.rowCount() == 0
    assert places.count_label.text().endswith("共 0 个场所")


def test_deleting_a_place_after_confirming_moves_it_to_the_recycle_bin(places, ctx, qtbot, monkeypatch) -> None:
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda _parent, text, title=None: asked.append(text) or True)
    victim = places.model.record(0)
    places.select_record(victim.id)
    qtbot.mouseClick(places.delete_button, Qt.MouseButton.LeftButton)
    assert asked == [f"把场所“{victim.name}”移到回收站？可在回收站恢复。"]
    assert places.model.row_of(victim.id) == -1
    assert victim.name in [i.title for i in ctx.ws.recycle.items("place")]


def test_declining_the_confirmation_deletes_nothing(places, monkeypatch, qtbot) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *_args, **_kw: False)
    victim = places.model.record(0)
    places.select_record(victim.id)
    qtbot.mouseClick(places.delete_button, Qt.MouseButton.LeftButton)
    assert places.model.row_of(victim.id) >= 0


def test_closing_a_form_with_unsaved_changes_asks_first(places, ctx, qtbot, monkeypatch) -> None:
    asked: list[str] = []
    answer = "cancel"
    monkeypatch.setattr(messages, "ask_save", lambda _parent, text: asked.append(text) or answer)
    _select_first_grid(places)
    form = _click_new(qtbot, places, PlaceForm)
    assert form.close()  # nothing typed: closes without asking
    assert asked == []

    form = _click_new(qtbot, places, PlaceForm)
    type_text(qtbot, form.widgets["name"], "幸福村农资店")
    assert not form.close()
    assert asked == ["新建场所有未保存的修改，要保存吗？"]
    assert form.isVisible()
    assert form.widgets["name"].text() == "幸福村农资店"

    answer = "save"
    form.close()  # saves, then closes once the save has gone through
    qtbot.waitUntil(lambda: closed(form))
    assert "幸福村农资店" in _column(places, 0)

    form = _click_new(qtbot, places, PlaceForm)
    type_text(qtbot, form.widgets["name"], "幸福村废品站")
    answer = "discard"
    assert form.close()
    assert len(asked) == 3
    assert "幸福村废品站" not in [p.name for p in ctx.ws.query.places(places.scope_id())]

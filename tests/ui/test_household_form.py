"""The household page (入户登记), driven as a user would: keys, clicks, and what the window shows."""

from __future__ import annotations

from datetime import date

import pytest
from factories import valid_id
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import event
from ui_helpers import type_text

from gridapp.dto import HouseholdView
from ui import messages
from ui.forms.household_form import COLUMNS, HouseholdForm

HEAD_ID = valid_id("11010519650302001")  # male, born 1965-03-02
WIFE_ID = valid_id("11010519680815002")  # female
SON_ID = valid_id("11010519920101003")
DAUGHTER_ID = valid_id("11010519950606004")
CTRL = Qt.KeyboardModifier.ControlModifier


def first_grid(ws) -> str:
    """第一网格 of the demo village (county → town → village → grid)."""
    node = None
    for _ in range(4):
        node = ws.query.grid_children(node.id if node else None)[0]
    assert node.level_label == "网格"
    return node.id


def demo_household(ws, test) -> HouseholdView:
    return next(v for v in map(ws.query.household, ws.query.household_ids(None)) if test(v))


@pytest.fixture(autouse=True)
def never_block_on_close(monkeypatch) -> None:
    """A form still dirty when the test ends is discarded, not left waiting on a message box."""
    monkeypatch.setattr(messages, "ask_save", lambda _parent, _text: "discard")


def show(qtbot, form: HouseholdForm) -> HouseholdForm:
    if form.parent() is None:
        qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def focused():
    return QApplication.focusWidget()


def type_(qtbot, text: str) -> None:
    type_text(qtbot, focused(), text)


def press(qtbot, key: Qt.Key, times: int = 1, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key goes where Qt sends it: to an open completion list first, else to the focused field."""
    for _ in range(times):
        qtbot.keyClick(QApplication.activePopupWidget() or focused(), key, modifier)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot, form: HouseholdForm, row: int) -> None:
    rect = form.table.visualRect(form.table.model().index(row, 0))
    qtbot.mouseClick(form.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def register_member(qtbot, form: HouseholdForm, name: str, id_number: str, relation: str) -> None:
    """姓名, Tab, 身份证号, Tab (sex and birth date are filled and skipped), 与户主关系 by type-ahead, Enter."""
    editor = form.current_editor()
    assert focused() is editor.name
    type_(qtbot, name)
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, id_number)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.relation
    if relation:
        type_(qtbot, relation)
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is editor.coded["ethnicity"]


def test_register_a_household_with_the_keyboard_alone(ctx, window, qtbot) -> None:
    grid = first_grid(ctx.ws)
    assert all(ctx.ws.query.person_by_id_number(n) is None for n in (HEAD_ID, WIFE_ID, SON_ID, DAUGHTER_ID))
    form = show(qtbot, HouseholdForm(ctx, grid_id=grid, parent=window))
    assert form.grid_path.text() == "宁陵县 › 清河镇 › 幸福村 › 第一网格"
    assert focused() is form.number
    type_(qtbot, "901")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "幸福村9组1号")
    press(qtbot, Qt.Key.Key_Return)  # Enter moves on like Tab
    assert focused() is form.kind
    press(qtbot, Qt.Key.Key_Tab, 8)  # 联系电话, 房屋, 人均纯收入, 饮水安全, 人工认定, 理由, 备注, the first member
    register_member(qtbot, form, "王建国", HEAD_ID, "")  # the first member starts as 户主
    type_(qtbot, "汉")
    press(qtbot, Qt.Key.Key_Tab)
    assert form.current_editor().coded["ethnicity"].currentText() == "汉族"
    for name, number, relation in (("李秀兰", WIFE_ID, "爱人"), ("王小明", SON_ID, "子"),
                                   ("王小红", DAUGHTER_ID, "女儿")):
        press(qtbot, Qt.Key.Key_N, modifier=CTRL)
        register_member(qtbot, form, name, number, relation)
    assert [form.table.item(r, 1).text() for r in range(4)] == ["户主", "配偶", "子", "女"]
    assert form.is_dirty() and form.isWindowModified()
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)

    assert not form.is_dirty()
    assert form.banner.text() == "已保存。"
    assert form.household_id in ctx.ws.query.household_ids(grid)
    view = ctx.ws.query.household(form.household_id)
    assert (view.number, view.address) == ("901", "幸福村9组1号")
    assert [(m.name, m.relation, m.sex) for m in view.members] == [
        ("王建国", "户主", "男"), ("李秀兰", "配偶", "女"), ("王小明", "子", "男"), ("王小红", "女", "女")]
    assert (view.members[0].birth_date, view.members[0].ethnicity) == (date(1965, 3, 2), "汉族")
    assert view.members[0].birthplace == "北京市朝阳区"
    page = window.households_page
    row = page.model.row_of(form.household_id)
    assert (page.model.index(row, 1).data(), page.model.index(row, 3).data()) == ("王建国", 4)


def test_tab_order_follows_the_paper_page(ctx, qtbot) -> None:
    form = show(qtbot, HouseholdForm(ctx, grid_id=first_grid(ctx.ws)))
    editor, c = form.current_editor(), form.current_editor().coded
    expected = [form.address, form.kind, form.phone, form.house, form.income, form.water, form.colour,
                form.colour_reason, form.notes, editor.name, editor.id_number, editor.sex, editor.birth_date,
                editor.relation, c["ethnicity"], c["political_status"], c["education"], c["marital_status"],
                editor.texts["occupation"], editor.texts["employer"], editor.texts["phone"], c["residence_kind"],
                c["status"], editor.insured, editor.schooling, editor.notes]
    seen = []
    for _ in expected:
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused())
    assert seen == expected  # 户籍地 and 来本地日期 are skipped: they are only for people from elsewhere
    press(qtbot, Qt.Key.Key_Tab, 4, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert focused() is c["residence_kind"]
    type_(qtbot, "流动")  # arriving by Tab selects the old value, so typing replaces it
    press(qtbot, Qt.Key.Key_Tab)
    assert (c["residence_kind"].currentText(), focused()) == ("流动人口", editor.texts["origin"])
    press(qtbot, Qt.Key.Key_Tab, 2)
    assert focused() is c["status"]
    press(qtbot, Qt.Key.Key_Tab, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert focused() is editor.arrival_date


def test_an_invalid_id_number_is_explained_and_blocks_saving(ctx, qtbot) -> None:
    grid = first_grid(ctx.ws)
    before = ctx.ws.query.household_ids(grid)
    form = show(qtbot, HouseholdForm(ctx, grid_id=grid))
    editor = form.current_editor()
    editor.name.setFocus()
    type_(qtbot, "张三")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "110105194912310021")
    assert editor.id_error.isVisible()
    assert editor.id_error.text() == "第18位校验码应为 X，实际为 1"
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)
    assert form.banner.isVisible() and "第18位校验码应为 X，实际为 1" in form.banner.text()
    assert focused() is editor.id_number
    assert ctx.ws.query.household_ids(grid) == before and form.household_id is None

    press(qtbot, Qt.Key.Key_Backspace)
    type_(qtbot, "x")
    assert not editor.id_error.isVisible()
    assert (editor.sex.currentText(), editor.birth_date.text(), editor.birthplace.text()) == (
        "女", "1949-12-31", "北京市朝阳区")
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)
    assert form.household_id in ctx.ws.query.household_ids(grid)
    assert ctx.ws.query.household(form.household_id).members[0].id_number == "11010519491231002X"


def test_a_doubtful_id_number_warns_in_amber_and_saves(ctx, qtbot) -> None:
    grid = first_grid(ctx.ws)
    form = show(qtbot, HouseholdForm(ctx, grid_id=grid))
    editor = form.current_editor()
    editor.name.setFocus()
    type_(qtbot, "李四")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, valid_id("11010320150101001"))  # 崇文区, gone by 2010, holder born 2015
    assert not editor.id_error.isVisible() and editor.id_warning.isVisible()
    assert "最晚在2010年已撤销，2015年出生的人不会编这个代码" in editor.id_warning.text()
    assert editor.id_warning.palette().windowText().color().name() == "#8a5300"  # amber, not the error red
    assert editor.birthplace.text() == "北京市崇文区（已撤销）"
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "户主")
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)  # a warning does not block saving
    assert form.household_id in ctx.ws.query.household_ids(grid)
    assert ctx.ws.query.household(form.household_id).members[0].birthplace == "北京市崇文区（已撤销）"

    editor = form.current_editor()  # the saved household, loaded again: the warning stays
    assert editor.id_warning.isVisible() and editor.birthplace.text() == "北京市崇文区（已撤销）"
    editor.id_number.setFocus()
    editor.id_number.selectAll()
    type_(qtbot, valid_id("11010519491231002"))
    assert editor.birthplace.text() == "北京市朝阳区" and not editor.id_warning.isVisible()


def test_a_registered_id_number_offers_move_in(ctx, qtbot) -> None:
    old = demo_household(ctx.ws, lambda v: len(v.members) >= 3)
    mover = old.members[1]
    grid = first_grid(ctx.ws)
    form = show(qtbot, HouseholdForm(ctx, grid_id=grid))
    form.current_editor().name.setFocus()
    register_member(qtbot, form, "赵新民", HEAD_ID, "")
    press(qtbot, Qt.Key.Key_N, modifier=CTRL)
    editor = form.current_editor()
    type_(qtbot, "某某")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, mover.id_number)
    warning = editor.duplicate.text()
    assert editor.duplicate.isVisible() and editor.move_in_button.isVisible()
    assert mover.name in warning and old.grid_path[-1] in warning and f"{old.number}号户" in warning
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.move_in_button
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "其他")
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)  # saving without accepting 迁入 is refused
    assert "已登记为" in form.banner.text() and form.household_id is None

    click(qtbot, editor.move_in_button)
    assert editor.name.text() == mover.name and not editor.move_in_button.isVisible()
    assert (editor.relation.currentText(), editor.sex.currentText()) == ("其他", mover.sex)
    assert "迁入本户" in editor.duplicate.text()
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)
    assert form.banner.text() == "已保存。"
    assert [m.id for m in ctx.ws.query.household(form.household_id).members] == [
        form.editors[0].person_id, mover.id]
    [move] = ctx.ws.query.person_history(mover.id)
    assert (move.from_household_id, move.to_household_id) == (old.id, form.household_id)
    assert mover.id not in [m.id for m in ctx.ws.query.household(old.id).members]


def test_closing_with_unsaved_changes_asks(ctx, qtbot, monkeypatch) -> None:
    grid = first_grid(ctx.ws)
    before = ctx.ws.query.household_ids(grid)
    answers: list[str] = []
    monkeypatch.setattr(messages, "ask_save", lambda _parent, _text: answers.pop(0))
    form = show(qtbot, HouseholdForm(ctx, grid_id=grid))
    assert not form.is_dirty()
    type_(qtbot, "902")
    assert form.is_dirty()
    answers.append("cancel")
    press(qtbot, Qt.Key.Key_Escape)
    assert form.isVisible() and answers == []
    answers.append("discard")
    assert form.close()
    assert answers == [] and ctx.ws.query.household_ids(grid) == before


def test_closing_a_clean_form_does_not_ask(ctx, qtbot, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask_save", lambda _parent, text: asked.append(text) or "cancel")
    household = ctx.ws.query.household_ids(None)[0]
    form = show(qtbot, HouseholdForm(ctx, household_id=household))
    assert form.close() and asked == []


def test_dates_are_normalised_and_tags_keep_their_details(ctx, qtbot) -> None:
    household = demo_household(ctx.ws, lambda v: len(v.members) >= 2 and not v.members[1].tags)
    form = show(qtbot, HouseholdForm(ctx, household_id=household.id))
    click_row(qtbot, form, 1)
    editor = form.current_editor()
    click(qtbot, editor.coded["residence_kind"].lineEdit())
    press(qtbot, Qt.Key.Key_A, modifier=CTRL)
    type_(qtbot, "流动")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.texts["origin"]
    type_(qtbot, "安徽省亳州市")
    press(qtbot, Qt.Key.Key_Tab)
    for typed in ("19650302", "1965.3.2", "1965/3/2", "1965年3月2日", "1965.13.2"):
        press(qtbot, Qt.Key.Key_A, modifier=CTRL)
        type_(qtbot, typed)
        press(qtbot, Qt.Key.Key_Return)
        assert focused() is editor.coded["status"]
        if typed != "1965.13.2":
            assert editor.arrival_date.text() == "1965-03-02"
        press(qtbot, Qt.Key.Key_Tab, modifier=Qt.KeyboardModifier.ShiftModifier)
    date_error = editor.arrival_date.parentWidget().findChild(QLabel, "inlineError")
    assert date_error.isVisible() and "不存在" in date_error.text()
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)
    assert "来本地日期" in form.banner.text() and focused() is editor.arrival_date
    press(qtbot, Qt.Key.Key_A, modifier=CTRL)
    type_(qtbot, "2019.10.1")
    press(qtbot, Qt.Key.Key_Tab)
    assert not date_error.isVisible()

    tags = editor.tags
    tags.category.setCurrentIndex(tags.category.findData("disabled"))
    click(qtbot, tags.add_button)
    panel = tags.current_panel()
    labels = [label.text() for label in panel.findChildren(QLabel)]
    assert {"残疾人", "残疾类别", "残疾等级", "残疾证号", "开始日期", "结束日期"} <= set(labels)
    panel.fields["disability_type"].setCurrentText("肢体")
    panel.fields["disability_grade"].setCurrentText("二级")
    click(qtbot, panel.fields["certificate_no"])
    type_(qtbot, "41142319650302001X44")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "2020.5.1")
    press(qtbot, Qt.Key.Key_Tab)
    assert panel.since.text() == "2020-05-01"
    assert form.table.item(1, COLUMNS.index("人群标签")).text() == "残疾人"
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)

    assert form.banner.text() == "已保存。"
    saved = ctx.ws.query.household(household.id).members[1]
    assert (saved.residence_kind, saved.origin, saved.arrival_date) == ("流动人口", "安徽省亳州市", date(2019, 10, 1))
    [tag] = saved.tags
    assert (tag.label, tag.details, tag.since) == (
        "残疾人", {"disability_type": "肢体", "disability_grade": "二级", "certificate_no": "41142319650302001X44"},
        date(2020, 5, 1))


def test_a_new_head_and_a_new_order_reach_the_core(ctx, qtbot) -> None:
    household = demo_household(ctx.ws, lambda v: len(v.members) >= 4 and v.members[0].sex == "男"
                               and v.members[1].relation in ("妻", "配偶"))
    head, wife, *others = household.members
    form = show(qtbot, HouseholdForm(ctx, household_id=household.id))
    click_row(qtbot, form, 1)
    click(qtbot, form.head_button)
    assert [form.table.item(r, 0).text() for r in range(2)] == [wife.name, head.name]
    assert [form.table.item(r, 1).text() for r in range(2)] == ["户主", "夫"]
    assert "请核对" in form.banner.text()
    click_row(qtbot, form, len(household.members) - 1)
    click(qtbot, form.up_button)
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)

    saved = ctx.ws.query.household(household.id).members
    expected = [wife, head, *others[:-2], others[-1], others[-2]]
    assert [m.id for m in saved] == [m.id for m in expected]
    assert [m.relation for m in saved[:2]] == ["户主", "夫"]


def test_opening_a_household_costs_the_same_few_queries_whatever_its_size(ctx, qtbot) -> None:
    small = demo_household(ctx.ws, lambda v: len(v.members) == 2)
    large = demo_household(ctx.ws, lambda v: len(v.members) >= 5)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(ctx.ws.engine, "before_cursor_execute", record)

    def count_open(household: HouseholdView) -> int:
        statements.clear()
        form = show(qtbot, HouseholdForm(ctx, household_id=household.id))
        form.select_person(household.members[-1].id)
        assert form.current_editor().name.text() == household.members[-1].name
        return len(statements)

    try:
        assert count_open(small) == count_open(large) <= 8
    finally:
        event.remove(ctx.ws.engine, "before_cursor_execute", record)


@pytest.mark.parametrize("relation", ["老婆", "妻子（妻）"])
def test_relations_accept_aliases_and_refuse_other_text(ctx, qtbot, relation: str) -> None:
    form = show(qtbot, HouseholdForm(ctx, grid_id=first_grid(ctx.ws)))
    combo = form.add_member().relation
    click(qtbot, combo.lineEdit())
    type_(qtbot, relation)
    press(qtbot, Qt.Key.Key_Tab)
    assert combo.currentText() == "妻"
    press(qtbot, Qt.Key.Key_Tab, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert focused() is combo
    press(qtbot, Qt.Key.Key_A, modifier=CTRL)
    type_(qtbot, "邻居")
    press(qtbot, Qt.Key.Key_Tab)
    error = combo.parentWidget().findChild(QLabel, "inlineError")
    assert error.isVisible() and "邻居" in error.text()


def test_removing_a_member_asks_first_and_saving_sends_them_to_the_recycle_bin(ctx, qtbot, monkeypatch) -> None:
    household = demo_household(ctx.ws, lambda v: len(v.members) >= 3)
    leaving = household.members[-1]
    answers = [False, True]
    monkeypatch.setattr(messages, "confirm", lambda _parent, _text: answers.pop(0))
    form = show(qtbot, HouseholdForm(ctx, household_id=household.id))
    click_row(qtbot, form, len(household.members) - 1)
    click(qtbot, form.remove_button)
    assert form.table.rowCount() == len(household.members) and not form.is_dirty()
    click(qtbot, form.remove_button)
    assert form.table.rowCount() == len(household.members) - 1 and form.is_dirty()
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)
    assert leaving.id not in [m.id for m in ctx.ws.query.household(household.id).members]
    assert leaving.id in [item.id for item in ctx.ws.recycle.items("person")]


def test_indicators_show_the_computed_colour_and_an_override_needs_its_reason(ctx, qtbot) -> None:
    household = demo_household(ctx.ws, lambda v: not v.colour_override)
    form = show(qtbot, HouseholdForm(ctx, household_id=household.id))
    click(qtbot, form.income)
    press(qtbot, Qt.Key.Key_A, modifier=CTRL)
    type_(qtbot, "3200")
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)
    assert form.banner.text() == "已保存。"
    assert form.colour_shown.text() in ("红", "黄")
    assert "人均纯收入 3,200 元，低于监测线 6,000 元" in form.colour_reasons.text()
    assert ctx.ws.query.household(household.id).income_per_capita == 3200

    form.colour.setCurrentIndex(form.colour.findData("绿"))
    form.colour.activated.emit(form.colour.currentIndex())
    assert form.is_dirty()
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)
    assert "人工认定监测颜色时请写明认定理由" in form.banner.text() and focused() is form.colour_reason
    assert ctx.ws.query.household(household.id).colour_override == ""

    type_(qtbot, "低保金已到账，收入已核实")
    press(qtbot, Qt.Key.Key_S, modifier=CTRL)
    assert form.banner.text() == "已保存。"
    assert form.colour_shown.text() == "绿"
    assert form.colour_reasons.text().startswith("人工认定：低保金已到账，收入已核实（按规则为")
    assert ctx.ws.query.household(household.id).colour == "绿"

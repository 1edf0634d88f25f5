"""Global search, the recycle bin and large-font mode, driven through the real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import type_text

from gridapp.dto import HouseholdInput, PersonInput
from gridapp.idnumber import check_digit
from ui import messages
from ui.main_window import MainWindow
from ui.pages.settings_page import LARGE_POINT_SIZE, NORMAL_POINT_SIZE


def _register(ctx, name: str, grid_id: str) -> str:
    number = "41142319580606001"
    data = HouseholdInput(grid_id=grid_id, number="T001", address="幸福村9组1号",
                          members=[PersonInput(name=name, relation="户主", id_number=number + check_digit(number))])
    return ctx.ws.households.create(ctx.actor, data).id


def _a_grid(ctx) -> str:
    county = ctx.ws.query.grid_children(None)[0]
    town = ctx.ws.query.grid_children(county.id)[0]
    village = ctx.ws.query.grid_children(town.id)[0]
    return ctx.ws.query.grid_children(village.id)[0].id


def test_search_by_pinyin_initials_with_an_override_surname_opens_the_household(window, ctx, qtbot) -> None:
    hid = _register(ctx, "曾庆丰", _a_grid(ctx))
    opened = []
    ctx.open_household = lambda household_id, person_id=None: opened.append((household_id, person_id))
    box = window.search
    qtbot.keyClicks(box, "zqf")  # 曾 is read zeng here, not ceng
    popup = box.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    texts = [box.results.item(r).text() for r in range(box.results.rowCount())]
    assert any(t.startswith("曾庆丰") for t in texts)
    row = next(r for r, t in enumerate(texts) if t.startswith("曾庆丰"))
    popup.setCurrentIndex(popup.model().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(opened))
    qtbot.wait(20)  # a second open would arrive in the same event-loop turn
    person = ctx.ws.query.household(hid).members[0].id
    assert opened == [(hid, person)]


def test_search_by_id_tail_and_no_result_message(window, ctx, qtbot) -> None:
    hid = _register(ctx, "王小明", _a_grid(ctx))
    id_number = ctx.ws.query.household(hid).members[0].id_number
    box = window.search
    qtbot.keyClicks(box, id_number[-6:])
    qtbot.waitUntil(lambda: box.results.rowCount() > 0)
    assert box.results.item(0).text().startswith("王小明")
    box.clear()
    type_text(qtbot, box, "查无此人啊")
    qtbot.waitUntil(lambda: box.results.item(0).text() == "没有找到“查无此人啊”")
    assert box.results.rowCount() == 1 and not box.results.item(0).isEnabled()


def test_delete_and_restore_through_the_recycle_bin(window, ctx, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    page = window.households_page
    total = page.model.rowCount()
    page.table.selectRow(0)
    victim = page.model.household_id(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == total - 1
    recycle = window.show_page("recycle")
    assert recycle.table.rowCount() == 1
    assert recycle.table.item(0, 0).text() == "住户"
    recycle.table.selectRow(0)
    qtbot.mouseClick(recycle.restore_button, Qt.MouseButton.LeftButton)
    assert recycle.table.rowCount() == 0
    assert page.model.rowCount() == total
    assert victim in ctx.ws.query.household_ids(None)


def test_large_font_mode_changes_the_font_and_is_remembered(window, ctx, qtbot) -> None:
    settings = window.show_page("settings")
    assert QApplication.font().pointSize() == NORMAL_POINT_SIZE
    settings.large_font.setFocus()
    qtbot.keyClick(settings.large_font, Qt.Key.Key_Space)
    assert QApplication.font().pointSize() == LARGE_POINT_SIZE
    qtbot.waitUntil(lambda: window.nav.font().pointSize() == LARGE_POINT_SIZE)  # fonts propagate by event
    second = MainWindow(ctx)  # a new start reads the remembered setting
    qtbot.addWidget(second)
    assert second.page("settings").large_font.isChecked()
    qtbot.keyClick(settings.large_font, Qt.Key.Key_Space)
    assert QApplication.font().pointSize() == NORMAL_POINT_SIZE
    assert ctx.settings.value("ui/large_font") == "false"


def test_backup_now_lists_the_new_backup(window, ctx, qtbot) -> None:
    panel = window.show_page("settings").backups
    before = panel.table.rowCount()
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == before + 1
    assert panel.work.status.text().startswith("已备份到：")


def test_large_font_widens_the_list_columns_so_id_numbers_stay_whole(window, qtbot) -> None:
    page = window.households_page
    id_column = 2
    normal = page.table.columnWidth(id_column)
    settings = window.show_page("settings")
    settings.large_font.setFocus()
    qtbot.keyClick(settings.large_font, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.table.columnWidth(id_column) > normal)
    text = page.model.index(0, id_column).data()
    assert page.table.fontMetrics().horizontalAdvance(text) < page.table.columnWidth(id_column)
    qtbot.keyClick(settings.large_font, Qt.Key.Key_Space)

"""The window offers each role only what it may do: a 查询 user reads lists and forms but finds no 新建, 删除,
导入 or 保存; a 网格员 registers households but does not edit the grid tree, sync or manage users."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from user_helpers import give_passwords, signed_in

from ui import messages
from ui.forms.household_form import HouseholdForm
from ui.main_window import MainWindow

LIST_PAGES = ("households", "houses", "places", "cases")


@pytest.fixture
def window_of(ctx, qtbot):
    give_passwords(ctx.ws)

    def open_as(username: str) -> MainWindow:
        window = MainWindow(signed_in(ctx, username))
        qtbot.addWidget(window)
        window.show()
        return window

    return open_as


def test_a_query_user_sees_lists_without_new_or_delete_buttons(window_of) -> None:
    window = window_of("chaxun")
    assert window.page_titles() == ["首页", "网格", "住户", "房屋", "场所", "事件", "走访", "考核", "台账", "设置"]
    for key in LIST_PAGES:
        page = window.show_page(key)
        assert page.new_button.isHidden() and not page.open_button.isHidden(), key
    households = window.show_page("households")
    assert households.model.rowCount() > 0
    assert households.delete_button.isHidden() and households.import_button.isHidden()
    visits = window.show_page("visits")
    assert visits.new_button.isHidden() and visits.delete_button.isHidden() and visits.record_button.isHidden()
    grid = window.show_page("grid")
    assert all(b.isHidden() for b in (grid.new_button, grid.rename_button, grid.move_button, grid.merge_button,
                                      grid.retire_button, grid.detail.save_button, grid.workers.add_button))
    assert not grid.detail.edits["name"].isEnabled()
    assert grid.tree.dragDropMode() == grid.tree.DragDropMode.NoDragDrop
    ledgers = window.show_page("ledgers")
    assert ledgers.mask.isChecked() and not ledgers.mask.isEnabled()  # 查询 prints masked only
    settings = window.show_page("settings")
    assert not settings.password_button.isHidden() and not settings.idle_minutes.isEnabled()
    assert not settings.backups.isVisibleTo(settings) and not settings.passphrase_button.isVisibleTo(settings)
    assert settings.large_font.isVisibleTo(settings)
    assert window.pages["home"].first_steps.buttons == {}
    assert "查询员（查询，范围：全部）" in window.user_label.text()


def test_a_query_user_reads_a_household_but_cannot_change_it(ctx, qtbot, window_of, monkeypatch) -> None:
    window = window_of("chaxun")
    household_id = ctx.ws.query.household_ids(None)[0]
    window.open_household(household_id)
    [form] = window.findChildren(HouseholdForm)
    assert form.save_button.isHidden() and form.add_button.isHidden() and not form.close_button.isHidden()
    editor = form.current_editor()
    assert form.number.isReadOnly() and editor.name.isReadOnly() and not form.kind.isEnabled()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S does nothing
    qtbot.keyClick(form, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # nor does Ctrl+N (添加成员)
    assert not form.banner.isVisible() and len(form.editors) == len(ctx.ws.query.household(household_id).members)
    monkeypatch.setattr(messages, "ask_save", lambda *_a: pytest.fail("nothing could have changed"))
    assert form.close()


def test_a_grid_worker_registers_households_but_keeps_off_the_tree_sync_and_users(window_of) -> None:
    window = window_of("wangli")
    titles = window.page_titles()
    assert "回收站" in titles and not {"同步", "用户", "日志"} & set(titles)
    for key in LIST_PAGES:
        assert not window.show_page(key).new_button.isHidden(), key
    assert not window.show_page("households").import_button.isHidden()
    assert window.show_page("grid").new_button.isHidden()
    assert not window.show_page("ledgers").mask.isChecked()  # 网格员 may print in full

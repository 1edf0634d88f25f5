"""用户 and 日志, driven as an administrator would: a new grid worker with a role and a scope, a password reset,
an account disabled and enabled; the log filtered by user, kind, dates and record, opened and exported."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from case_helpers import answer_dialogs
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog
from ui_helpers import type_text
from user_helpers import PASSWORDS, first_grid, give_passwords, signed_in

from gridapp.dto import CaseInput, HouseholdInput, PersonInput
from gridapp.errors import UserError
from ui import file_dialogs, messages
from ui.dialogs.case_window import CaseWindow
from ui.dialogs.choose_node_dialog import ChooseNodeDialog
from ui.dialogs.password_dialogs import NewPasswordDialog
from ui.dialogs.user_dialog import UserDialog
from ui.grid_tree_model import reveal
from ui.main_window import MainWindow
from ui.pages.audit_page import detail_text


@pytest.fixture
def admin_window(ctx, qtbot, monkeypatch):
    monkeypatch.setattr(messages, "info", lambda *_args: None)
    give_passwords(ctx.ws)
    window = MainWindow(signed_in(ctx, "admin"))
    qtbot.addWidget(window)
    window.show()
    return window


def column(table, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


def row_of(page, username: str) -> list[str]:
    row = column(page.table, 0).index(username)
    return [page.table.item(row, c).text() for c in range(page.table.columnCount())]


def test_the_administrator_adds_a_grid_worker_for_one_grid(admin_window, ctx, qtbot, monkeypatch) -> None:
    page = admin_window.show_page("users")
    assert column(page.table, 0) == ["admin", "chaxun", "wangli"]
    assert row_of(page, "wangli")[1:5] == ["王丽", "网格员", first_grid(ctx.ws).name, "正常"]
    second_grid = ctx.ws.query.grid_children(first_grid(ctx.ws).parent_id)[1]

    def choose(dialog: ChooseNodeDialog) -> None:
        dialog.tree.setCurrentIndex(reveal(dialog.tree, second_grid.id))
        dialog.ok_button.click()

    answer_dialogs(monkeypatch, ChooseNodeDialog, choose)

    def fill(dialog: UserDialog) -> None:
        type_text(qtbot, dialog.username, "zhaoqiang")
        type_text(qtbot, dialog.display_name, "赵强")
        assert dialog.role.currentText() == "网格员" and "登记和修改本网格的住户" in dialog.role_note.text()
        dialog.role.setCurrentIndex(dialog.role.findText("网格长"))
        assert dialog.role_note.text() == "网格员的工作，加上事件的改派、督办、公示和归档。"
        assert dialog.scope_label.text() == "全部"
        dialog.scope_button.click()
        assert dialog.scope_label.text().endswith(f"› {second_grid.name}")
        qtbot.keyClicks(dialog.new_password.first, "zhao-2026")
        qtbot.keyClicks(dialog.new_password.second, "zhao-2027")
        dialog.ok_button.click()  # refused before anything is written: the passwords differ
        assert dialog.banner.text() == "两次输入的密码不一致。" and dialog.result() != QDialog.DialogCode.Accepted
        dialog.new_password.second.clear()
        qtbot.keyClicks(dialog.new_password.second, "zhao-2026")
        dialog.ok_button.click()

    asked = answer_dialogs(monkeypatch, UserDialog, fill)
    page.new_button.click()
    [dialog] = asked
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert row_of(page, "zhaoqiang")[1:5] == ["赵强", "网格长", second_grid.name, "正常"]
    assert page.current().username == "zhaoqiang"
    actor = ctx.ws.users.login("zhaoqiang", "zhao-2026")
    assert (actor.role, actor.scope_grid_id) == ("网格长", second_grid.id)
    assert row_of(page, "zhaoqiang")[5] == ""  # the page has not been shown again yet
    page.refresh()
    assert row_of(page, "zhaoqiang")[5] != ""  # 最近登录


def test_a_taken_user_name_is_refused_and_the_dialog_keeps_what_was_typed(admin_window, qtbot, monkeypatch) -> None:
    page = admin_window.show_page("users")

    def fill(dialog: UserDialog) -> None:
        dialog.username.setText("wangli")
        dialog.display_name.setText("另一个王丽")
        dialog.new_password.first.setText("secret-1")
        dialog.new_password.second.setText("secret-1")
        dialog.ok_button.click()

    asked = answer_dialogs(monkeypatch, UserDialog, fill)
    page.new_button.click()
    [dialog] = asked
    assert dialog.banner.text() == "用户名“wangli”已经有人用了，请换一个。"
    assert dialog.display_name.text() == "另一个王丽" and dialog.ok_button.isEnabled()
    assert column(page.table, 0) == ["admin", "chaxun", "wangli"]


def test_disabling_enabling_and_resetting_a_password(admin_window, ctx, qtbot, monkeypatch) -> None:
    page = admin_window.show_page("users")
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    assert not page.active_button.isEnabled()  # nothing selected yet
    page.select("wangli")
    assert page.active_button.text() == "停用"
    page.active_button.click()
    assert row_of(page, "wangli")[4] == "已停用" and page.active_button.text() == "启用"
    with pytest.raises(UserError, match="已停用"):
        ctx.ws.users.login("wangli", PASSWORDS["wangli"])
    page.active_button.click()
    assert row_of(page, "wangli")[4] == "正常" and page.active_button.text() == "停用"

    def fill(dialog: NewPasswordDialog) -> None:
        qtbot.keyClicks(dialog.new_password.first, "new-wangli")
        qtbot.keyClicks(dialog.new_password.second, "new-wangli")
        dialog.ok_button.click()

    answer_dialogs(monkeypatch, NewPasswordDialog, fill)
    page.reset_button.click()
    assert ctx.ws.users.login("wangli", "new-wangli").name == "王丽"


def test_the_administrator_cannot_disable_the_account_in_use(admin_window, monkeypatch) -> None:
    page = admin_window.show_page("users")
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    refused: list[str] = []
    monkeypatch.setattr(messages, "error", lambda _parent, text, *_args: refused.append(text))
    page.select("admin")
    page.active_button.click()
    assert refused == ["不能停用自己正在使用的账号。"] and row_of(page, "admin")[4] == "正常"


def test_the_log_lists_newest_first_and_narrows_by_user_kind_dates_and_record(admin_window, ctx, qtbot) -> None:
    ws = ctx.ws
    with pytest.raises(UserError):
        ws.users.login("wangli", "typo")  # a failed log-in
    household_id = register(signed_in(ctx, "wangli"), "T901")
    page = admin_window.show_page("audit")
    times = [page.rows[r].at for r in range(len(page.rows))]
    assert times == sorted(times, reverse=True) and page.table.rowCount() == len(page.rows)
    assert page.count_label.text() == f"共 {len(page.rows)} 条"

    assert [page.user.itemText(i) for i in range(page.user.count())] == ["", "管理员", "查询员", "王丽"]
    page.user.setCurrentText("王丽")
    page.user.lineEdit().editingFinished.emit()
    assert set(column(page.table, 1)) == {"wangli", "王丽"}  # log-ins go by user name, the rest by name
    assert {"login", "login_failed", "create"} <= {r.action for r in page.rows}

    page.user.setCurrentText("")
    page.kind.setCurrentIndex(page.kind.findData("create"))
    assert page.rows and {r.action for r in page.rows} == {"create"}
    assert "王丽" in column(page.table, 1)

    tomorrow = ws.today() + timedelta(days=1)
    page.date_from.set_value(tomorrow)
    page.date_from.editingFinished.emit()
    assert page.table.rowCount() == 0 and page.count_label.text() == "共 0 条"
    page.date_from.set_value(None)
    page.date_to.set_value(ws.today())
    page.date_to.editingFinished.emit()
    assert page.rows

    page.kind.setCurrentIndex(0)
    row = next(r for r, e in enumerate(page.rows) if e.record_id == household_id)
    page.table.selectRow(row)
    page.record_button.click()
    assert page.all_records_button.isVisible() and page.record_label.text().startswith("记录：")
    assert {e.record_id for e in page.rows} == {household_id}
    page.all_records_button.click()
    assert page.record_label.text() == "记录：全部" and len({e.record_id for e in page.rows}) > 1


def test_a_double_click_opens_the_household_or_person_of_an_entry(admin_window, ctx, monkeypatch) -> None:
    household_id = register(signed_in(ctx, "admin"), "T902")
    [head] = ctx.ws.query.household(household_id).members
    opened: list[tuple[str, str | None]] = []
    admin_window.ctx.open_household = lambda hid, pid=None: opened.append((hid, pid))
    page = admin_window.show_page("audit")
    row = next(r for r, e in enumerate(page.rows) if e.table_name == "households")
    assert page.table.item(row, 3).text() == "住户 T902号 测试户主户"
    page.table.doubleClicked.emit(page.table.model().index(row, 0))
    assert opened == [(household_id, None)]
    row = next(r for r, e in enumerate(page.rows) if e.table_name == "persons")
    assert page.rows[row].record_id == head.id
    page.open_record(row)
    assert opened[-1] == (household_id, head.id)

    worker = signed_in(ctx, "wangli")
    case_id = worker.ws.cases.register(worker.actor, CaseInput(first_grid(ctx.ws).id, "门前垃圾堆积", "城市管理")).id
    page.refresh()
    row = next(r for r, e in enumerate(page.rows) if e.table_name == "cases")
    page.open_record(row)
    [case_window] = admin_window.findChildren(CaseWindow)
    assert case_window.case_id == case_id and case_window.isVisible()
    case_window.close()
    shown: list[str] = []
    monkeypatch.setattr(messages, "info", lambda _parent, text, *_a: shown.append(text))
    login_row = next(r for r, e in enumerate(page.rows) if e.table_name == "users")
    page.open_record(login_row)
    assert shown == ["这一条日志说的不是住户、人员或事件，没有可以打开的记录。"]


def test_the_log_exports_what_it_lists_and_the_export_is_logged(admin_window, ctx, tmp_path: Path,
                                                                monkeypatch) -> None:
    page = admin_window.show_page("audit")
    page.kind.setCurrentIndex(page.kind.findData("login"))
    listed = [tuple(page.table.item(r, c).text() for c in range(5)) for r in range(page.table.rowCount())]
    target = tmp_path / "日志.xlsx"
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *_args: str(target))
    page.export_button.click()
    sheet = load_workbook(target).active
    values = [tuple(c or "" for c in row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "操作日志"
    assert "登录" in values[1][0]  # the filters, as the sheet's 范围 line
    assert values[2] == ("时间", "用户", "操作", "对象", "详情")
    assert values[3:] == listed
    page.kind.setCurrentIndex(page.kind.findData("export"))
    [export] = page.rows
    assert export.user_name == "管理员" and export.detail["rows"] == len(listed)
    assert export.detail["file"] == "日志.xlsx"


def test_a_user_without_the_audit_right_has_no_log_or_user_pages(ctx, qtbot) -> None:
    give_passwords(ctx.ws)
    window = MainWindow(signed_in(ctx, "wangli"))
    qtbot.addWidget(window)
    assert "日志" not in window.page_titles() and "用户" not in window.page_titles()


def register(user, number: str) -> str:
    """A household registered by ``user`` (a context) in the first grid; its id."""
    data = HouseholdInput(grid_id=first_grid(user.ws).id, number=number, address=f"幸福村9组{number}号",
                          members=[PersonInput(name="测试户主", relation="户主")])
    return user.ws.households.create(user.actor, data).id


def test_an_entry_detail_reads_in_chinese_words() -> None:
    detail = {"fields": ["name", "phone"], "masked": True, "persons": {"created": 3}, "reason": "原因", "other": 7}
    assert detail_text(detail) == "改动：name、phone；遮挡身份证号和电话：是；人数：created 3；原因：原因；other：7"

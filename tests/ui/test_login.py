"""Logging in: the dialog remembers the user name but never the password, says why a log-in is refused in the
core's own words (wrong password, disabled account, the wait after five wrong tries), and an old database
without passwords asks its administrator for one at every start until one is set; 修改密码 in 设置 needs the
old password."""

from __future__ import annotations

import re
from pathlib import Path

from case_helpers import answer_dialogs
from PySide6.QtWidgets import QDialog
from user_helpers import PASSWORDS, give_passwords, signed_in

from ui import messages
from ui.dialogs.first_password_dialog import FirstPasswordDialog
from ui.dialogs.login_dialog import LAST_USER_KEY, LoginDialog
from ui.dialogs.password_dialogs import ChangePasswordDialog
from ui.pages.settings_page import SettingsPage
from ui.session import sign_in


def log_in(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.user.clear()
    qtbot.keyClicks(dialog.user, username)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    dialog.login_button.click()


def open_dialog(qtbot, ctx) -> LoginDialog:
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_grid_worker_logs_in_and_the_name_is_remembered_not_the_password(ctx, qtbot, tmp_path: Path) -> None:
    office = give_passwords(ctx.ws)
    dialog = open_dialog(qtbot, ctx)
    log_in(qtbot, dialog, "wangli", PASSWORDS["wangli"])
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.actor.name, dialog.actor.role, dialog.actor.scope_grid_id) == ("王丽", "网格员", office.grid_id)
    assert dialog.username == "wangli"
    assert ctx.setting(LAST_USER_KEY) == "wangli"
    assert PASSWORDS["wangli"] not in (tmp_path / "settings.ini").read_text(encoding="utf-8")

    again = open_dialog(qtbot, ctx)
    assert again.user.text() == "wangli" and again.password.text() == ""
    assert again.focusWidget() is again.password


def test_a_wrong_password_is_refused_in_plain_words_and_can_be_typed_again(ctx, qtbot) -> None:
    give_passwords(ctx.ws)
    dialog = open_dialog(qtbot, ctx)
    log_in(qtbot, dialog, "wangli", "not-her-password")
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.isVisible()
    assert dialog.banner.text() == "用户名或密码不对，请再试一次。" and dialog.banner.isVisible()
    assert dialog.password.text() == "" and dialog.login_button.isEnabled()
    log_in(qtbot, dialog, "nobody", "whatever")  # an unknown user reads the same: no hint which one was wrong
    assert dialog.banner.text() == "用户名或密码不对，请再试一次。"
    log_in(qtbot, dialog, "wangli", PASSWORDS["wangli"])
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_five_wrong_passwords_make_the_account_wait(ctx, qtbot) -> None:
    give_passwords(ctx.ws)
    dialog = open_dialog(qtbot, ctx)
    for _ in range(5):
        log_in(qtbot, dialog, "wangli", "guess")
    assert dialog.banner.text().startswith("密码连续输错5次，这个账号要等待60秒才能再登录。")
    log_in(qtbot, dialog, "wangli", PASSWORDS["wangli"])  # even the right password waits
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert re.fullmatch(r"密码输错次数太多，请等待\d+秒后再登录。", dialog.banner.text())


def test_a_disabled_account_is_told_to_ask_the_administrator(ctx, qtbot) -> None:
    office = give_passwords(ctx.ws)
    ctx.ws.users.set_active(office.admin, "wangli", False)
    dialog = open_dialog(qtbot, ctx)
    log_in(qtbot, dialog, "wangli", PASSWORDS["wangli"])
    assert dialog.banner.text() == "这个账号已停用，请找本单位管理员。"


def test_an_empty_user_name_is_asked_for_before_anything_is_tried(ctx, qtbot) -> None:
    give_passwords(ctx.ws)
    dialog = open_dialog(qtbot, ctx)
    log_in(qtbot, dialog, "", "x")
    assert dialog.banner.text() == "请填写用户名。" and dialog.focusWidget() is dialog.user


def test_an_old_database_asks_for_an_administrator_password_until_one_is_set(ctx, qtbot, monkeypatch) -> None:
    users = ctx.ws.users
    assert users.is_open()  # the demo village, like a database of the previous version, has no passwords
    asked: list[FirstPasswordDialog] = []
    monkeypatch.setattr(FirstPasswordDialog, "exec", lambda d: asked.append(d) or QDialog.DialogCode.Rejected)
    later = sign_in(ctx)  # 暂不设置: the program runs open, as its set-up administrator
    assert later is not None and later.username == "" and later.actor.role == "管理员"
    assert users.is_open()
    assert sign_in(ctx) is not None and len(asked) == 2  # asked again at the next start

    dialog = FirstPasswordDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.set_button.isEnabled()
    qtbot.keyClicks(dialog.new_password.first, "abc")
    assert dialog.new_password.hint.text() == "密码至少 6 位。" and not dialog.set_button.isEnabled()
    qtbot.keyClicks(dialog.new_password.first, "def")
    qtbot.keyClicks(dialog.new_password.second, "abcdeX")
    assert dialog.new_password.hint.text() == "两次输入的密码不一致。" and not dialog.set_button.isEnabled()
    dialog.new_password.second.clear()
    qtbot.keyClicks(dialog.new_password.second, "abcdef")
    dialog.set_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.role == "管理员"
    assert not users.is_open()  # from now on everybody logs in
    assert users.login("admin", "abcdef").user_id == dialog.actor.user_id


def test_a_database_with_passwords_starts_with_the_log_in(ctx, monkeypatch) -> None:
    office = give_passwords(ctx.ws)
    monkeypatch.setattr(FirstPasswordDialog, "exec", lambda _d: (_ for _ in ()).throw(AssertionError("asked")))

    def logged_in(dialog: LoginDialog) -> int:
        dialog.user.setText("wangli")
        dialog.password.setText(PASSWORDS["wangli"])
        dialog.log_in()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", logged_in)
    user = sign_in(ctx)
    assert user.actor.name == "王丽" and user.username == "wangli"
    assert user.ws.user == user.actor and user.ws is not ctx.ws  # every read of the window is the user's
    assert user.ws.user.scope_grid_id == office.grid_id
    monkeypatch.setattr(LoginDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    assert sign_in(ctx) is None  # 退出


def test_a_user_changes_their_own_password_in_the_settings(ctx, qtbot, monkeypatch) -> None:
    give_passwords(ctx.ws)
    page = SettingsPage(signed_in(ctx, "wangli"))
    qtbot.addWidget(page)
    told: list[str] = []
    monkeypatch.setattr(messages, "info", lambda _parent, text, *_a: told.append(text))

    def fill(dialog: ChangePasswordDialog) -> None:
        qtbot.keyClicks(dialog.old, "not-the-old-one")
        qtbot.keyClicks(dialog.new_password.first, "wangli-2027")
        qtbot.keyClicks(dialog.new_password.second, "wangli-2027")
        dialog.ok_button.click()
        assert dialog.banner.text() == "原密码不对，密码没有修改。" and dialog.new_password.password() == "wangli-2027"
        dialog.old.clear()
        qtbot.keyClicks(dialog.old, PASSWORDS["wangli"])
        dialog.ok_button.click()

    answer_dialogs(monkeypatch, ChangePasswordDialog, fill)
    page.password_button.click()
    assert told == ["密码已修改，下次登录请用新密码。"]
    assert ctx.ws.users.login("wangli", "wangli-2027").name == "王丽"

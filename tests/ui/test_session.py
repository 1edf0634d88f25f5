"""A working session: the idle lock covers the screen and keeps a half-typed person in an open household form
until the same password is typed; 切换用户 asks before it closes unsaved work; 退出登录 returns to the log-in;
the idle period set in 设置 is kept (0: never); the program itself opens with the log-in and logs out when closed."""

from __future__ import annotations

import shutil

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from ui_helpers import type_text
from user_helpers import PASSWORDS, give_passwords, signed_in

from gridapp import dto
from gridapp.workspace import Workspace
from ui import app as program
from ui import messages
from ui.dialogs.login_dialog import LoginDialog
from ui.forms.household_form import HouseholdForm
from ui.idle import IDLE_MINUTES_KEY
from ui.main_window import MainWindow
from ui.session import Session

MINUTE = 60.0


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * MINUTE


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def start(ctx, clock, monkeypatch):
    """Start a session as ``username`` on the demo village with passwords; closes what is left at the end."""
    monkeypatch.setattr(messages, "ask_save", lambda _parent, _text: "discard")
    give_passwords(ctx.ws)
    sessions: list[Session] = []

    def start_as(username: str) -> Session:
        session = Session(signed_in(ctx, username), clock=clock)
        sessions.append(session)
        return session

    yield start_as
    for session in sessions:
        session.watcher.stop()
        if session.lock_screen is not None:
            session.lock_screen.close_unlocked()
        if session.window is not None:
            session.window.close()


def half_typed_person(qtbot, session: Session) -> tuple[HouseholdForm, object]:
    """A household of the user's grid opened, a new member added and half typed."""
    ws = session.ctx.ws
    household_id = ws.query.household_ids(session.ctx.actor.scope_grid_id)[0]
    session.window.open_household(household_id)
    [form] = session.window.findChildren(HouseholdForm)
    form.add_button.click()
    editor = form.current_editor()
    type_text(qtbot, editor.name, "张小")
    qtbot.keyClicks(editor.id_number, "110105")
    return form, editor


def unlock_with(qtbot, session: Session, password: str) -> None:
    screen = session.lock_screen
    screen.password.clear()
    qtbot.keyClicks(screen.password, password)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)


def test_idle_lock_and_unlock_keep_a_half_typed_person(start, clock, qtbot) -> None:
    session = start("wangli")
    form, editor = half_typed_person(qtbot, session)
    clock.advance(14.9)
    session.watcher.check()
    assert session.lock_screen is None  # not yet: the default is 15 minutes
    clock.advance(0.2)
    session.watcher.check()
    screen = session.lock_screen
    assert screen is not None and screen.isVisible() and screen.isFullScreen()
    assert screen.isWindow() and screen.windowModality() == Qt.WindowModality.ApplicationModal
    assert screen.why.text().startswith("王丽（网格员）有一段时间没有操作")
    assert form.isVisible() and session.window.isVisible()  # nothing was closed underneath

    unlock_with(qtbot, session, "wrong-password")
    assert session.lock_screen is screen and screen.banner.text() == "用户名或密码不对，请再试一次。"
    unlock_with(qtbot, session, PASSWORDS["wangli"])
    assert session.lock_screen is None and not screen.isVisible()
    assert form.isVisible() and form.is_dirty()
    assert (editor.name.text(), editor.id_number.text()) == ("张小", "110105")
    assert form.current_editor() is editor
    admin = session.ctx.ws.as_user(session.ctx.ws.users.login("admin", PASSWORDS["admin"]))
    entries = admin.query.audit_entries(dto.AuditFilter(user_name="wangli"), limit=5)
    assert [e.action for e in entries[:2]] == ["login", "login_failed"]  # unlocking is a log-in like any other


def test_any_key_or_click_puts_the_lock_off(start, clock, qtbot) -> None:
    session = start("wangli")
    clock.advance(10)
    qtbot.keyClick(session.window.search, Qt.Key.Key_A)
    clock.advance(10)
    session.watcher.check()
    assert session.lock_screen is None
    qtbot.mouseClick(session.window.nav.viewport(), Qt.MouseButton.LeftButton)
    clock.advance(14)
    session.watcher.check()
    assert session.lock_screen is None
    clock.advance(1)
    session.watcher.check()
    assert session.lock_screen is not None


def test_the_idle_period_comes_from_the_settings_and_zero_never_locks(start, clock, ctx, qtbot) -> None:
    session = start("admin")
    settings_page = session.window.show_page("settings")
    assert settings_page.idle_minutes.value() == 15 and settings_page.idle_minutes.isEnabled()
    settings_page.idle_minutes.setValue(0)
    assert settings_page.idle_minutes.text() == "从不锁定"
    assert ctx.settings.value(IDLE_MINUTES_KEY) in (0, "0")
    clock.advance(600)
    session.watcher.check()
    assert session.lock_screen is None
    settings_page.idle_minutes.setValue(5)
    clock.advance(5)
    session.watcher.check()
    assert session.lock_screen is not None


def test_the_lock_button_locks_at_once(start, qtbot) -> None:
    session = start("wangli")
    assert session.window.lock_button.isVisible() and session.window.logout_button.isVisible()
    session.window.lock_button.click()
    assert session.lock_screen is not None and session.lock_screen.isVisible()
    session.lock_screen.close()  # Alt+F4 does not unlock
    assert session.lock_screen.isVisible()


def test_switching_users_asks_before_it_closes_unsaved_work(start, qtbot, monkeypatch) -> None:
    session = start("wangli")
    form, editor = half_typed_person(qtbot, session)
    session.lock()
    answers = [False, True]
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _parent, text: asked.append(text) or answers.pop(0))

    def switch_to(username: str) -> None:
        session.lock_screen.switch_button.click()
        dialog = session.login_dialog
        assert dialog.isVisible() and dialog.user.text() == ""
        qtbot.keyClicks(dialog.user, username)
        qtbot.keyClicks(dialog.password, PASSWORDS[username])
        dialog.login_button.click()

    switch_to("chaxun")  # 否: back to the lock screen, nothing closed
    assert "王丽还有没保存的内容" in asked[0] and form.windowTitle().replace("[*]", "") in asked[0]
    assert session.lock_screen is not None and session.ctx.actor.name == "王丽"
    assert form.isVisible() and editor.name.text() == "张小"

    old_window = session.window
    switch_to("chaxun")  # 是: 查询员's own window, 王丽's closed
    assert session.lock_screen is None and session.ctx.actor.name == "查询员"
    assert session.window is not old_window and session.window.isVisible()
    assert "查询员（查询，范围：全部）" in session.window.user_label.text()
    qtbot.waitUntil(lambda: not shiboken6.isValid(form) and not shiboken6.isValid(old_window))


def test_switching_back_to_the_same_user_just_unlocks(start, qtbot) -> None:
    session = start("wangli")
    form, _editor = half_typed_person(qtbot, session)
    window = session.window
    session.lock()
    session.lock_screen.switch_button.click()
    dialog = session.login_dialog
    qtbot.keyClicks(dialog.user, "wangli")
    qtbot.keyClicks(dialog.password, PASSWORDS["wangli"])
    dialog.login_button.click()
    assert session.lock_screen is None and session.window is window and form.isVisible()


def test_logging_out_returns_to_the_log_in(start, qtbot) -> None:
    session = start("wangli")
    ended: list[bool] = []
    session.ended.connect(lambda: ended.append(True))
    old = session.window
    old.logout_button.click()
    dialog = session.login_dialog
    assert session.window is None and not old.isVisible() and dialog.isVisible()
    dialog.user.setText("admin")
    qtbot.keyClicks(dialog.password, PASSWORDS["admin"])
    dialog.login_button.click()
    assert session.window is not None and session.ctx.actor.role == "管理员" and not ended
    assert "用户" in session.window.page_titles()

    session.window.logout_button.click()
    session.login_dialog.leave_button.click()  # 退出
    assert ended == [True] and session.window is None


def test_the_program_opens_with_the_log_in_and_logs_out_when_closed(demo_village_file, tmp_path, monkeypatch,
                                                                   qapp) -> None:
    path = tmp_path / "office.sqlite3"
    shutil.copy(demo_village_file, path)
    ws = Workspace.open(path)
    grid_name = give_passwords(ws).grid_name
    ws.close()
    made = program.make_context
    monkeypatch.setattr(program, "make_context", lambda w, _file=None: made(w, str(tmp_path / "settings.ini")))

    def log_in(dialog: LoginDialog) -> int:
        dialog.user.setText("wangli")
        dialog.password.setText(PASSWORDS["wangli"])
        dialog.log_in()
        qapp.processEvents()  # the log-in ran on the writer thread
        dialog.ctx.tasks.wait()
        qapp.processEvents()
        return QDialog.DialogCode.Accepted if dialog.actor else QDialog.DialogCode.Rejected

    shown: list[str] = []

    def run_and_close(_app) -> int:
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        shown.append(window.user_label.text())
        window.close()
        return 0

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    monkeypatch.setattr(QApplication, "exec", run_and_close)
    try:
        assert program.main(["--db", str(path)]) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert shown == [f"当前用户：王丽（网格员，范围：{grid_name}）"]
    ws = Workspace.open(path)
    admin = ws.as_user(ws.users.login("admin", PASSWORDS["admin"]))
    actions = [e.action for e in admin.query.audit_entries(dto.AuditFilter(user_name="wangli"), limit=3)]
    ws.close()
    assert actions[:2] == ["logout", "login"]

"""Who sits at the keyboard: the log-in at start, the main window of whoever logged in, the idle lock, log-out
and switching users.

A database without passwords (an older version's, the demo) runs as its set-up administrator; its first start
asks once for an administrator password, and asks again at the next start if put off. Otherwise the log-in
dialog comes first, and every read of the window is scoped to the user (``AppContext.signed_in``).

Locking never closes anything: the lock screen covers the screen and the windows below keep what was typed.
Switching to another user closes the previous user's windows, so it asks first when any of them holds unsaved
changes, and waits for running work (an import) to end — nothing is discarded before the user agrees.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from gridapp.services.users import ADMIN
from ui import messages
from ui.context import AppContext
from ui.dialogs.first_password_dialog import FirstPasswordDialog
from ui.dialogs.login_dialog import LoginDialog
from ui.idle import IdleWatcher, idle_minutes
from ui.lock_screen import LockScreen
from ui.main_window import MainWindow
from ui.operations import run_write
from ui.punctuation import listed


def sign_in(ctx: AppContext) -> AppContext | None:
    """The context of whoever starts the program (None: they chose 退出 at the log-in)."""
    users = ctx.ws.users
    if users.is_open():
        first = FirstPasswordDialog(ctx)
        if first.exec() == QDialog.DialogCode.Accepted and first.actor is not None:
            return ctx.signed_in(first.actor, ADMIN)
        return ctx.signed_in(users.open_actor(), "")
    dialog = LoginDialog(ctx)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    return ctx.signed_in(dialog.actor, dialog.username)


class Session(QObject):
    """Owns the main window of the logged-in user (``window``); ``ended`` when the program should quit."""

    ended = Signal()

    def __init__(self, ctx: AppContext, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window: MainWindow | None = None
        self.lock_screen: LockScreen | None = None
        self.login_dialog: LoginDialog | None = None
        self.reopen = False  # the program should open the database again (a backup was restored)
        self.damaged = False  # … because the check of the file's pages found damage
        self._logging_out = False
        self.watcher = IdleWatcher(self._idle_limit, clock, self)
        self.watcher.idle.connect(self.lock)
        self.open_window()

    def _idle_limit(self) -> float:
        return idle_minutes(self.ctx) * 60 if self.ctx.username else 0

    def open_window(self) -> None:
        window = self.window = MainWindow(self.ctx)
        window.lock_requested.connect(self.lock)
        window.logout_requested.connect(self.log_out)
        window.reopen_requested.connect(self._reopen)
        window.closed.connect(self._window_closed)
        window.show()
        self.watcher.resume()

    # -- the lock -----------------------------------------------------------------------------------------------

    def lock(self) -> None:
        """Cover the screen until the same user's password is typed (nothing to do without a log-in)."""
        if not self.ctx.username or self.lock_screen is not None:
            return
        self.watcher.pause()
        screen = self.lock_screen = LockScreen(self.ctx)
        screen.unlocked.connect(self._unlocked)
        screen.switch_requested.connect(self.switch_user)
        if self.window is not None:
            screen.setScreen(self.window.screen())
        screen.showFullScreen()
        screen.activateWindow()
        screen.password.setFocus()

    def _unlocked(self) -> None:
        screen, self.lock_screen = self.lock_screen, None
        if screen is not None:
            screen.close_unlocked()
            screen.deleteLater()
        self.watcher.resume()

    def switch_user(self) -> None:
        """切换用户 on the lock screen: another user's log-in, over the lock screen."""
        if self.ctx.tasks.busy():
            messages.info(self.lock_screen, self.tr("还有工作（导入、同步等）正在进行，完成以后才能切换用户。"))
            return
        dialog = self.login_dialog = LoginDialog(
            self.ctx, self.lock_screen, leave=self.tr("取消"),
            note=self.tr("换一个用户登录。{name}打开的窗口将会关闭。").format(name=self.ctx.actor.name))
        dialog.user.clear()
        dialog.user.setFocus()
        dialog.accepted.connect(lambda: self._switch_to(dialog))
        dialog.open()

    def _switch_to(self, dialog: LoginDialog) -> None:
        actor, username = dialog.actor, dialog.username
        if actor is None:
            return
        if actor.user_id == self.ctx.actor.user_id:
            self._unlocked()
            return
        unsaved = self.window.unsaved_work() if self.window is not None else []
        if unsaved and not messages.confirm(self.lock_screen, self.tr(
                "{name}还有没保存的内容：{windows}。\n切换用户会关闭这些窗口，没保存的内容就没有了。确定切换吗？"
                "（点“否”留在锁定屏幕，{name}回来输入密码就能接着填。）").format(
                    name=self.ctx.actor.name, windows=listed(unsaved))):
            ws = self.ctx.ws
            run_write(self.ctx, None, lambda: ws.users.logout(actor))
            return
        old, self.window = self.window, None
        if old is not None:
            old.hide()
            old.deleteLater()  # its forms go with it, unasked: the user agreed above
        self._record_logout()
        self.ctx = self.ctx.signed_in(actor, username)
        self._unlocked()
        self.open_window()

    # -- log-out and quitting -----------------------------------------------------------------------------------

    def log_out(self) -> None:
        """退出登录: close the window the way closing it asks (each unsaved form first), then the log-in."""
        self._logging_out = True
        if self.window is not None and not self.window.close():
            self._logging_out = False

    def _window_closed(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.deleteLater()
        self._record_logout()
        self.watcher.pause()
        if not self._logging_out:
            self.watcher.stop()
            self.ended.emit()
            return
        self._logging_out = False
        dialog = self.login_dialog = LoginDialog(self.ctx)
        dialog.finished.connect(lambda result: self._logged_in_again(dialog, result))
        dialog.open()

    def _reopen(self) -> None:
        """A backup took the database's place: end this session, the program opens the file again."""
        self.reopen = True
        window, self.window = self.window, None
        if window is not None:
            window.hide()
            window.deleteLater()
        self.watcher.stop()
        self.ended.emit()

    def close_damaged(self) -> None:
        """The file's pages are damaged (ui.app.check_pages_later): end the session, the program opens the
        file again through the check that offers the newest sound backup."""
        self.damaged = True
        self._reopen()

    def _logged_in_again(self, dialog: LoginDialog, result: int) -> None:
        if result != QDialog.DialogCode.Accepted or dialog.actor is None:
            self.watcher.stop()
            self.ended.emit()
            return
        self.ctx = self.ctx.signed_in(dialog.actor, dialog.username)
        self.open_window()

    def _record_logout(self) -> None:
        if self.ctx.username:
            ws, actor = self.ctx.ws, self.ctx.actor
            run_write(self.ctx, None, lambda: ws.users.logout(actor))

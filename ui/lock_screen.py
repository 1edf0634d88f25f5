"""屏幕已锁定: what covers the screen after the idle period. Every window stays open underneath — forms keep what
was typed in them — and only the same user's password (a log-in, counted like any other) opens it again;
切换用户 asks for another user's log-in instead (see ui.session)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gridapp.dto import Actor
from ui import messages
from ui.context import AppContext
from ui.display import scaled
from ui.operations import Operation
from ui.widgets.banner import Banner
from ui.widgets.new_password import password_edit


class LockScreen(QWidget):
    unlocked = Signal()
    switch_requested = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.ctx = ctx
        self.setWindowTitle(self.tr("屏幕已锁定"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setObjectName("lockScreen")
        self.setStyleSheet("#lockScreen { background: #2b3a4a; } #lockPanel { background: white; }")
        self._open = False
        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setFont(scaled(self.font(), 1.25))
        title = QLabel(self.tr("屏幕已锁定"))
        title.setFont(scaled(panel.font(), 1.4, bold=True))
        why = self.why = QLabel(self.tr("{name}（{role}）有一段时间没有操作，为保护群众的个人信息，程序已锁定。"
                             "打开的窗口和填了一半的内容都还在，解锁后可以接着填。").format(
            name=ctx.actor.name, role=ctx.actor.role))
        why.setWordWrap(True)
        self.password = password_edit()
        self.password.returnPressed.connect(self.unlock)
        self.banner = Banner()
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("切换用户…"))
        self.unlock_button.clicked.connect(self.unlock)
        self.switch_button.clicked.connect(self.switch_requested)
        form = QFormLayout()
        form.addRow(self.tr("用户名："), QLabel(ctx.username))
        form.addRow(self.tr("密码："), self.password)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.switch_button)
        column = QVBoxLayout(panel)
        column.setContentsMargins(32, 24, 32, 24)
        column.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(why)
        column.addLayout(form)
        column.addWidget(self.banner)
        column.addLayout(buttons)
        panel.setFixedWidth(panel.fontMetrics().averageCharWidth() * 60)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        self.unlock_button.setEnabled(False)
        users, username, password = self.ctx.ws.users, self.ctx.username, self.password.text()
        Operation(self.ctx, self, lambda _progress: users.login(username, password)) \
            .success(self._unlocked).failure(self._refused).run()

    def _unlocked(self, _actor: Actor) -> None:
        self.unlock_button.setEnabled(True)
        self.close_unlocked()
        self.unlocked.emit()

    def _refused(self, exc: Exception) -> None:
        self.unlock_button.setEnabled(True)
        self.banner.show_text(messages.failure_line(exc))
        self.password.clear()
        self.password.setFocus()

    def close_unlocked(self) -> None:
        """Take the screen away (after the password, or when another user takes over)."""
        self._open = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.setAccepted(self._open)  # Alt+F4 does not unlock

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)

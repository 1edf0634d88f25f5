"""The first start of a database that has no passwords yet (made by an older version, or the demo): the set-up
administrator is asked for a password, typed twice. 暂不设置 keeps the program open to whoever sits at the PC,
and the question comes again at the next start."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gridapp.dto import Actor
from gridapp.services.users import ADMIN
from ui import messages
from ui.context import AppContext
from ui.display import scaled
from ui.operations import Operation
from ui.widgets.banner import Banner
from ui.widgets.new_password import NewPassword


class FirstPasswordDialog(QDialog):
    """Accepted once the password is set; ``actor`` is then the administrator, logged in with it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("设置管理员密码"))
        self.setFont(scaled(self.font(), 1.15))
        why = QLabel(self.tr(
            "这个数据库还没有设置密码，谁打开程序都能看到全部群众的个人信息。\n"
            "请给管理员设置一个登录密码。以后打开程序时，用户名填 {admin}，密码填这里设置的密码。"
            "请记牢或写下来锁好：忘记了就没有人能以管理员身份登录。").format(admin=ADMIN))
        why.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("用户名："), QLabel(ADMIN))
        self.new_password = NewPassword(form)
        self.new_password.changed.connect(self._update)
        self.banner = Banner()
        self.set_button = QPushButton(self.tr("设置密码并登录"))
        self.set_button.setDefault(True)
        self.later_button = QPushButton(self.tr("暂不设置（下次打开时再问）"))
        self.set_button.clicked.connect(self.set_password)
        self.later_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self._update()

    def _update(self) -> None:
        self.set_button.setEnabled(not self.new_password.problem())

    def set_password(self) -> None:
        if self.new_password.problem():
            return
        password, users = self.new_password.password(), self.ctx.ws.users
        self.set_button.setEnabled(False)

        def set_and_log_in(_progress) -> Actor:
            users.set_first_password(password)
            return users.login(ADMIN, password)

        Operation(self.ctx, self, set_and_log_in).success(self._done).failure(self._refused).run()

    def _done(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self._update()
        self.banner.show_text(messages.failure_line(exc))

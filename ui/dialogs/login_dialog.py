"""登录: large and plain — 用户名, 密码, 登录 and 退出. It remembers the last user name on this computer (never the
password) and shows the core's refusals as they are worded: a wrong password, a disabled account, the wait
after too many wrong tries."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridapp.dto import Actor
from ui import messages
from ui.context import AppContext
from ui.display import scaled
from ui.operations import Operation
from ui.widgets.banner import Banner
from ui.widgets.new_password import password_edit

LAST_USER_KEY = "login/last_user"


class LoginDialog(QDialog):
    """``actor`` and ``username`` hold who logged in once the dialog is accepted; ``leave`` names the other
    button (退出 at start, 取消 when switching users)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, leave: str | None = None,
                 note: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.username = ""
        self.setWindowTitle(self.tr("登录"))
        self.setFont(scaled(self.font(), 1.25))  # for older eyes; the large-font mode enlarges it further
        office = ctx.ws.office
        title = QLabel(self.tr("网格化管理综合信息采集簿"))
        title.setFont(scaled(self.font(), 1.3, bold=True))
        place = QLabel(office.name if office else "")
        place.setVisible(bool(office))
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.user = QLineEdit(str(ctx.setting(LAST_USER_KEY, "") or ""))
        self.user.setMaxLength(50)
        self.password = password_edit()
        self.banner = Banner()
        self.login_button = QPushButton(self.tr("登录"))
        self.login_button.setDefault(True)
        self.leave_button = QPushButton(leave or self.tr("退出"))
        self.login_button.clicked.connect(self.log_in)
        self.leave_button.clicked.connect(self.reject)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.log_in)

        form = QFormLayout()
        form.addRow(self.tr("用户名："), self.user)
        form.addRow(self.tr("密码："), self.password)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(place, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        (self.password if self.user.text() else self.user).setFocus()

    def log_in(self) -> None:
        name, password = self.user.text().strip(), self.password.text()
        if not name:
            self.banner.show_text(self.tr("请填写用户名。"))
            self.user.setFocus()
            return
        if not self.login_button.isEnabled():
            return
        self.login_button.setEnabled(False)
        self.banner.show_text(self.tr("正在登录…"), "notice")
        users = self.ctx.ws.users
        Operation(self.ctx, self, lambda _progress: users.login(name, password)) \
            .success(lambda actor: self._logged_in(name, actor)).failure(self._refused).run()

    def _logged_in(self, name: str, actor: Actor) -> None:
        self.actor, self.username = actor, name
        self.ctx.settings.setValue(LAST_USER_KEY, name)
        self.ctx.settings.sync()
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.login_button.setEnabled(True)
        self.banner.show_text(messages.failure_line(exc))
        self.password.clear()
        self.password.setFocus()

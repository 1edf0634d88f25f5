"""用户: the accounts an administrator manages (within the administrator's own scope) — who they are, their role
and part of the tree, whether they may log in, when they last did — with 新建用户, 重设密码 and 停用/启用."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp.i18n import shown
from gridapp.services.users import UserView
from ui import messages
from ui.context import AppContext
from ui.dialogs.password_dialogs import NewPasswordDialog
from ui.dialogs.user_dialog import UserDialog
from ui.display import stored_moment_text
from ui.operations import run_write

USER_ROLE = Qt.ItemDataRole.UserRole + 1


class UsersPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[UserView] = []
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("范围"),
                                              self.tr("状态"), self.tr("最近登录")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.new_button = QPushButton(self.tr("新建用户…"))
        self.reset_button = QPushButton(self.tr("重设密码…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.new_button.clicked.connect(self.new_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        note = QLabel(self.tr("每个用户有一个角色（能做什么）和一个工作范围（管哪个网格）。停用的用户不能再登录，"
                              "他做过的事仍记在日志里。"))
        note.setWordWrap(True)
        self.count_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        for button in (self.new_button, self.reset_button, self.active_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # log-ins and lock-outs happen without a change on the bus

    def refresh(self, select: str | None = None) -> None:
        """Read the accounts again, keeping (or moving to) the selected user name."""
        select = select or (self.current().username if self.current() else None)
        self.users = self.ctx.ws.users.users(self.ctx.actor)
        now = datetime.now(UTC).replace(tzinfo=None)
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            texts = (user.username, user.display_name, shown(user.role), user.scope_name or self.tr("全部"),
                     self._state(user, now), stored_moment_text(user.last_login_at) if user.last_login_at else "")
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(USER_ROLE, user.username)
                self.table.setItem(row, col, item)
            if user.username == select:
                self.table.selectRow(row)
        self.count_label.setText(self.tr("共 {n} 个用户").format(n=len(self.users)))
        self._update_buttons()

    def _state(self, user: UserView, now: datetime) -> str:
        if not user.active:
            return self.tr("已停用")
        if not user.has_password:
            return self.tr("未设密码")
        if user.locked_until is not None and user.locked_until > now:
            return self.tr("输错密码，等待中")
        return self.tr("正常")

    def current(self) -> UserView | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) and self.table.selectedItems() else None

    def select(self, username: str) -> None:
        row = next((r for r, u in enumerate(self.users) if u.username == username), -1)
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = self.current()
        self.reset_button.setEnabled(user is not None)
        self.active_button.setEnabled(user is not None)
        self.active_button.setText(self.tr("启用") if user is not None and not user.active else self.tr("停用"))

    def new_user(self) -> None:
        dialog = UserDialog(self.ctx, self)
        if dialog.exec():
            self.refresh(select=dialog.username.text().strip())

    def reset_password(self) -> None:
        user = self.current()
        if user is None:
            return
        users, actor = self.ctx.ws.users, self.ctx.actor
        dialog = NewPasswordDialog(
            self.ctx, self.tr("重设密码"),
            self.tr("给“{name}”（{username}）设一个新密码，告诉他本人，请他登录后在“设置”里改成自己的密码。").format(
                name=user.display_name, username=user.username),
            lambda password: users.reset_password(actor, user.username, password), self)
        if dialog.exec():
            self.refresh()
            messages.info(self, self.tr("“{name}”的密码已重设。").format(name=user.display_name))

    def toggle_active(self) -> None:
        user = self.current()
        if user is None:
            return
        if user.active and not messages.confirm(self, self.tr("停用“{name}”（{username}）？停用后他不能再登录，"
                                                              "以后可以再启用。").format(
                name=user.display_name, username=user.username)):
            return
        users, actor = self.ctx.ws.users, self.ctx.actor
        run_write(self.ctx, self, lambda: users.set_active(actor, user.username, not user.active),
                  lambda _outcome: self.refresh())

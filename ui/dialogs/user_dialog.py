"""新建用户: the user name to log in with, the person's name, a role (each with what it may do) and the part of
the grid tree the user works in, and a first password typed twice. The core checks it all again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridapp import access
from gridapp.i18n import shown
from ui import messages
from ui.context import AppContext
from ui.dialogs import ok_cancel
from ui.dialogs.choose_node_dialog import ChooseNodeDialog
from ui.operations import Operation
from ui.widgets.banner import Banner
from ui.widgets.new_password import NewPassword

DEFAULT_ROLE = "网格员"


class UserDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("新建用户"))
        self.username = QLineEdit()
        self.username.setMaxLength(50)
        self.username.setPlaceholderText(self.tr("登录时输入，例如 wangli"))
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(50)
        self.display_name.setPlaceholderText(self.tr("例如 王丽"))
        self.role = QComboBox()
        for role in access.roles():
            self.role.addItem(shown(role.name), role.name)
            self.role.setItemData(self.role.count() - 1, shown(role.note), Qt.ItemDataRole.ToolTipRole)
        self.role_note = QLabel()
        self.role_note.setWordWrap(True)
        self.role.currentIndexChanged.connect(self._show_role_note)
        self.role.setCurrentIndex(max(0, self.role.findData(DEFAULT_ROLE)))
        self._show_role_note()

        self.scope_id = ctx.actor.scope_grid_id
        self.scope_label = QLabel()
        self.scope_button = QPushButton(self.tr("选择网格…"))
        self.scope_button.clicked.connect(self.choose_scope)
        self.whole_button = QPushButton(self.tr("全部"))
        self.whole_button.setToolTip(self.tr("整个网格树，不限范围"))
        self.whole_button.clicked.connect(lambda: self._set_scope(None))
        self.whole_button.setVisible(ctx.actor.scope_grid_id is None)  # only an unscoped administrator may
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_label, 1)
        scope_row.addWidget(self.scope_button)
        scope_row.addWidget(self.whole_button)
        self._set_scope(self.scope_id)

        form = QFormLayout()
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("姓名："), self.display_name)
        form.addRow(self.tr("角色："), self.role)
        form.addRow("", self.role_note)
        form.addRow(self.tr("工作范围："), scope_row)
        self.new_password = NewPassword(form, self.tr("密码："))
        self.banner = Banner()
        self.buttons = ok_cancel(self, self.tr("新建"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

    def _show_role_note(self) -> None:
        role = access.role(self.role.currentData() or "")
        self.role_note.setText(shown(role.note) if role else "")

    def choose_scope(self) -> None:
        dialog = ChooseNodeDialog(self.ctx.ws, self.tr("工作范围"),
                                  self.tr("这个用户管哪个网格？他能看到和修改这个网格及其下级的住户、事件等。请点选："),
                                  start_id=self.scope_id, parent=self)
        if dialog.exec() and dialog.chosen() is not None:
            self._set_scope(dialog.chosen().id)

    def _set_scope(self, grid_id: str | None) -> None:
        self.scope_id = grid_id
        self.scope_label.setText(" › ".join(self.ctx.ws.query.grid_node(grid_id).path_names) if grid_id
                                 else self.tr("全部"))

    def accept(self) -> None:
        problem = self.new_password.problem()
        if problem:
            self.banner.show_text(problem)
            return
        self.ok_button.setEnabled(False)
        users, actor = self.ctx.ws.users, self.ctx.actor
        values = (self.username.text().strip(), self.display_name.text().strip(), self.role.currentData(),
                  self.scope_id, self.new_password.password())
        Operation(self.ctx, self, lambda _progress: users.add(actor, *values)) \
            .success(lambda _outcome: super(UserDialog, self).accept()).failure(self._refused).run()

    def _refused(self, exc: Exception) -> None:
        self.ok_button.setEnabled(True)
        self.banner.show_text(messages.failure_line(exc))

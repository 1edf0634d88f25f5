"""修改密码 (the logged-in user's own, knowing the old one) and 重设密码 (an administrator's, for a user who forgot
theirs). Both stay open on a refusal, with what was typed, and say why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ui import messages
from ui.context import AppContext
from ui.dialogs import ok_cancel
from ui.operations import Operation
from ui.widgets.banner import Banner
from ui.widgets.new_password import NewPassword, password_edit


class NewPasswordDialog(QDialog):
    """A new password typed twice, stored by ``store(password)`` off the UI thread when 确定 is pressed."""

    def __init__(self, ctx: AppContext, title: str, prompt: str, store: Callable[..., Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.store = store
        self.setWindowTitle(title)
        text = QLabel(prompt)
        text.setWordWrap(True)
        self.form = QFormLayout()
        self.banner = Banner()
        self.buttons = ok_cancel(self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        self._add_fields(self.form)
        self.new_password = NewPassword(self.form)
        self.new_password.changed.connect(self._update)
        layout.addLayout(self.form)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self._update()

    def _add_fields(self, form: QFormLayout) -> None:
        """Rows above the new password (hook)."""

    def _update(self) -> None:
        self.ok_button.setEnabled(not self.new_password.problem())

    def accept(self) -> None:
        if self.new_password.problem():
            return
        self.ok_button.setEnabled(False)
        write = self._write(self.new_password.password())
        Operation(self.ctx, self, lambda _progress: write()) \
            .success(lambda _outcome: super(NewPasswordDialog, self).accept()).failure(self._refused).run()

    def _write(self, password: str) -> Callable[[], Any]:
        """The store call, with everything it needs read from the fields here on the UI thread."""
        store = self.store
        return lambda: store(password)

    def _refused(self, exc: Exception) -> None:
        self._update()
        self.banner.show_text(messages.failure_line(exc))


class ChangePasswordDialog(NewPasswordDialog):
    """修改密码: the old password, then the new one twice."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        text = QCoreApplication.translate("ChangePasswordDialog", "{name}，请先输入现在的密码，再输入两遍新密码。")
        super().__init__(ctx, QCoreApplication.translate("ChangePasswordDialog", "修改密码"),
                         text.format(name=ctx.actor.name), ctx.ws.users.change_own_password, parent)

    def _add_fields(self, form: QFormLayout) -> None:
        self.old = password_edit()
        form.addRow(self.tr("原密码："), self.old)

    def _write(self, password: str) -> Callable[[], Any]:
        change, actor, old = self.store, self.ctx.actor, self.old.text()
        return lambda: change(actor, old, password)

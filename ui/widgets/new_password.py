"""A new password typed twice, as the set-up wizard, the first-password dialog, 新建用户, 重设密码 and 修改密码 all
ask for it: two hidden fields and one line saying what is still wrong."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from gridapp.services.users import MIN_PASSWORD


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


class NewPassword(QObject):
    """Adds its rows to ``form``; ``changed`` fires on every key so a page can switch its 下一步 on and off."""

    changed = Signal()

    def __init__(self, form: QFormLayout, label: str | None = None) -> None:
        super().__init__(form)
        self.first = password_edit()
        self.second = password_edit()
        self.first.setPlaceholderText(self.tr("至少 {n} 位").format(n=MIN_PASSWORD))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self._edited)
        form.addRow(label or self.tr("新密码："), self.first)
        form.addRow(self.tr("再输入一遍："), self.second)
        form.addRow(self.hint)

    def password(self) -> str:
        return self.first.text()

    def problem(self) -> str:
        """What keeps the password from being taken ("" when nothing does)."""
        first, second = self.first.text(), self.second.text()
        if len(first) < MIN_PASSWORD:
            return self.tr("密码至少 {n} 位。").format(n=MIN_PASSWORD)
        if not second:
            return self.tr("请再输入一遍密码。")
        if first != second:
            return self.tr("两次输入的密码不一致。")
        return ""

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def _edited(self) -> None:
        self.hint.setText(self.problem() if self.first.text() or self.second.text() else "")
        self.changed.emit()

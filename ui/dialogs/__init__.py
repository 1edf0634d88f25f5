"""Small dialogs. They only collect input; the page that opens one makes the service call."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def ok_cancel(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    """确定/取消 buttons wired to accept/reject, labelled in Chinese even without Qt's own translations."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text or dialog.tr("确定"))
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("取消"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box

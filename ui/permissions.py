"""What the window offers to the logged-in user's role. The core refuses anything beyond the role and scope
anyway; this only keeps buttons for refused work out of sight, and shows forms for reading when the role may
not change their records."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QWidget,
)

from ui.context import AppContext


def offer(ctx: AppContext, permission: str, *widgets: QWidget) -> bool:
    """Hide ``widgets`` unless the user's role has ``permission``; returns whether it has."""
    allowed = ctx.can(permission)
    if not allowed:
        for widget in widgets:
            widget.hide()
    return allowed


def read_only(root: QWidget, keep: tuple[QWidget, ...] = ()) -> None:
    """Show ``root`` for reading: text stays selectable and can be copied but not changed, choices are off,
    every push button but ``keep`` (关闭) is hidden, and of its keyboard shortcuts only Esc (close) is left."""
    for shortcut in root.findChildren(QShortcut):
        shortcut.setEnabled(shortcut.key() == QKeySequence(Qt.Key.Key_Escape))
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            widget.setReadOnly(True)
        elif isinstance(widget, QComboBox | QAbstractSpinBox | QCheckBox | QRadioButton):
            widget.setEnabled(False)
        elif isinstance(widget, QPushButton) and widget not in keep:
            widget.hide()

"""Helpers for the case and visit GUI tests: a clock the test can move, and modal dialogs answered by filling
their real widgets (exec() is replaced by show, fill, and the dialog's own result)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import type_text

START = datetime(2026, 11, 2, 9, 30)  # the day after the demo village's "today"


class Clock:
    """ctx.clock and ws.today in one: ``advance`` moves both."""

    def __init__(self, ctx, start: datetime = START) -> None:
        self.now = start
        ctx.clock = lambda: self.now
        ctx.ws.today = lambda: self.now.date()

    def advance(self, days: float) -> None:
        self.now += timedelta(days=days)

    def today(self) -> date:
        return self.now.date()


def answer_dialogs(monkeypatch, dialog_type, fill: Callable) -> list:
    """Replace ``dialog_type.exec``: each call shows the dialog, lets ``fill(dialog)`` type into it and press
    its buttons, and returns what the dialog itself decided. Returns the list of dialogs asked."""
    asked: list = []

    def exec_(dialog) -> int:
        asked.append(dialog)
        dialog.show()
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(dialog_type, "exec", exec_)
    return asked


def fill_register(qtbot, dialog, title: str, category: str = "城市管理", subtype: str = "", urgency: str = "一般",
                  description: str = "") -> None:
    """Fill the quick-register dialog as a worker would and save with Ctrl+S."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # the shortcut goes to the active window
    dialog.title.clear()
    type_text(qtbot, dialog.title, title)
    dialog.category.category.setCurrentText(category)
    if subtype:
        dialog.category.subtype.setCurrentText(subtype)
    dialog.urgency.set_value(urgency)
    if description:
        dialog.description.setPlainText(description)
    qtbot.keyClick(dialog.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def press_ok(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

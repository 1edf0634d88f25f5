"""A fixed short choice (是/否, 在校/失学, 按规则/红/黄/绿): a combo box whose items stand for values, so a form
reads and writes the value and never the text shown."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from gridapp.i18n import shown


def labelled(labels: Iterable[str], table: str = "") -> list[tuple[str, str]]:
    """Choices over core terms (a code table's labels, role names): each shown in the interface's language,
    each standing for the stored Chinese label."""
    return [(shown(label, table), label) for label in labels]


class ChoiceCombo(QComboBox):
    """``choices`` are (text, value) pairs in the order shown; ``value()`` is the chosen value."""

    edited = Signal()  # the user picked, never emitted by set_value

    def __init__(self, choices: list[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for text, value in choices:
            self.addItem(text, value)
        self.activated.connect(self.edited)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = next((i for i in range(self.count()) if self.itemData(i) == value and
                      type(self.itemData(i)) is type(value)), 0)
        self.setCurrentIndex(index)

"""A scroll area for a tall form: it asks for the whole form, so the window opens showing every field where the
screen has room, yet it can shrink to a few lines and scroll on a 768-pixel screen or in large-font mode."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QWidget

MIN_LINES = 8  # the least of the form that stays in view


class FormScrollArea(QScrollArea):
    def __init__(self, content: QWidget | QLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if isinstance(content, QLayout):
            holder = QWidget()
            holder.setLayout(content)
            content = holder
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(content)

    def _chrome(self) -> int:
        return self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        content = self.widget().sizeHint()
        return QSize(content.width() + self._chrome(), content.height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        """As wide as the form at its narrowest (so it never scrolls sideways), a few lines tall."""
        content = self.widget().minimumSizeHint()
        lines = self.fontMetrics().lineSpacing() * MIN_LINES
        return QSize(content.width() + self._chrome(), min(content.height(), lines) + 2 * self.frameWidth())

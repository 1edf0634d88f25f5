"""Scroll areas that keep tall forms and pages usable on a 768-pixel screen or in large-font mode.

``FormScrollArea`` asks for the whole form, so a window opens showing every field where the screen has room, yet
it can shrink to a few lines and scroll; the form keeps its natural height (wrapped labels get their lines).
``PageScrollArea`` is for a page whose lists and tabs take the spare height: when the room is short they give
it up first, down to their minimum, and only then does the page scroll.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QWidget

MIN_LINES = 8  # the least of the form that stays in view


class FormScrollArea(QScrollArea):
    def __init__(self, content: QWidget | QLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if isinstance(content, QLayout):
            holder = QWidget()
            holder.setLayout(content)
            content = holder
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
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


class PageScrollArea(FormScrollArea):
    """The page fills the visible area but never goes below its minimum size at that width (wrapped labels
    take their lines); beyond that it scrolls. Left to Qt, a page with wrapping labels is held at its preferred
    height, lists and all, and scrolls early. A container whose height-for-width Qt takes from its preferred
    size (a tab widget with wrapping labels inside) should say it has none: see ``ui.pages.sync_page``."""

    def __init__(self, content: QWidget | QLayout, parent: QWidget | None = None) -> None:
        super().__init__(content, parent)
        self.setWidgetResizable(False)
        self.widget().installEventFilter(self)
        self._fitting = False

    def fit_content(self) -> None:
        if self._fitting or self.widget() is None:
            return
        self._fitting = True
        try:
            content, viewport = self.widget(), self.viewport()
            width = max(viewport.width(), content.minimumSizeHint().width())
            content.resize(width, max(viewport.height(), self.least_height(width)))
        finally:
            self._fitting = False

    def least_height(self, width: int) -> int:
        content = self.widget()
        layout = content.layout()
        if layout is not None and layout.hasHeightForWidth():
            return layout.totalMinimumHeightForWidth(width)
        return content.minimumSizeHint().height()

    def resizeEvent(self, event: QEvent) -> None:
        super().resizeEvent(event)
        self.fit_content()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # a scroll bar came or went
            self.fit_content()
        return super().viewportEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit_content()  # parts of the page shown, hidden or grown
        return super().eventFilter(watched, event)

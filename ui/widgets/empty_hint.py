"""What to do next, written across an empty list: a new office sees “还没有住户。点“新建住户”…” instead of a
blank table. The hint is a label over the list's viewport that follows the model: it disappears as soon as rows
arrive, and while the user's filters hide every row it says that nothing matched instead."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel

MARGIN = 24


class EmptyHint(QLabel):
    """``empty`` is shown while the list has no rows; ``no_match`` instead while ``filtered()`` is true."""

    def __init__(self, view: QAbstractItemView, empty: str, no_match: str = "",
                 filtered: Callable[[], bool] = lambda: False) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.empty, self.no_match, self.filtered = empty, no_match, filtered
        self.setObjectName("emptyHint")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.refresh)
        self.refresh()

    def set_texts(self, empty: str, no_match: str | None = None) -> None:
        self.empty = empty
        if no_match is not None:
            self.no_match = no_match
        self.refresh()

    def refresh(self, *_args: object) -> None:
        text = self.no_match if self.no_match and self.filtered() else self.empty
        self.setText(text)
        self._place()
        self.setVisible(bool(text) and self.view.model().rowCount() == 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        area = self.parentWidget().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        self.setGeometry(area)

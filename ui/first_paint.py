"""The hidden ``--first-paint`` start: the program prints when its main window is first painted and closes it,
so benchmarks/gui.py times a real start, from a fresh process to the window on the screen."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

MARK = "gridapp: first paint at"


class FirstPaint(QObject):
    """Watches ``window``: at its first paint, prints ``MARK`` and the time (seconds since the epoch), then
    closes the window as a user would (the program then ends)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            print(f"{MARK} {time.time():.6f}", flush=True)
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.window.close)
        return False

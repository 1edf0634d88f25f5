"""Noticing that nobody has touched the program for a while, so the screen can lock.

Idle means no key, mouse or touch event reached any widget of the application: an event filter on the
QApplication notes the time of the last one, and a slow timer compares it with the limit set in 设置. The filter
does nothing but note a number, so it costs nothing noticeable on the flood of events an application sees.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from ui.context import AppContext

IDLE_MINUTES_KEY = "security/idle_minutes"
DEFAULT_IDLE_MINUTES = 15
MAX_IDLE_MINUTES = 240
CHECK_MS = 5000
ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                      QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
                      QEvent.Type.InputMethod})


def idle_minutes(ctx: AppContext) -> int:
    """The idle period after which the screen locks (0: never), as set in 设置."""
    try:
        minutes = int(ctx.setting(IDLE_MINUTES_KEY, DEFAULT_IDLE_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES
    return max(0, min(minutes, MAX_IDLE_MINUTES))


class IdleWatcher(QObject):
    """Emits ``idle`` once when the application has been idle for ``limit()`` seconds (0: never); ``resume``
    starts watching again (after the screen was unlocked)."""

    idle = Signal()

    def __init__(self, limit: Callable[[], float], clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.clock = clock
        self.last_activity = clock()
        self.watching = True
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.last_activity = self.clock()
        return False

    def check(self) -> None:
        limit = self.limit()
        if self.watching and limit > 0 and self.clock() - self.last_activity >= limit:
            self.watching = False
            self.idle.emit()

    def pause(self) -> None:
        self.watching = False

    def resume(self) -> None:
        self.last_activity = self.clock()
        self.watching = True

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)

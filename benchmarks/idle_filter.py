"""What the idle lock's event filter (ui.idle.IdleWatcher, installed on the whole application) adds to every
event: a mouse move delivered to a widget with and without it.

    .venv/bin/python benchmarks/idle_filter.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.common import peak_rss_mb
from ui.app import make_application
from ui.idle import IdleWatcher

EVENTS = 200_000


def per_event(widget: QWidget) -> float:
    """Seconds to deliver one mouse move, best of three runs."""
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.NoButton,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(EVENTS):
            QApplication.sendEvent(widget, event)
        best = min(best, (time.perf_counter() - start) / EVENTS)
    return best


def main() -> None:
    make_application([])
    widget = QWidget()
    widget.setMouseTracking(True)
    widget.show()
    bare = per_event(widget)
    watcher = IdleWatcher(lambda: 15 * 60)
    watched = per_event(widget)
    watcher.stop()
    print(f"mouse move: {bare * 1e6:.2f} µs bare, {watched * 1e6:.2f} µs with the idle filter "
          f"(+{(watched - bare) * 1e6:.2f} µs per event, ×{watched / bare:.1f}); "
          f"at 1,000 events a second that is {(watched - bare) * 1e3 * 100:.2f} % of one core; "
          f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

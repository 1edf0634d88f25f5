"""Run database and file work off the UI thread, with progress and cancel, so the window never freezes.

A task is a plain function ``fn(progress) -> result`` where ``progress(done, total)`` reports and returns
False once the user has cancelled, so long loops can stop at a safe point (their transaction rolls back).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[int, int], bool]


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.cancelled = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self.cancelled = True

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            result = self.fn(self._progress)
        except Exception as exc:  # reported to the UI thread, which shows it to the user
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Starts tasks on a small thread pool and keeps them alive until they report back."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._running: set[Task] = set()

    def start(self, fn: Callable[[Progress], Any], on_done: Callable[[Any], None],
              on_error: Callable[[Exception], None], on_progress: Callable[[int, int], None] | None = None) -> Task:
        task = Task(fn)
        self._running.add(task)
        task.signals.finished.connect(lambda result: (self._running.discard(task), on_done(result)))
        task.signals.failed.connect(lambda exc: (self._running.discard(task), on_error(exc)))
        if on_progress:
            task.signals.progress.connect(on_progress)
        self.pool.start(task)
        return task

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

"""Run database and file work off the UI thread, so the window never freezes.

A task is a plain function ``fn(progress) -> result`` taking a gridapp.progress.Progress: its reports reach the
UI as a signal, and ``Task.cancel()`` makes the next report stop the work at a safe point (a transaction rolls
back). Reads run on a small pool; writes run one at a time on their own thread, in the order they were asked
for — the core's WriteGate would serialise them anyway, and this way a save waiting behind an import never
occupies a reader's thread.

Tests make the runner ``synchronous``: each task then runs to its end inside ``start`` (like Picard's
FakeThreadPool), so most GUI tests need no waiting.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from gridapp.progress import Progress


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.progress = Progress(self.signals.progress.emit)
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self.progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except Exception as exc:  # reported to the UI thread, which shows it to the user
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Starts tasks and keeps them alive until they report back."""

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(2)
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def start(self, fn: Callable[[Progress], Any], on_done: Callable[[Any], None],
              on_error: Callable[[Exception], None], on_progress: Callable[[int, int], None] | None = None, *,
              write: bool = False) -> Task:
        task = self.task(fn, on_done, on_error, on_progress)
        self.submit(task, write=write)
        return task

    def task(self, fn: Callable[[Progress], Any], on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None], on_progress: Callable[[int, int], None] | None = None) -> Task:
        """A task wired to its callbacks but not started, for callers that must know it before it can answer."""
        task = Task(fn)
        task.signals.finished.connect(lambda result: (self._running.discard(task), on_done(result)))
        task.signals.failed.connect(lambda exc: (self._running.discard(task), on_error(exc)))
        if on_progress:
            task.signals.progress.connect(on_progress)
        return task

    def submit(self, task: Task, *, write: bool = False) -> None:
        self._running.add(task)
        if self.synchronous:
            task.run()
        else:
            (self.writes if write else self.reads).start(task)

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        return self.writes.waitForDone(msecs) and self.reads.waitForDone(msecs)

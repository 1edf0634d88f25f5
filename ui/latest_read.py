"""Work that may take seconds (who is due a visit among a county's 50,000 households, a PDF) runs off the UI
thread; when several are started in a row only the latest one's result is shown, and none is shown once the
widget that asked is gone (a window closed while it was printing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from ui.tasks import TaskRunner


class LatestRead(QObject):
    def __init__(self, tasks: TaskRunner, on_done: Callable[[Any], None], on_error: Callable[[Exception], None],
                 parent: QObject) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.on_done = on_done
        self.on_error = on_error
        self.generation = 0
        self.running = False

    def start(self, read: Callable[[], Any]) -> None:
        self.generation += 1
        self.running = True
        generation = self.generation
        self.tasks.start(lambda _progress: read(), on_done=lambda result: self._deliver(generation, result),
                         on_error=lambda exc: self._deliver(generation, exc, failed=True))

    def _deliver(self, generation: int, result: Any, failed: bool = False) -> None:
        if not shiboken6.isValid(self) or generation != self.generation:
            return
        self.running = False
        (self.on_error if failed else self.on_done)(result)

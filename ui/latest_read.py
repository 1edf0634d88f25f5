"""Work that may take seconds (who is due a visit among a county's 50,000 households, a PDF) runs off the UI
thread. A burst of requests is coalesced: while one read runs, later ones only leave the newest behind as
pending, and exactly one more read starts when the running one finishes — so change notices never queue
county-scale reads behind the small thread pool. Only the latest read's result is shown, and none once the
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
        self.running = False  # a read is under way or pending: its result is still to come
        self._in_flight = False
        self._pending: Callable[[], Any] | None = None

    def start(self, read: Callable[[], Any]) -> None:
        self.running = True
        if self._in_flight:
            self._pending = read  # replaces any older pending read: only the newest matters
            return
        self._launch(read)

    def _launch(self, read: Callable[[], Any]) -> None:
        self._in_flight = True
        self.tasks.start(lambda _progress: read(), on_done=lambda result: self._finished(result, False),
                         on_error=lambda exc: self._finished(exc, True))

    def _finished(self, result: Any, failed: bool) -> None:
        if not shiboken6.isValid(self):
            return
        self._in_flight = False
        if self._pending is not None:  # superseded while it ran: read once more, show only that
            read, self._pending = self._pending, None
            self._launch(read)
            return
        self.running = False
        (self.on_error if failed else self.on_done)(result)

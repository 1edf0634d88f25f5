"""One contract for long work — Excel import, sync packages, ledgers, demo data (like Orange3's TaskState).

The work is handed a ``Progress``; it reports how far it is, and each report is a safe point: once someone has
called ``cancel()``, the report raises ``Cancelled``, so an open transaction rolls back and no half-written file
stays. The UI, the command line and tests watch the reports through ``on_report``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from gridapp.errors import UserError


class Cancelled(UserError):
    """The user stopped the work; nothing it was doing has been kept."""

    def __init__(self, message: str = "已取消，没有做任何改动。") -> None:
        super().__init__(message)


class Progress:
    def __init__(self, on_report: Callable[[int, int], None] | None = None) -> None:
        self._on_report = on_report
        self._cancelled = threading.Event()  # set from the UI thread, read by the worker

    def report(self, done: int, total: int) -> None:
        """Tell how far the work is (``done`` of ``total`` steps); stop here if cancelled."""
        self.check()
        if self._on_report is not None:
            self._on_report(done, total)

    def check(self) -> None:
        """A safe point without news: raise Cancelled if the work should stop."""
        if self._cancelled.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point (any thread)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

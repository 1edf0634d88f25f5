"""How every form and page changes data: one core write off the UI thread (like Anki's CollectionOp).

    Operation(ctx, self, lambda progress: ctx.ws.households.update(ctx.actor, hid, value)) \\
        .success(self._saved).failure(self._refused).run()

The write runs on the writer thread, so on a slow disk or behind a running import the window stays responsive.
When it ends, the ``Changes`` the core computed are published on the change bus — from here, the one place —
and then the success callback runs. A failure becomes a Chinese message (or goes to the failure callback); a
cancelled one says nothing. A long write names its ``activity`` ("正在导入花名册…"), announced on the bus while
it runs, so forms can wait visibly instead of saving into it. A write that lost the server connection before
committing is tried again a few times (gridapp.retry) before it counts as failed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QWidget

from gridapp.progress import Cancelled, Progress
from gridapp.retry import retried
from ui import messages
from ui.context import AppContext
from ui.tasks import Task
from ui.widgets.progress_panel import ProgressPanel

T = TypeVar("T")


class Operation(Generic[T]):
    def __init__(self, ctx: AppContext, parent: QWidget | None, op: Callable[[Progress], T], *,
                 activity: str = "") -> None:
        self.ctx = ctx
        self.parent = parent
        self.op = op
        self.activity = activity
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[Exception], None] | None = None

    def success(self, fn: Callable[[T], None]) -> Operation[T]:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[Exception], None]) -> Operation[T]:
        """Handle a failure here instead of the default message box."""
        self._on_failure = fn
        return self

    def run(self, panel: ProgressPanel | None = None, text: str = "") -> Task:
        """Start the write; ``panel`` shows its progress (with 取消) and ``text`` while it runs."""
        if self.activity:
            self.ctx.bus.set_activity(self.activity)
        if panel is not None:
            return panel.run(text or self.activity, self._attempts, self._done, self._failed, write=True)
        return self.ctx.tasks.start(self._attempts, self._done, self._failed, write=True)

    def _attempts(self, progress: Progress) -> T:
        """The write, tried again while the server connection is lost (or two workstations collided); the bus
        says so meanwhile, so a waiting form tells the user that nothing typed is lost."""
        retrying = []

        def announce(exc: Exception) -> None:
            retrying.append(exc)
            self.ctx.bus.set_activity(str(exc))

        try:
            return retried(lambda: self.op(progress), on_retry=announce)
        finally:
            if retrying:
                self.ctx.bus.set_activity(self.activity)

    def _done(self, result: T) -> None:
        self._end()
        changes = getattr(result, "changes", None)
        if changes is not None:
            self.ctx.bus.publish(changes)
        if self._on_success is not None:
            self._on_success(result)

    def _failed(self, exc: Exception) -> None:
        self._end()
        if self._on_failure is not None:
            self._on_failure(exc)
        elif not isinstance(exc, Cancelled):
            messages.failure(self.parent, exc)

    def _end(self) -> None:
        if self.activity:
            self.ctx.bus.set_activity("")


def run_write(ctx: AppContext, parent: QWidget | None, op: Callable[[], Any],
              then: Callable[[Any], None] | None = None) -> Task:
    """The short spelling for a one-call write with the default failure message: ``op()`` off the UI thread,
    its changes published, then ``then(result)``."""
    operation = Operation(ctx, parent, lambda _progress: op())
    if then is not None:
        operation.success(then)
    return operation.run()

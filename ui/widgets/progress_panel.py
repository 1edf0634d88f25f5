"""The one way long work shows itself — reading a sheet, checking it, importing, writing a sync package or a
ledger: a progress bar, a 取消 button and a line saying what is happening (or what came of it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from gridapp.errors import UserError
from gridapp.progress import Progress
from ui import messages
from ui.tasks import Task, TaskRunner


class ProgressPanel(QWidget):
    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.task: Task | None = None
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        self._show_busy(False, False)

    def busy(self) -> bool:
        return self.task is not None

    def run(self, text: str, fn: Callable[[Progress], Any], on_done: Callable[[Any], None],
            on_failed: Callable[[Exception], None], *, write: bool = False, can_cancel: bool = True) -> Task:
        """Start ``fn(progress)`` showing ``text``; a newer run makes an older one's answer irrelevant. The
        panel is idle again before ``on_done`` or ``on_failed`` runs."""
        self.drop()
        self.status.setText(text)
        self._show_busy(True, can_cancel)

        def done(result: Any) -> None:
            if self.task is task:
                self._finish()
                on_done(result)

        def failed(exc: Exception) -> None:
            if self.task is task:
                self._finish()
                on_failed(exc)

        task = self.task = self.tasks.task(fn, done, failed, self._progress)
        self.tasks.submit(task, write=write)
        return task

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point, and wait for what it says: cancelled, or already done."""
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("正在取消…"))

    def drop(self) -> None:
        """Stop read-only work whose answer is no longer wanted (another file, another option)."""
        if self.task is not None:
            self.task.cancel()
            self.task = None
            self._show_busy(False, False)

    def failure_text(self, exc: Exception) -> str:
        """What the status line (or the page) says about failed work; an unexpected error also gets a box with
        the details a technician needs."""
        if not isinstance(exc, UserError):
            messages.failure(self, exc)
        return messages.failure_text(exc)

    def _finish(self) -> None:
        self.task = None
        self.status.clear()
        self._show_busy(False, False)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _show_busy(self, busy: bool, can_cancel: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)  # busy until the first report
        self.cancel_button.setVisible(busy and can_cancel)
        self.cancel_button.setEnabled(busy and can_cancel)



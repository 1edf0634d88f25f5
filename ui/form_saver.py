"""How every form stores what was typed: one Operation off the UI thread, the same way for every form.

While the save runs, the form's 保存 button is off and its banner says so. A save asked for while a long write
holds the database (an Excel or sync import) queues behind it on the writer thread, and the banner names what
it waits for — it never runs into the import's lock. A refusal leaves everything typed and says why in the
banner; a success lets the form show what was stored, then runs what was to follow (closing the window, the
next step). When another workstation saved the record since the form read it (Conflict), the form may offer
to open it again: a window with a ``reopen()`` method gets the choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractButton, QWidget

from gridapp.errors import Conflict, UserError
from ui import messages
from ui.context import AppContext
from ui.operations import Operation


class FormSaver(QObject):
    """A form's saving: ``window`` (its parent) shows messages with ``show_banner(text, kind)`` — kind "error" or
    "notice", an empty text hiding the banner. It holds no reference to the window of its own, so a closed form
    is freed at once."""

    def __init__(self, ctx: AppContext, window: QWidget, button: QAbstractButton) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.button = button
        self.saving = False
        ctx.bus.activity_changed.connect(self._activity_changed)

    def busy(self) -> bool:
        """A save of this form is under way (or waiting for its turn)."""
        return self.saving

    def run(self, op: Callable[[], Any], saved: Callable[[Any], None],
            then: Callable[[], None] | None = None) -> None:
        """Store through ``op()`` off the UI thread; ``saved(result)`` shows the stored record, then ``then()``."""
        self.saving = True
        self.button.setEnabled(False)
        self._show_saving()

        def done(result: Any) -> None:
            if not shiboken6.isValid(self):  # the form was closed meanwhile: the save went through all the same
                return
            self._finish()
            saved(result)
            if then is not None:
                QTimer.singleShot(0, then)  # after the save's own signals, never inside a closeEvent

        def failed(exc: Exception) -> None:
            if not shiboken6.isValid(self):
                messages.failure(None, exc)  # nobody else would learn that it was not saved
                return
            self._finish()
            self.banner(self.tr("没有保存：") + messages.failure_text(exc), "error")
            reopen = getattr(self.parent(), "reopen", None)
            if isinstance(exc, Conflict) and reopen is not None and messages.offer_reopen(self.parent(), str(exc)):
                reopen()
            if not isinstance(exc, UserError):
                messages.failure(self.parent(), exc)  # with the details a technician needs

        Operation(self.ctx, self.parent(), lambda _progress: op()).success(done).failure(failed).run()

    def _finish(self) -> None:
        self.saving = False
        self.button.setEnabled(True)

    def _activity_changed(self, _activity: str) -> None:
        if self.saving:
            self._show_saving()

    def _show_saving(self) -> None:
        waiting = self.ctx.bus.activity
        self.banner(self.tr("{activity}本表会在它完成后自动保存，已填的内容不会丢失。").format(activity=waiting) if waiting
                    else self.tr("正在保存…"), "notice")

    def banner(self, text: str, kind: str) -> None:
        self.parent().show_banner(text, kind)

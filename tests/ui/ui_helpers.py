"""Helpers for GUI tests that drive widgets the way a user does."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def context_for(ws: Any, folder: Path, *, threaded: bool = False) -> Any:
    """The context the program makes, its settings file in ``folder``; unless ``threaded``, background tasks run
    to their end as soon as they are started (most tests need no waiting then)."""
    from ui.app import make_context
    from ui.tasks import TaskRunner

    context = make_context(ws, str(folder / "settings.ini"))
    if not threaded:
        context.tasks = TaskRunner(synchronous=True)
    return context


def elsewhere(ctx: Any, op: Any) -> Any:
    """A write made outside the widget under test (another window did it): stored, and its changes announced
    on the bus as the program announces them. Returns the Outcome."""
    outcome = op()
    ctx.bus.publish(outcome.changes)
    return outcome


def closed(window: Any) -> bool:
    """The window is no longer shown (a window that deletes itself on close may already be gone)."""
    import shiboken6

    return not shiboken6.isValid(window) or not window.isVisible()


def type_text(qtbot, widget, text: str) -> None:
    """Type as a user would: ASCII through key clicks, Chinese through an input-method commit (as a
    pinyin IME delivers it) — QTest cannot click keys for characters outside ASCII."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for chunk in _runs(text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    for ch in text:
        if runs and runs[-1][-1].isascii() == ch.isascii():
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs

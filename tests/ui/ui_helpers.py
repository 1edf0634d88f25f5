"""Helpers for GUI tests that drive widgets the way a user does."""

from __future__ import annotations


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

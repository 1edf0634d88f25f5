"""One object that tells every page what a write changed, so each refreshes only when its data moved (the way
Anki's operations report OpChanges), and what long write is holding the database, so forms wait visibly."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gridapp.changes import Changes


class ChangeBus(QObject):
    changed = Signal(object)  # gridapp.changes.Changes
    activity_changed = Signal(str)  # "正在导入花名册…" while a long write runs, "" when it ends

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.activity = ""

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)

    def set_activity(self, text: str) -> None:
        self.activity = text
        self.activity_changed.emit(text)

"""One signal that tells every page what a write changed, so each refreshes only when its data moved
(the way Anki's operations report OpChanges)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gridapp.changes import Changes


class ChangeBus(QObject):
    changed = Signal(object)  # gridapp.changes.Changes

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)

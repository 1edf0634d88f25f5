"""What a write changed, so that pages refresh only when their data moved (like Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    tables: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    def touches(self, *tables: str) -> bool:
        return any(t in self.tables for t in tables)

    def __bool__(self) -> bool:
        return bool(self.tables)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables, self.ids | other.ids)


@dataclass(frozen=True)
class Outcome:
    """The result of one service call: what changed and, for creations, the new record's id."""

    changes: Changes = field(default_factory=Changes)
    id: str | None = None

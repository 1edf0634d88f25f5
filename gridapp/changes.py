"""What a write changed, so that pages refresh only when their data moved (like Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Table(StrEnum):
    """What a write can change: the synced tables (each value is the table's name, as the flush hook sees it)
    and the lists a sync import leaves for review. Pages name what they show with these, never with strings."""

    GRID_NODES = "grid_nodes"
    GRID_WORKERS = "grid_workers"
    GRID_ASSIGNMENTS = "grid_assignments"
    PARTY_CENTERS = "party_centers"
    PARTY_CENTER_LINKS = "party_center_links"
    HOUSES = "houses"
    HOUSEHOLDS = "households"
    PERSONS = "persons"
    PERSON_TAGS = "person_tags"
    PERSON_MOVES = "person_moves"
    PLACES = "places"
    CASES = "cases"
    CASE_STEPS = "case_steps"
    CASE_LINKS = "case_links"
    VISITS = "visits"
    ATTACHMENTS = "attachments"
    MAP_PINS = "map_pins"
    COLOUR_CHANGES = "colour_changes"
    MONITOR_WARNINGS = "monitor_warnings"
    SYNC_CONFLICTS = "sync_conflicts"
    SYNC_DUPLICATES = "sync_duplicates"


@dataclass(frozen=True)
class Changes:
    tables: frozenset[Table] = frozenset()
    ids: frozenset[str] = frozenset()

    def touches(self, *tables: Table) -> bool:
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

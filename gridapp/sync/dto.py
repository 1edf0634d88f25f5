"""Plain dataclasses the sync service hands to the UI and the command line (they never see ORM rows)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from gridapp.changes import Changes

# The kinds of outcome counted per table, in the order a preview shows them.
OUTCOMES = ("new", "updated", "deleted", "conflicts", "duplicates", "out_of_scope", "unchanged")
OUTCOME_LABELS = {"new": "新增", "updated": "更新", "deleted": "删除", "conflicts": "冲突", "duplicates": "疑似重复",
                  "out_of_scope": "范围外", "unchanged": "无变化", "sent": "发出"}
# The history lists exports and imports together: what was sent, and what an import did (unchanged aside).
HISTORY_COUNTS = ("sent", *OUTCOMES[:-1])


@dataclass
class TableCounts:
    """What importing a package does (or did) to one table."""

    table: str
    label: str
    new: int = 0
    updated: int = 0
    deleted: int = 0
    conflicts: int = 0
    duplicates: int = 0
    out_of_scope: int = 0
    unchanged: int = 0
    sent: int = 0  # exports: records written into the package

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in (*OUTCOMES, "sent")}

    @property
    def changed(self) -> int:
        return self.new + self.updated + self.deleted


def total_of(counts: Iterable[TableCounts]) -> TableCounts:
    total = TableCounts("", "合计")
    for c in counts:
        for key, value in c.as_dict().items():
            setattr(total, key, getattr(total, key) + value)
    return total


@dataclass(frozen=True)
class PackageInfo:
    """A package file that has been decrypted and verified (nothing imported yet)."""

    path: Path
    package_id: str
    format_version: int
    schema_version: str
    office_id: str
    office_name: str
    county_code: str
    created_at: datetime
    seq: int
    full: bool
    to_office_id: str | None
    scope_grid_id: str | None
    scope_name: str
    from_hlc: str
    to_hlc: str
    record_counts: dict[str, int]
    attachment_count: int
    size_bytes: int
    program_version: str = ""  # the gridapp that wrote it ("" from programs before 0.2.0)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    package: PackageInfo
    record_total: int
    attachment_bytes: int


@dataclass(frozen=True)
class ImportPreview:
    """Per-table outcome of importing ``package`` now, computed without writing anything."""

    package: PackageInfo
    tables: tuple[TableCounts, ...]
    totals: TableCounts


@dataclass(frozen=True)
class ImportSummary:
    package: PackageInfo
    tables: tuple[TableCounts, ...]
    totals: TableCounts
    backup_path: str
    attachments_stored: int
    changes: Changes = field(default_factory=Changes)  # what open views must read again
    import_id: str = ""  # names it for ws.imports.undo


@dataclass(frozen=True)
class PeerStatus:
    office_id: str
    name: str
    county_code: str
    last_sent_at: datetime | None
    last_sent_seq: int
    last_received_at: datetime | None
    last_received_seq: int
    acked_hlc: str
    received_hlc: str


@dataclass(frozen=True)
class SyncStatus:
    office_id: str
    office_name: str
    county_code: str
    scope_grid_id: str | None
    scope_name: str
    passphrase_set: bool
    peers: tuple[PeerStatus, ...]
    open_conflicts: int
    open_duplicates: int


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: datetime
    direction: str  # export / import
    direction_label: str
    user_name: str
    file_name: str
    office_id: str
    office_name: str
    seq: int
    full: bool
    tables: tuple[TableCounts, ...]
    totals: TableCounts


@dataclass(frozen=True)
class ConflictField:
    """One differing field: its values in the two versions (Python values: dates as dates) and, when the field
    names another record (a grid, a household …), that record's name in each version."""

    name: str
    label: str
    kept: Any
    lost: Any
    kept_name: str = ""
    lost_name: str = ""


@dataclass(frozen=True)
class ConflictView:
    """A concurrent edit of one record: ``kept`` is in the database now, ``lost`` lost the merge.

    Resolve with ``ws.sync.resolve_conflict(actor, id, values)``: ``{}`` keeps what is there, ``lost_values``
    takes the other version, any mix of the two combines them.
    """

    id: int
    table: str
    table_label: str
    record_id: str
    title: str
    detected_at: datetime
    status: str
    resolution: str
    kept_office_name: str
    kept_hlc: str
    lost_office_name: str
    lost_hlc: str
    fields: tuple[ConflictField, ...]  # only the fields that differ
    lost_values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DuplicatePerson:
    person_id: str
    name: str
    address: str
    grid_name: str
    office_name: str
    deleted: bool


@dataclass(frozen=True)
class DuplicateView:
    id: int
    id_number: str
    status: str
    detected_at: datetime
    persons: tuple[DuplicatePerson, ...]

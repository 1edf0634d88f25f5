"""What an import did or would do: counts per outcome, every row that was not imported with why, and the grids
the sheet names that do not exist."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from gridapp.changes import Changes
from gridapp.excel.import_validate import RowIssue

# Outcomes of a person or household; each is also the name of its counter in Counts.
CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"  # already registered exactly as the sheet says
SKIPPED = "skipped"  # already registered, different, and the run's policy says skip
NEEDS_DECISION = "needs_decision"  # already registered, different, and the run's policy says ask
REFUSED = "refused"


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    needs_decision: int = 0
    refused: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass(frozen=True)
class RowReport:
    """A row that was not imported as it stands: its original cells and the reasons."""

    row: int
    values: tuple[Any, ...]
    issues: tuple[RowIssue, ...]

    @property
    def reason(self) -> str:
        parts = (f"{i.column}：{i.reason}" if i.column else i.reason for i in self.issues)
        return "；".join(p.rstrip("。") for p in parts) + "。"

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "reasons": [{"column": i.column, "reason": i.reason} for i in self.issues]}


@dataclass
class NewGrid:
    """A grid the sheet names that does not exist: created under ``parent_id`` when the user asks.

    Its id is chosen at the dry run, so the households planned for it and the node created agree."""

    id: str
    name: str
    parent_id: str
    parent: str  # the parent's names from the root, "宁陵县 / 清河镇 / 幸福村"
    rows: int = 0  # the sheet rows that name it

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "parent": self.parent, "rows": self.rows}


@dataclass
class ImportResult:
    """Counts of households and persons per outcome, and the rows refused, needing a decision or skipped."""

    file: str
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    grouping: str
    households: Counts = field(default_factory=Counts)
    persons: Counts = field(default_factory=Counts)
    refused: list[RowReport] = field(default_factory=list)
    needs_decision: list[RowReport] = field(default_factory=list)
    skipped: list[RowReport] = field(default_factory=list)
    warnings: list[RowReport] = field(default_factory=list)  # imported (or unchanged) rows worth a second look
    ignored_rows: list[tuple[int, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    missing_grids: list[NewGrid] = field(default_factory=list)  # named in the sheet, not in the tree
    create_grids: bool = False  # whether the missing grids are (or, in a preview, would be) created
    applied: bool = False
    backup: str | None = None
    changes: Changes = field(default_factory=Changes)  # what applying wrote, so open views can refresh
    import_id: str = ""  # names the applied import for ws.imports.undo

    @property
    def changes_anything(self) -> bool:
        return any((self.households.created, self.households.updated, self.persons.created, self.persons.updated))

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "grouping": self.grouping,
            "applied": self.applied,
            "backup": self.backup,
            "import_id": self.import_id,
            "households": asdict(self.households),
            "persons": asdict(self.persons),
            "refused": [r.to_json() for r in self.refused],
            "needs_decision": [r.to_json() for r in self.needs_decision],
            "skipped": [r.to_json() for r in self.skipped],
            "warnings": [r.to_json() for r in self.warnings],
            "ignored_rows": [{"row": n, "reason": why} for n, why in self.ignored_rows],
            "ignored_columns": self.ignored_columns,
            "missing_grids": [g.to_json() for g in self.missing_grids],
            "create_grids": self.create_grids,
        }

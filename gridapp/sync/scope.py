"""Which records belong to a scope (a grid node and everything under it), defined once per table.

A record belongs to the grid its chain of parents leads to: a person to its household's grid, a tag to its
person's, a timeline entry to its case's, an attachment to its owner's. Grid workers belong to no grid and
travel everywhere. A scope also takes the ancestors of its node, so that the tree hangs together.
The same rules run as SQL for export and, for import, over the incoming rows and the local database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, false, or_, select, true

from gridapp.services.common import in_subtree
from gridapp.sync.tables import table

# table -> (column naming the parent, parent table); following it ends at a table with grid_id.
PARENT = {
    "persons": ("household_id", "households"),
    "person_tags": ("person_id", "persons"),
    "person_moves": ("person_id", "persons"),
    "party_centers": ("household_id", "households"),
    "party_center_links": ("center_id", "party_centers"),
    "case_steps": ("case_id", "cases"),
    "case_links": ("case_id", "cases"),
}
GRID_COLUMN_TABLES = {"grid_assignments", "houses", "households", "places", "cases", "visits", "map_pins",
                      "colour_changes", "monitor_warnings"}
GLOBAL_TABLES = {"grid_workers"}
ATTACHMENT_OWNERS = {"case_step": "case_steps", "visit": "visits", "grid": "grid_nodes"}


@dataclass(frozen=True)
class Scope:
    grid_id: str
    path: str

    @property
    def ancestors(self) -> tuple[str, ...]:
        return tuple(part for part in self.path.strip("/").split("/")[:-1])

    def holds_path(self, path: str | None) -> bool:
        return path is not None and path.startswith(self.path)


def scope_of(conn: Connection, grid_id: str | None) -> Scope | None:
    if grid_id is None:
        return None
    path = conn.scalar(select(table("grid_nodes").c.path).where(table("grid_nodes").c.id == grid_id))
    return Scope(grid_id, path) if path else None


# -- export: SQL ---------------------------------------------------------------------------------------------------

def in_scope_clause(name: str, scope: Scope | None) -> ColumnElement[bool]:
    """A WHERE clause on ``table(name)`` keeping its rows that belong to ``scope`` (all when None)."""
    tbl = table(name)
    if scope is None or name in GLOBAL_TABLES:
        return true()
    if name == "grid_nodes":
        return or_(in_subtree(tbl.c.path, scope.path), tbl.c.id.in_(scope.ancestors))
    if name in GRID_COLUMN_TABLES:
        return tbl.c.grid_id.in_(_ids_in_scope("grid_nodes", scope))
    if name in PARENT:
        column, parent = PARENT[name]
        return tbl.c[column].in_(_ids_in_scope(parent, scope))
    if name == "attachments":
        return or_(*(and_(tbl.c.owner_kind == kind, tbl.c.owner_id.in_(_ids_in_scope(owner, scope)))
                     for kind, owner in ATTACHMENT_OWNERS.items()))
    return false()


def _ids_in_scope(name: str, scope: Scope) -> Select:
    tbl = table(name)
    if name == "grid_nodes":
        return select(tbl.c.id).where(in_subtree(tbl.c.path, scope.path))
    return select(tbl.c.id).where(in_scope_clause(name, scope))


# -- import: over incoming rows, falling back to the database ------------------------------------------------------

class ScopeResolver:
    """Decides for incoming rows whether they belong to this office's scope. ``incoming`` maps table -> id ->
    row (a dict of decoded values); a parent not in the package is looked up in the local database."""

    def __init__(self, conn: Connection, scope: Scope | None, incoming: dict[str, dict[str, dict[str, Any]]]):
        self.conn = conn
        self.scope = scope
        self.incoming = incoming
        self._cache: dict[tuple[str, str], dict[str, Any] | None] = {}

    def holds(self, name: str, row: dict[str, Any]) -> bool:
        if self.scope is None or name in GLOBAL_TABLES:
            return True
        if name == "grid_nodes":
            return self.scope.holds_path(row["path"]) or row["id"] in self.scope.ancestors
        return self.scope.holds_path(self._grid_path(name, row))

    def _grid_path(self, name: str, row: dict[str, Any] | None) -> str | None:
        for _ in range(len(PARENT) + 2):  # chains are short; the bound guards against a corrupt cycle
            if row is None:
                return None
            if name == "grid_nodes":  # a grid's own attachment (its plan picture)
                return row["path"]
            if name in GRID_COLUMN_TABLES:
                grid = self._row("grid_nodes", row["grid_id"])
                return grid["path"] if grid else None
            if name == "attachments":
                name = ATTACHMENT_OWNERS.get(row["owner_kind"], "")
                if not name:
                    return self.scope.path  # an attachment of a kind this program does not know: keep it
                row = self._row(name, row["owner_id"])
            else:
                column, name = PARENT[name]
                row = self._row(name, row[column])
        return None

    def _row(self, name: str, record_id: str | None) -> dict[str, Any] | None:
        if record_id is None:
            return None
        if record_id in self.incoming.get(name, {}):
            return self.incoming[name][record_id]
        key = (name, record_id)
        if key not in self._cache:
            tbl = table(name)
            found = self.conn.execute(select(tbl).where(tbl.c.id == record_id)).mappings().first()
            self._cache[key] = dict(found) if found else None
        return self._cache[key]

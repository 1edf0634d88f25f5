"""Which records belong to a scope (a grid node and everything under it), defined once per table.

A record belongs to the grid its chain of parents leads to: a person to its household's grid, a tag to its
person's, a timeline entry to its case's, an attachment to its owner's. Grid workers belong to no grid and
travel everywhere. A scope also takes the ancestors of its node, so that the tree hangs together.
The same rules run as SQL for export and, for import, over the incoming rows and the local database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    and_,
    case,
    exists,
    false,
    literal,
    or_,
    select,
    true,
)

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


# -- import: SQL over the staged rows, falling back to the database -------------------------------------------------

def staged_in_scope(name: str, scope: Scope | None, staged: dict[str, Table]) -> ColumnElement[bool]:
    """A WHERE clause on ``staged[name]`` (the package's rows of ``name``, in a staging table) keeping the rows
    that belong to ``scope``: set-wise — a parent is taken from the
    package when it carries one, otherwise from the database."""
    rows = staged[name]
    if scope is None or name in GLOBAL_TABLES:
        return true()
    if name == "grid_nodes":
        return or_(in_subtree(rows.c.path, scope.path), rows.c.id.in_(scope.ancestors))
    return in_subtree(_path_of(name, rows, scope, staged), scope.path)


def _path_of(name: str, row: Any, scope: Scope, staged: dict[str, Table]) -> ColumnElement[Any]:
    """The grid path a row of ``name`` (columns of ``row``) belongs to, as a scalar expression."""
    if name == "grid_nodes":
        return row.c.path
    if name in GRID_COLUMN_TABLES:
        return _record_path("grid_nodes", row.c.grid_id, scope, staged)
    if name == "attachments":
        return case(*((row.c.owner_kind == kind, _record_path(owner, row.c.owner_id, scope, staged))
                      for kind, owner in ATTACHMENT_OWNERS.items()), else_=literal(scope.path))
    column, parent = PARENT[name]
    return _record_path(parent, row.c[column], scope, staged)


def _record_path(name: str, record_id: ColumnElement[Any], scope: Scope,
                 staged: dict[str, Table]) -> ColumnElement[Any]:
    """The grid path of the record ``name``/``record_id``: its version in the package if there is one."""
    local = table(name).alias()
    from_db = select(_path_of(name, local, scope, staged)).where(local.c.id == record_id).scalar_subquery()
    if name not in staged:
        return from_db
    incoming = staged[name].alias()
    from_package = select(_path_of(name, incoming, scope, staged)).where(incoming.c.id == record_id)
    carried = exists().where(staged[name].alias().c.id == record_id)
    return case((carried, from_package.scalar_subquery()), else_=from_db)

"""Helpers shared by the read-only queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridapp import access, codes
from gridapp.errors import NotFound
from gridapp.models import GridNode, Person

LIVE_PERSON = (~Person.deleted, Person.status == "在册")
HEAD = "户主"
VIEW = "view"  # the audit action of a masked user's look at a household or person


class QueryBase:
    """What every query shares: its reads are ``ws.user``'s — within the user's scope, ID numbers and phones
    masked unless the role may see them (gridapp.access does both)."""

    def __init__(self, ws: Any) -> None:  # the Workspace, untyped here to avoid an import cycle
        self.ws = ws
        self._grid_counts: tuple[int, dict[str, tuple[int, int]]] | None = None

    def _scope(self, s: Session) -> str | None:
        """The path of the user's scope (None: the whole tree)."""
        return access.read_scope(s, self.ws.user)

    def _subtree(self, s: Session, node_id: str | None) -> str | None:
        """The path a query of subtree ``node_id`` covers (None: the user's scope; refused outside it)."""
        return access.subtree(s, self.ws.user, node_id)

    def _check(self, s: Session, grid_id: str | None, what: str) -> None:
        """Refuse one record of a grid outside the user's scope."""
        access.check_record(s, self.ws.user, grid_id, what)

    def _shown(self, value: Any) -> Any:
        return access.shown(self.ws.user, value)

    def _viewed(self, table: str, record_id: str, detail: dict[str, Any]) -> None:
        """Put a masked user's look at a person's full record in the audit log (it is personal data however
        masked; roles that see everything are not logged for reading)."""
        if not access.sees_private(self.ws.user):
            self.ws.audit.record(self.ws.user, VIEW, table=table, record_id=record_id, detail=detail)


def level_label(level: int) -> str:
    return codes.label_of("grid_level", str(level)) or f"第{level}级"


def group_label(code: str) -> str:
    try:
        return codes.special_group(code).label
    except KeyError:
        return code


def path_names(s: Session, node: GridNode) -> tuple[str, ...]:
    """The names from the root down to ``node`` (above the user's scope too: they say where it lies)."""
    ids = [p for p in node.path.split("/") if p]
    names = dict(s.execute(select(GridNode.id, GridNode.name).where(GridNode.id.in_(ids))).all())
    return tuple(names[i] for i in ids)


def live_node(s: Session, node_id: str) -> GridNode:
    node = s.get(GridNode, node_id)
    if node is None or node.deleted:
        raise NotFound("找不到该网格，可能已被删除。")
    return node

"""Helpers shared by the read-only queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from gridapp import codes
from gridapp.errors import NotFound
from gridapp.models import GridNode, Person

LIVE_PERSON = (~Person.deleted, Person.status == "在册")
HEAD = "户主"


class QueryBase:
    def __init__(self, ws: Any) -> None:  # the Workspace, untyped here to avoid an import cycle
        self.ws = ws
        self._grid_counts: tuple[int, dict[str, tuple[int, int]]] | None = None


def level_label(level: int) -> str:
    return codes.label_of("grid_level", str(level)) or f"第{level}级"


def group_label(code: str) -> str:
    try:
        return codes.special_group(code).label
    except KeyError:
        return code


def live_node(s: Session, node_id: str) -> GridNode:
    node = s.get(GridNode, node_id)
    if node is None or node.deleted:
        raise NotFound("找不到该网格，可能已被删除。")
    return node

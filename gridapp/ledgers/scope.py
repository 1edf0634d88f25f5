"""The grid node a ledger is printed for: its subtree in the tree's own order, and short grid names.

Row sources read whole subtrees in one query each and sort in Python by the rank kept here, so a county
ledger costs a few queries, not one per grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, select

from gridapp import access
from gridapp.dto import GridNodeDetail
from gridapp.models import GridNode
from gridapp.services.common import in_subtree

if TYPE_CHECKING:
    from gridapp.workspace import Workspace


@dataclass(frozen=True)
class Scope:
    """A ledger's grid node with what every row source needs to place and name a record of its subtree."""

    ws: Workspace
    node: GridNodeDetail
    path: str
    today: date
    rank: dict[str, int]  # grid id -> position in the tree's order (depth first, by sort order and code)
    labels: dict[str, str]  # grid id -> names from below the scope node down to it, "第一网格/第一微网格"
    top: tuple[str, ...]  # the scope's direct children, in order
    branch: dict[str, str]  # grid id -> the direct child of the scope it lies under (the scope for itself)
    period: tuple[date, date] | None = None  # first and last day a period ledger covers
    # the conditions of the person readers of the ledger, to count the persons it shows for the audit log
    person_filters: list[tuple[Any, ...]] = field(default_factory=list)

    @classmethod
    def load(cls, ws: Workspace, node_id: str, period: tuple[date, date] | None = None) -> Scope:
        """The subtree of ``node_id``, which must lie in the scope of the user the ledger is built for."""
        with ws.read() as s:
            path = access.scoped_node(s, ws.user, node_id).path
            nodes = s.execute(
                select(GridNode.id, GridNode.parent_id, GridNode.name)
                .where(in_subtree(GridNode.path, path), ~GridNode.deleted)
                .order_by(GridNode.sort_order, GridNode.code, GridNode.name)
            ).all()
        children: dict[str | None, list[Any]] = {}
        for n in nodes:
            children.setdefault(n.parent_id, []).append(n)
        node = ws.query.grid_node(node_id)
        rank: dict[str, int] = {node_id: 0}
        labels: dict[str, str] = {node_id: node.name}
        branch: dict[str, str] = {node_id: node_id}
        stack = [(c, c.name, c.id) for c in reversed(children.get(node_id, []))]
        while stack:
            n, label, top_id = stack.pop()
            rank[n.id] = len(rank)
            labels[n.id] = label
            branch[n.id] = top_id
            stack.extend((c, f"{label}/{c.name}", top_id) for c in reversed(children.get(n.id, [])))
        top = tuple(c.id for c in children.get(node_id, []))
        return cls(ws, node, path, ws.today(), rank, labels, top, branch, period)

    @property
    def title(self) -> str:
        return " / ".join(self.node.path_names)

    def path_of(self, grid_id: str) -> str:
        """The full path of a grid of the subtree, "宁陵县 / 清河镇 / 幸福村 / 第一网格"."""
        below = () if grid_id == self.node.id else tuple(self.labels[grid_id].split("/"))
        return " / ".join((*self.node.path_names, *below))

    def subtree(self) -> Any:
        """A condition on GridNode selecting the live nodes of this subtree, for joins."""
        return and_(in_subtree(GridNode.path, self.path), ~GridNode.deleted)

    def branches(self) -> list[tuple[str, str]]:
        """(id, name) of the scope's direct children in tree order, or the node itself when it has none."""
        return [(i, self.labels[i]) for i in self.top] or [(self.node.id, self.node.name)]

    def age(self, born: date | None) -> int | None:
        if born is None:
            return None
        today = self.today
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def calendar_year(day: date) -> tuple[date, date]:
    """The first and last day of ``day``'s year: the period a 事件 or 走访 ledger covers unless told otherwise."""
    return date(day.year, 1, 1), date(day.year, 12, 31)

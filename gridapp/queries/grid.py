"""Queries over the grid tree: children with subtree counts, node details, workers."""

from __future__ import annotations

from sqlalchemy import func, select

from gridapp.dto import GridNodeDetail, GridNodeRow, WorkerView
from gridapp.errors import NotFound
from gridapp.models import GridAssignment, GridNode, GridWorker, Household, Person
from gridapp.models.grid import PATH_SEGMENT
from gridapp.queries.common import LIVE_PERSON, QueryBase, level_label, live_node
from gridapp.services.common import below


class GridQueries(QueryBase):
    # -- grid tree --------------------------------------------------------------------------------------------

    def grid_children(self, parent_id: str | None, include_retired: bool = False) -> list[GridNodeRow]:
        """Children of a node (roots for None) with subtree household and person counts, in one pass each."""
        with self.ws.read() as s:
            parent_path = live_node(s, parent_id).path if parent_id else "/"
            q = select(GridNode).where(GridNode.parent_id.is_(None) if parent_id is None
                                       else GridNode.parent_id == parent_id, ~GridNode.deleted)
            if not include_retired:
                q = q.where(~GridNode.retired)
            nodes = s.scalars(q.order_by(GridNode.sort_order, GridNode.code, GridNode.name)).all()
            if not nodes:
                return []
            key = func.substr(GridNode.path, 1, len(parent_path) + PATH_SEGMENT)
            households = dict(s.execute(
                select(key, func.count(Household.id)).join(GridNode, GridNode.id == Household.grid_id)
                .where(below(GridNode.path, parent_path), ~Household.deleted).group_by(key)).all())
            persons = dict(s.execute(
                select(key, func.count(Person.id)).join(Household, Household.id == Person.household_id)
                .join(GridNode, GridNode.id == Household.grid_id)
                .where(below(GridNode.path, parent_path), ~Household.deleted, *LIVE_PERSON).group_by(key)).all())
            children = dict(s.execute(
                select(GridNode.parent_id, func.count(GridNode.id))
                .where(GridNode.parent_id.in_([n.id for n in nodes]), ~GridNode.deleted, ~GridNode.retired)
                .group_by(GridNode.parent_id)).all())
            return [
                GridNodeRow(n.id, n.parent_id, n.name, n.level, level_label(n.level), n.kind, n.code,
                            children.get(n.id, 0), households.get(n.path, 0), persons.get(n.path, 0), n.retired)
                for n in nodes
            ]

    def grid_node(self, node_id: str) -> GridNodeDetail:
        with self.ws.read() as s:
            n = live_node(s, node_id)
            ids = [p for p in n.path.strip("/").split("/") if p]
            names = dict(s.execute(select(GridNode.id, GridNode.name).where(GridNode.id.in_(ids))).all())
            return GridNodeDetail(
                n.id, n.parent_id, tuple(names[i] for i in ids), n.name, n.level, level_label(n.level), n.kind,
                n.code, n.boundary_east, n.boundary_south, n.boundary_west, n.boundary_north, n.head_name,
                n.head_phone, n.party_org, n.notes, n.plan_image, n.retired,
            )

    def find_grid(self, code_or_name: str) -> GridNodeDetail:
        """A node by its code or exact name (for the CLI's --grid option)."""
        with self.ws.read() as s:
            node = s.scalars(select(GridNode).where(~GridNode.deleted, (GridNode.code == code_or_name) |
                                                    (GridNode.name == code_or_name))
                             .order_by(GridNode.level)).first()
            if node is None:
                raise NotFound(f"找不到代码或名称为“{code_or_name}”的网格。")
        return self.grid_node(node.id)

    def grid_workers(self, grid_id: str) -> list[WorkerView]:
        with self.ws.read() as s:
            rows = s.execute(
                select(GridWorker, GridAssignment.role).join(GridAssignment, GridAssignment.worker_id == GridWorker.id)
                .where(GridAssignment.grid_id == grid_id, ~GridAssignment.deleted, ~GridWorker.deleted)
                .order_by(GridAssignment.role, GridWorker.name)
            ).all()
        return [WorkerView(w.id, w.name, role, w.kind, w.phone, w.department, w.party_member) for w, role in rows]

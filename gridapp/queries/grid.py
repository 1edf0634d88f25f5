"""Queries over the grid tree: children with subtree counts, node details, workers, 党员中心户."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from gridapp import access
from gridapp.access import in_scope
from gridapp.dto import GridNodeDetail, GridNodeRow, HouseholdBrief, PartyCenterView, WorkerView
from gridapp.errors import NotFound
from gridapp.models import (
    GridAssignment,
    GridNode,
    GridWorker,
    Household,
    PartyCenter,
    PartyCenterLink,
    Person,
)
from gridapp.models.grid import PATH_SEGMENT
from gridapp.queries.common import HEAD, LIVE_PERSON, QueryBase, level_label, path_names
from gridapp.services.common import within


class GridQueries(QueryBase):
    # -- grid tree --------------------------------------------------------------------------------------------

    def grid_children(self, parent_id: str | None, include_retired: bool = False) -> list[GridNodeRow]:
        """Children of a node (roots for None: the user's scope node when scoped) with subtree household and
        person counts, in one pass each."""
        with self.ws.read() as s:
            if parent_id:
                parent_path = self._subtree(s, parent_id)
                q = select(GridNode).where(GridNode.parent_id == parent_id)
            elif (scope := self._scope(s)) is not None:
                parent_path = scope[:-PATH_SEGMENT]
                q = select(GridNode).where(GridNode.path == scope)
            else:
                parent_path = "/"
                q = select(GridNode).where(GridNode.parent_id.is_(None))
            q = q.where(~GridNode.deleted)
            if not include_retired:
                q = q.where(~GridNode.retired)
            nodes = s.scalars(q.order_by(GridNode.sort_order, GridNode.code, GridNode.name)).all()
            if not nodes:
                return []
            per_grid = self._counts_by_path(s)
            households: dict[str, int] = {}
            persons: dict[str, int] = {}
            width = len(parent_path) + PATH_SEGMENT
            for path, (h, p) in per_grid.items():
                if len(path) >= width and path.startswith(parent_path):
                    key = path[:width]
                    households[key] = households.get(key, 0) + h
                    persons[key] = persons.get(key, 0) + p
            counted = select(GridNode.parent_id, func.count(GridNode.id)).where(
                GridNode.parent_id.in_([n.id for n in nodes]), ~GridNode.deleted)
            if not include_retired:
                counted = counted.where(~GridNode.retired)
            children = dict(s.execute(counted.group_by(GridNode.parent_id)).all())
            return [
                GridNodeRow(n.id, n.parent_id, n.name, n.level, level_label(n.level), n.kind, n.code,
                            children.get(n.id, 0), households.get(n.path, 0), persons.get(n.path, 0), n.retired)
                for n in nodes
            ]

    def _counts_by_path(self, s: Any) -> dict[str, tuple[int, int]]:
        """Live households and persons per grid node path, for the whole database.

        One pass costs about a quarter of a second at county scale, so it is cached until the next write
        (Workspace.generation) and every level of the tree is summed from it.
        """
        generation = self.ws.generation  # before the query: a write committing meanwhile makes this stale
        cached = self._grid_counts
        if cached is not None and cached[0] == generation:
            return cached[1]
        counts = {path: (h, int(p or 0)) for path, h, p in self._count_rows(s)}
        self._grid_counts = (generation, counts)
        return counts

    @staticmethod
    def _count_rows(s: Any) -> list[Any]:
        members = (select(func.count()).where(Person.household_id == Household.id, *LIVE_PERSON)
                   .correlate(Household).scalar_subquery())
        return s.execute(
            select(GridNode.path, func.count(Household.id), func.sum(members))
            .join(Household, Household.grid_id == GridNode.id).where(~Household.deleted).group_by(GridNode.path)
        ).all()

    def grid_node(self, node_id: str) -> GridNodeDetail:
        """A node of the user's scope; ``path_names`` name it from the root, above the scope too."""
        with self.ws.read() as s:
            return self._shown(_detail(s, access.scoped_node(s, self.ws.user, node_id)))

    def grid_path(self, node_id: str) -> list[str]:
        """Ids from the root (the user's scope node when scoped) down to the node itself, so a lazy tree can
        open the levels above it."""
        with self.ws.read() as s:
            scope = self._scope(s)
            path = self._subtree(s, node_id)
            return _path_ids(path)[len(_path_ids(scope)) - 1 if scope else 0:]

    def find_grid(self, code_or_name: str) -> GridNodeDetail:
        """A node by its code or exact name (for the CLI's --grid option), in the user's scope before any other
        of the same name; a county's 6 or a town's 9 digits also find the node stored with the 12-digit padded
        code."""
        codes = {code_or_name}
        if code_or_name.isascii() and code_or_name.isdigit() and len(code_or_name) in (6, 9):
            codes.add(code_or_name.ljust(12, "0"))
        with self.ws.read() as s:
            scope = self._scope(s)
            nodes = s.scalars(select(GridNode).where(~GridNode.deleted, GridNode.code.in_(codes) |
                                                     (GridNode.name == code_or_name))
                              .order_by(GridNode.level)).all()
            if not nodes:
                raise NotFound(f"找不到代码或名称为“{code_or_name}”的网格。")
            node = next((n for n in nodes if in_scope(scope, n.path)), nodes[0])
        return self.grid_node(node.id)

    def office_node(self) -> GridNodeDetail | None:
        """The node this office stands for: the one set up for it, else (a database from before set-up recorded
        it) the last node of the single chain down from a single root — the village of a village's tree. A user
        scoped below it gets the scope node."""
        office = self.ws.office
        with self.ws.read() as s:
            scope = self._scope(s)
            node = s.get(GridNode, office.node_id) if office and office.node_id else None
            if node is None or node.deleted:
                node = None
                children = self._live_children(s, None)
                while len(children) == 1:
                    node = children[0]
                    children = self._live_children(s, node.id)
            if scope is not None and (node is None or not in_scope(scope, node.path)):
                node = s.scalars(select(GridNode).where(GridNode.path == scope)).first()
        return self.grid_node(node.id) if node is not None else None

    @staticmethod
    def _live_children(s: Any, parent_id: str | None) -> list[GridNode]:
        parent = GridNode.parent_id.is_(None) if parent_id is None else GridNode.parent_id == parent_id
        return list(s.scalars(select(GridNode).where(parent, ~GridNode.deleted, ~GridNode.retired).limit(2)))

    def grid_workers(self, grid_id: str) -> list[WorkerView]:
        with self.ws.read() as s:
            if self._scope(s) is not None:
                self._subtree(s, grid_id)
            rows = s.execute(
                select(GridWorker, GridAssignment.role).join(GridAssignment, GridAssignment.worker_id == GridWorker.id)
                .where(GridAssignment.grid_id == grid_id, ~GridAssignment.deleted, ~GridWorker.deleted)
                .order_by(GridAssignment.role, GridWorker.name)
            ).all()
        return self._shown([WorkerView(w.id, w.name, role, w.kind, w.phone, w.department, w.party_member)
                            for w, role in rows])

    # -- 党员中心户 ---------------------------------------------------------------------------------------------

    def party_centers(self, grid_id: str | None) -> list[PartyCenterView]:
        """The 党员中心户 of a subtree (None: the user's scope) with their contact member and the households
        each serves."""
        home = aliased(Household)
        member = aliased(Person)
        with self.ws.read() as s:
            path = self._subtree(s, grid_id)
            where = (*within(path), ~PartyCenter.deleted, ~home.deleted)
            centers = s.execute(
                select(PartyCenter, GridNode.name, member.name, *_brief_columns(home))
                .join(home, home.id == PartyCenter.household_id).join(GridNode, GridNode.id == home.grid_id)
                .outerjoin(member, member.id == PartyCenter.member_id).where(*where)
            ).all()
            links = s.execute(
                select(PartyCenterLink.center_id, *_brief_columns(Household))
                .join(Household, Household.id == PartyCenterLink.household_id)
                .join(PartyCenter, PartyCenter.id == PartyCenterLink.center_id)
                .join(home, home.id == PartyCenter.household_id).join(GridNode, GridNode.id == home.grid_id)
                .where(*where, ~PartyCenterLink.deleted, ~Household.deleted)
                .order_by(Household.number, Household.address)
            ).all()
        served: dict[str, list[HouseholdBrief]] = {}
        for center_id, *brief in links:
            served.setdefault(center_id, []).append(HouseholdBrief(*brief))
        views = [
            PartyCenterView(c.id, HouseholdBrief(*brief), grid_name, c.member_id, member_name or "", c.notes,
                            tuple(served.get(c.id, ())))
            for c, grid_name, member_name, *brief in centers
        ]
        return sorted(views, key=lambda v: (v.household.number, v.household.address))


def _detail(s: Any, n: GridNode) -> GridNodeDetail:
    return GridNodeDetail(
        n.id, n.parent_id, path_names(s, n), n.name, n.level, level_label(n.level), n.kind,
        n.code, n.boundary_east, n.boundary_south, n.boundary_west, n.boundary_north, n.head_name,
        n.head_phone, n.party_org, n.notes, n.plan_attachment_id, n.retired, n.hlc,
    )


def _path_ids(path: str) -> list[str]:
    return [p for p in path.split("/") if p]


def _brief_columns(household: Any) -> tuple[Any, ...]:
    """The columns of a HouseholdBrief, the head's name as a correlated subquery."""
    head = (select(Person.name).where(Person.household_id == household.id, Person.relation == HEAD,
                                      ~Person.deleted).limit(1).scalar_subquery())
    return household.id, household.number, func.coalesce(head, ""), household.address

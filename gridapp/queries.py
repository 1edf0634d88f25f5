"""Read-only queries that return plain DTOs for the UI, ledgers and the CLI."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridapp import codes, divisions
from gridapp.dto import (
    GridNodeDetail,
    GridNodeRow,
    HouseholdFilter,
    HouseholdRow,
    HouseholdView,
    PersonMoveView,
    PersonView,
    PlaceView,
    TagView,
    WorkerView,
)
from gridapp.errors import NotFound
from gridapp.models import (
    Case,
    GridAssignment,
    GridNode,
    GridWorker,
    Household,
    Person,
    PersonMove,
    PersonTag,
    Place,
    Visit,
)
from gridapp.models.grid import PATH_SEGMENT
from gridapp.services.common import below, in_subtree

LIVE_PERSON = (~Person.deleted, Person.status == "在册")
HEAD = "户主"

HOUSEHOLD_SORT = {
    "number": Household.number,
    "address": Household.address,
    "colour": Household.colour,
    "kind": Household.kind,
    "phone": Household.phone,
}


def _head_name() -> Any:
    return (select(Person.name).where(Person.household_id == Household.id, Person.relation == HEAD,
                                      ~Person.deleted).limit(1).scalar_subquery())


def _member_count() -> Any:
    return (select(func.count(Person.id)).where(Person.household_id == Household.id, *LIVE_PERSON)
            .scalar_subquery())


class Queries:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    # -- grid tree --------------------------------------------------------------------------------------------

    def grid_children(self, parent_id: str | None, include_retired: bool = False) -> list[GridNodeRow]:
        """Children of a node (roots for None) with subtree household and person counts, in one pass each."""
        with self.ws.read() as s:
            parent_path = _node(s, parent_id).path if parent_id else "/"
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
            n = _node(s, node_id)
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

    def places(self, scope_id: str) -> list[PlaceView]:
        """Places in a subtree, by name."""
        with self.ws.read() as s:
            rows = s.scalars(
                select(Place).join(GridNode, GridNode.id == Place.grid_id)
                .where(in_subtree(GridNode.path, _node(s, scope_id).path), ~Place.deleted).order_by(Place.name)
            ).all()
        return [PlaceView(p.id, p.grid_id, p.name, p.type, p.address, p.contact_name, p.contact_phone,
                          p.risk_level) for p in rows]

    # -- households -------------------------------------------------------------------------------------------

    def household_ids(self, scope_id: str | None, flt: HouseholdFilter | None = None, sort: str = "number",
                      descending: bool = False) -> list[str]:
        """Ids of the households in a subtree, filtered and sorted — cheap enough for a whole county."""
        flt = flt or HouseholdFilter()
        with self.ws.read() as s:
            q = select(Household.id).where(~Household.deleted)
            if scope_id:
                q = q.join(GridNode, GridNode.id == Household.grid_id).where(
                    in_subtree(GridNode.path, _node(s, scope_id).path))
            if flt.kind:
                q = q.where(Household.kind == flt.kind)
            if flt.colour:
                q = q.where(Household.colour == flt.colour)
            member = select(Person.id).where(Person.household_id == Household.id, ~Person.deleted)
            if flt.residence_kind:
                q = q.where(member.where(Person.residence_kind == flt.residence_kind).exists())
            if flt.person_status:
                q = q.where(member.where(Person.status == flt.person_status).exists())
            if flt.tag:
                q = q.where(member.join(PersonTag, PersonTag.person_id == Person.id)
                            .where(PersonTag.category == flt.tag, ~PersonTag.deleted).exists())
            column = {"head_name": _head_name(), "member_count": _member_count()}.get(sort) \
                if sort in ("head_name", "member_count") else HOUSEHOLD_SORT.get(sort, Household.number)
            order = column.desc() if descending else column.asc()
            return list(s.scalars(q.order_by(order, Household.id)))

    def household_rows(self, ids: list[str]) -> list[HouseholdRow]:
        """Rows for the given ids, in the same order (the list model asks for one page at a time)."""
        if not ids:
            return []
        with self.ws.read() as s:
            head = select(Person.household_id, Person.name, Person.id_number).where(
                Person.household_id.in_(ids), Person.relation == HEAD, ~Person.deleted).subquery()
            rows = s.execute(
                select(Household, GridNode.name, head.c.name, head.c.id_number, _member_count())
                .join(GridNode, GridNode.id == Household.grid_id)
                .outerjoin(head, head.c.household_id == Household.id)
                .where(Household.id.in_(ids))
            ).all()
        by_id = {
            h.id: HouseholdRow(h.id, h.number, head_name or "", head_id or "", h.address, h.phone, h.kind,
                               h.colour, count, grid_name)
            for h, grid_name, head_name, head_id, count in rows
        }
        return [by_id[i] for i in ids if i in by_id]

    def household(self, household_id: str) -> HouseholdView:
        with self.ws.read() as s:
            h = s.get(Household, household_id)
            if h is None or h.deleted:
                raise NotFound("找不到该住户，可能已被删除。")
            members = s.scalars(select(Person).where(Person.household_id == h.id, ~Person.deleted)
                                .order_by(Person.sort_order)).all()
            tags: dict[str, list[TagView]] = {}
            for t in s.scalars(select(PersonTag).where(PersonTag.person_id.in_([m.id for m in members]),
                                                       ~PersonTag.deleted)):
                tags.setdefault(t.person_id, []).append(_tag_view(t))
            grid = self.grid_node(h.grid_id)
            today = self.ws.today()
            return HouseholdView(
                h.id, h.number, h.kind, h.grid_id, grid.path_names, h.house_id, h.address, h.phone, h.colour,
                h.colour_reason, h.notes, tuple(_person_view(m, tags.get(m.id, []), today) for m in members),
            )

    def person_history(self, person_id: str) -> list[PersonMoveView]:
        with self.ws.read() as s:
            return [
                PersonMoveView(m.moved_on, m.from_household_id, m.to_household_id, m.from_grid_id, m.to_grid_id,
                               m.reason, m.actor_name)
                for m in s.scalars(select(PersonMove).where(PersonMove.person_id == person_id, ~PersonMove.deleted)
                                   .order_by(PersonMove.moved_on, PersonMove.hlc))
            ]

    # -- statistics -------------------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """The counts `gridapp stats` prints: nodes by level, households, persons by kind, tags, …"""
        with self.ws.read() as s:
            by_level = dict(s.execute(select(GridNode.level, func.count()).where(~GridNode.deleted,
                                                                                 ~GridNode.retired)
                                      .group_by(GridNode.level)).all())
            live_households = select(Household.id).where(~Household.deleted)
            persons = (select(Person.residence_kind, func.count()).where(*LIVE_PERSON,
                                                                         Person.household_id.in_(live_households))
                       .group_by(Person.residence_kind))
            by_kind = dict(s.execute(persons).all())
            tags = dict(s.execute(select(PersonTag.category, func.count()).join(Person)
                                  .where(~PersonTag.deleted, *LIVE_PERSON).group_by(PersonTag.category)).all())

            def count(model: Any) -> int:
                return s.scalar(select(func.count()).select_from(model).where(~model.deleted)) or 0

            return {
                "grid_nodes": {level_label(k): v for k, v in sorted(by_level.items())},
                "households": count(Household),
                "persons": sum(by_kind.values()),
                "persons_by_residence_kind": by_kind,
                "tags": {_group_label(k): v for k, v in sorted(tags.items())},
                "places": count(Place),
                "cases": count(Case),
                "visits": count(Visit),
            }


def level_label(level: int) -> str:
    return codes.label_of("grid_level", str(level)) or f"第{level}级"


def _group_label(code: str) -> str:
    try:
        return codes.special_group(code).label
    except KeyError:
        return code


def _node(s: Session, node_id: str) -> GridNode:
    node = s.get(GridNode, node_id)
    if node is None or node.deleted:
        raise NotFound("找不到该网格，可能已被删除。")
    return node


def _tag_view(t: PersonTag) -> TagView:
    return TagView(t.id, t.category, _group_label(t.category), dict(t.details or {}), t.since, t.until, t.notes)


def _person_view(p: Person, tags: list[TagView], today: Any) -> PersonView:
    age = None
    if p.birth_date:
        age = today.year - p.birth_date.year - ((today.month, today.day) < (p.birth_date.month, p.birth_date.day))
    birthplace = divisions.name_of(p.id_number[:6]) if len(p.id_number) == 18 else None
    return PersonView(
        p.id, p.household_id, p.name, p.relation, p.id_number, p.sex, p.birth_date, age, birthplace, p.ethnicity,
        p.political_status, p.education, p.marital_status, p.occupation, p.employer, p.phone, p.residence_kind,
        p.origin, p.arrival_date, p.status, p.notes, tuple(tags),
    )

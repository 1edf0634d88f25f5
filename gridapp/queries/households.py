"""Queries over households and persons: the (big) household list, one household page, move history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from gridapp import access, divisions, idnumber
from gridapp.dates import age_on
from gridapp.dto import (
    HouseholdFilter,
    HouseholdRow,
    HouseholdView,
    MonitorCause,
    PersonLocation,
    PersonMoveView,
    PersonView,
    TagView,
)
from gridapp.errors import NotFound
from gridapp.models import GridNode, Household, Person, PersonMove, PersonTag
from gridapp.queries.common import HEAD, LIVE_PERSON, QueryBase, group_label, live_node, path_names
from gridapp.services.common import in_subtree, within

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


class HouseholdQueries(QueryBase):
    def household_ids(self, scope_id: str | None, flt: HouseholdFilter | None = None, sort: str = "number",
                      descending: bool = False) -> list[str]:
        """Ids of the households in a subtree (None: the user's scope), filtered and sorted — cheap enough for a
        whole county."""
        flt = flt or HouseholdFilter()
        with self.ws.read() as s:
            q = select(Household.id).where(~Household.deleted)
            path = self._subtree(s, scope_id)
            if path:
                q = q.join(GridNode, GridNode.id == Household.grid_id).where(in_subtree(GridNode.path, path))
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
        """Rows for the given ids in the user's scope, in the same order (the list model asks for one page at a
        time)."""
        if not ids:
            return []
        with self.ws.read() as s:
            path = self._scope(s)
            head = select(Person.household_id, Person.name, Person.id_number).where(
                Person.household_id.in_(ids), Person.relation == HEAD, ~Person.deleted).subquery()
            rows = s.execute(
                select(Household, GridNode.name, head.c.name, head.c.id_number, _member_count())
                .join(GridNode, GridNode.id == Household.grid_id)
                .outerjoin(head, head.c.household_id == Household.id)
                .where(Household.id.in_(ids), *within(path))
            ).all()
        by_id = {
            h.id: HouseholdRow(h.id, h.number, head_name or "", head_id or "", h.address, h.phone, h.kind,
                               h.colour, count, grid_name)
            for h, grid_name, head_name, head_id, count in rows
        }
        return self._shown([by_id[i] for i in ids if i in by_id])

    def household(self, household_id: str) -> HouseholdView:
        """One household page with its members; a masked user's look at it goes into the audit log."""
        with self.ws.read() as s:
            h = s.get(Household, household_id)
            if h is None or h.deleted:
                raise NotFound("找不到该住户，可能已被删除。")
            self._check(s, h.grid_id, "住户")
            members = s.scalars(select(Person).where(Person.household_id == h.id, ~Person.deleted)
                                .order_by(Person.sort_order)).all()
            tags: dict[str, list[TagView]] = {}
            for t in s.scalars(select(PersonTag).where(PersonTag.person_id.in_([m.id for m in members]),
                                                       ~PersonTag.deleted)):
                tags.setdefault(t.person_id, []).append(tag_view(t))
            today = self.ws.today()
            view = HouseholdView(
                h.id, h.number, h.kind, h.grid_id, path_names(s, live_node(s, h.grid_id)), h.house_id, h.address,
                h.phone, h.colour, h.colour_reason, h.notes,
                tuple(person_view(m, tags.get(m.id, []), today) for m in members), h.hlc,
                h.income_per_capita, h.drinking_water_safe, h.colour_computed,
                tuple(MonitorCause(c["rule"], c["cause"], c["colour"], c["reason"]) for c in h.colour_causes or ()),
                h.colour_override, h.colour_override_reason,
            )
        self._viewed("households", h.id, {"number": h.number, "persons": len(members)})
        return self._shown(view)

    def person_by_id_number(self, number: str) -> PersonLocation | None:
        """Who is registered under a valid ID number (15 or 18 digits), and in which household and grid;
        None outside the user's scope too."""
        try:
            number = idnumber.parse(number, today=self.ws.today()).number
        except idnumber.IdNumberError:
            return None
        with self.ws.read() as s:
            path = self._scope(s)
            hit = s.execute(
                select(Person, Household, GridNode).join(Household, Household.id == Person.household_id)
                .join(GridNode, GridNode.id == Household.grid_id)
                .where(Person.id_number == number, ~Person.deleted, ~Household.deleted,
                       *within(path)).limit(1)
            ).first()
            if hit is None:
                return None
            person, household, grid = hit
            tags = [tag_view(t) for t in s.scalars(select(PersonTag).where(PersonTag.person_id == person.id,
                                                                           ~PersonTag.deleted))]
            view = PersonLocation(person_view(person, tags, self.ws.today()), household.number,
                                  household.address, path_names(s, grid))
        self._viewed("persons", person.id, {"persons": 1})
        return self._shown(view)

    def person_history(self, person_id: str) -> list[PersonMoveView]:
        with self.ws.read() as s:
            scope = self._scope(s)
            if scope is not None:
                access.check_path(scope, s.scalar(
                    select(GridNode.path).join(Household, Household.grid_id == GridNode.id)
                    .join(Person, Person.household_id == Household.id).where(Person.id == person_id)), "人员")
            return [
                PersonMoveView(m.moved_on, m.from_household_id, m.to_household_id, m.from_grid_id, m.to_grid_id,
                               m.reason, m.actor_name)
                for m in s.scalars(select(PersonMove).where(PersonMove.person_id == person_id, ~PersonMove.deleted)
                                   .order_by(PersonMove.moved_on, PersonMove.hlc))
            ]


def tag_view(t: PersonTag) -> TagView:
    return TagView(t.id, t.category, group_label(t.category), dict(t.details or {}), t.since, t.until, t.notes)


def person_view(p: Person, tags: list[TagView], today: Any) -> PersonView:
    age = age_on(p.birth_date, today)
    birthplace = divisions.birthplace(p.id_number[:6]) if len(p.id_number) == 18 else None
    return PersonView(
        p.id, p.household_id, p.name, p.relation, p.id_number, p.sex, p.birth_date, age, birthplace, p.ethnicity,
        p.political_status, p.education, p.marital_status, p.occupation, p.employer, p.phone, p.residence_kind,
        p.origin, p.arrival_date, p.status, p.notes, tuple(tags), p.medical_insured, p.schooling,
    )

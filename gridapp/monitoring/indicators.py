"""Gathering the indicators of many households at once: a handful of grouped queries, whatever their number."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from gridapp import codes
from gridapp.cases.workflow import ARCHIVED
from gridapp.models import Case, CaseLink, House, Household, Person, PersonTag, Visit
from gridapp.monitoring.rules import Indicators

WARNING_CATEGORY = "帮扶"  # the case category of 预警; such cases do not count as the household's own problems
LIVE_STATUS = "在册"
FEW = 500  # up to this many households are asked for by id; more are read whole (no IN list that long)


@dataclass(frozen=True)
class Stored:
    """A household's monitoring columns as they are now, to tell what a new judgement changes."""

    id: str
    grid_id: str
    colour: str
    colour_reason: str
    colour_computed: str
    colour_causes: list
    colour_override: str
    colour_override_reason: str


def gather(s: Session, ids: Collection[str] | None, today: date, now: datetime) -> dict[str, tuple[Stored, Indicators]]:
    """Every live household of ``ids`` (all of them for None) with its stored colour and its indicators."""
    if ids is not None and len(ids) <= FEW:
        return _gather(s, list(ids), today, now)
    found = _gather(s, None, today, now)
    return found if ids is None else {i: found[i] for i in ids if i in found}


def _gather(s: Session, ids: list[str] | None, today: date, now: datetime) -> dict[str, tuple[Stored, Indicators]]:
    def only(q: Select, column: object) -> Select:
        return q if ids is None else q.where(column.in_(ids))  # type: ignore[attr-defined]

    ratings = {item.label: item.code for item in codes.items("safety_rating")}
    homes = s.execute(only(select(
        Household.id, Household.grid_id, Household.colour, Household.colour_reason, Household.colour_computed,
        Household.colour_causes, Household.colour_override, Household.colour_override_reason,
        Household.income_per_capita, Household.drinking_water_safe, Household.created_at, House.safety_rating)
        .outerjoin(House, (House.id == Household.house_id) & ~House.deleted).where(~Household.deleted),
        Household.id)).all()
    members = dict(((h, (u, o)) for h, u, o in s.execute(only(select(
        Person.household_id, func.count().filter(Person.medical_insured.is_(False)),
        func.count().filter(Person.schooling == "失学"))
        .where(~Person.deleted, Person.status == LIVE_STATUS).group_by(Person.household_id), Person.household_id))))
    special = dict(s.execute(only(select(Person.household_id, func.count(func.distinct(Person.id)))
                                  .join(PersonTag, PersonTag.person_id == Person.id)
                                  .where(~Person.deleted, ~PersonTag.deleted, Person.status == LIVE_STATUS)
                                  .group_by(Person.household_id), Person.household_id)).all())
    visited = dict(s.execute(only(select(Visit.household_id, func.max(Visit.visited_on))
                                  .where(~Visit.deleted, Visit.household_id.is_not(None))
                                  .group_by(Visit.household_id), Visit.household_id)).all())
    overdue = dict(s.execute(only(select(CaseLink.target_id, func.count(func.distinct(Case.id)))
                                  .join(Case, Case.id == CaseLink.case_id)
                                  .where(CaseLink.target_kind == "household", ~CaseLink.deleted, ~Case.deleted,
                                         Case.step != ARCHIVED, Case.resolved_at.is_(None),
                                         Case.category != WARNING_CATEGORY, Case.deadline < now)
                                  .group_by(CaseLink.target_id), CaseLink.target_id)).all())
    out = {}
    for row in homes:
        uninsured, out_of_school = members.get(row.id, (0, 0))
        last = visited.get(row.id) or row.created_at.date()
        indicators = Indicators(
            income_per_capita=row.income_per_capita, uninsured_members=uninsured,
            out_of_school_children=out_of_school, house_safety=ratings.get(row.safety_rating or "", ""),
            drinking_water_safe=row.drinking_water_safe, special_group_members=special.get(row.id, 0),
            days_since_visit=max(0, (today - last).days), overdue_cases=overdue.get(row.id, 0))
        out[row.id] = (Stored(row.id, row.grid_id, row.colour, row.colour_reason, row.colour_computed,
                              list(row.colour_causes or []), row.colour_override, row.colour_override_reason),
                       indicators)
    return out

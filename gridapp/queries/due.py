"""Who is due a visit, in SQL: the list and the home page's counts from one statement whatever the scope.

The rules (gridapp.cases.due) stay the spec. The households and tagged persons of the scope, each with its last
visit, are read once (a materialised CTE); one branch per rule gives the date that rule makes each target it
covers due, kept when it falls by the horizon; the earliest rule per target wins, ties to the rule listed first
as in ``due.earliest``. A visit to a member counts for the household and the other way round, wherever it was
recorded (a household that moved keeps its last visit).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Select,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from gridapp.cases.due import VisitRule
from gridapp.dto import DueCounts, DueVisit
from gridapp.models import GridNode, Household, Person, PersonTag, Visit
from gridapp.queries.common import HEAD, LIVE_PERSON
from gridapp.queries.sqldates import add_interval, day_of

COLUMNS = ("target_kind", "target_id", "household_id", "title", "address", "grid_id", "grid_name", "last_visit")


def due_list(s: Session, grids: ColumnElement[bool], rules: Sequence[VisitRule], today: date,
             horizon: date) -> list[DueVisit]:
    """Targets due by ``horizon``, earliest due first (then by title)."""
    candidates = _candidates(grids, rules, today, horizon, detail=True)
    if candidates is None:
        return []
    c = candidates.subquery("due_candidates")
    rows = s.execute(select(c).order_by(c.c.due_date, c.c.title, c.c.target_id))
    return [DueVisit(kind, tid, hid, title, address, gid, gname, rules[index].code, rules[index].label, last, due,
                     (today - due).days)
            for kind, tid, hid, title, address, gid, gname, last, due, index in rows]


def due_counts(s: Session, grids: ColumnElement[bool], rules: Sequence[VisitRule], today: date,
               horizon: date) -> DueCounts:
    """How many targets are due by ``horizon``, overdue, and due exactly today: counted in SQL, no list built."""
    candidates = _candidates(grids, rules, today, horizon, detail=False)
    if candidates is None:
        return DueCounts(0, 0, 0)
    c = candidates.subquery("due_candidates")
    total, overdue, on_day = s.execute(select(
        func.count(), func.sum(case((c.c.due_date < today, 1), else_=0)),
        func.sum(case((c.c.due_date == today, 1), else_=0)))).one()
    return DueCounts(total, overdue or 0, on_day or 0)


def _candidates(grids: ColumnElement[bool], rules: Sequence[VisitRule], today: date, horizon: date,
                detail: bool) -> Select | None:
    """One row per target due by the horizon: its due date and the index of the rule that makes it due first;
    ``detail`` adds what the list shows (title, address, grid, last visit)."""
    homes = _homes(grids, today, detail)
    people = _people(homes, [(i, r) for i, r in enumerate(rules) if r.target == "person"], today, detail)
    columns = COLUMNS if detail else COLUMNS[:2]
    branches = []
    for kind, targets in (("household", homes), ("person", people)):
        if targets is None:
            continue
        mine = [(i, r) for i, r in enumerate(rules) if r.target == kind]
        covers = {i: _covers(targets, i, r) for i, r in mine}
        start = func.coalesce(targets.c.last_visit, targets.c.since)
        due = {i: add_interval(start, r.interval_months, r.interval_days) for i, r in mine}
        for i, rule in mine:
            # a row per target, not per rule: this rule's branch keeps a target no other rule makes due sooner
            # (ties go to the rule listed first); the test is on the row itself, no grouping or window needed
            beaten = [covers[j] & ((due[j] <= due[i]) if j < i else (due[j] < due[i])) for j, _ in mine if j != i]
            branches.append(select(*(targets.c[name] for name in columns), due[i].label("due_date"),
                                   literal_column(str(i)).label("rule"))
                            .where(covers[i], start <= rule.latest_start(horizon),
                                   *(~condition for condition in beaten)))
    return union_all(*branches) if len(branches) > 1 else branches[0] if branches else None


def _covers(targets: CTE, index: int, rule: VisitRule) -> ColumnElement[bool]:
    if rule.target == "person":
        return targets.c[f"rule_{index}"] == 1
    return targets.c.colour.in_(sorted(rule.colours)) if rule.colours else true()


def _homes(grids: ColumnElement[bool], today: date, detail: bool) -> CTE:
    """Households in scope: colour, the last visit to it or any member (else the registration day) that the
    rules count from, the last visit to the household itself (which counts for each member); with ``detail``
    the title (the head's name, else the address), address and grid. Each lookup reads a covering index
    (migration 0011), so a town costs a tenth of the county."""
    q = (select(literal("household").label("target_kind"), Household.id.label("target_id"),
                Household.id.label("household_id"), Household.colour,
                _last_visit(today, Visit.household_id == Household.id, Visit.target_kind.in_(("household", "person")))
                .label("last_visit"),
                _last_visit(today, Visit.household_id == Household.id, Visit.target_kind == "household")
                .label("home_visit"),
                day_of(Household.created_at).label("since"))
         .join(GridNode, GridNode.id == Household.grid_id)
         .where(~Household.deleted, grids))
    if detail:
        head = (select(func.min(Person.name))
                .where(Person.household_id == Household.id, Person.relation == HEAD, ~Person.deleted)
                .scalar_subquery())
        q = q.add_columns(func.coalesce(func.nullif(head, ""), Household.address).label("title"), Household.address,
                          Household.grid_id, GridNode.name.label("grid_name"))
    return _materialised(q, "due_homes")


def _people(homes: CTE, rules: list[tuple[int, VisitRule]], today: date, detail: bool) -> CTE | None:
    """Registered members of the households in scope with a current tag the person rules ask about: whether each
    rule (by its index) covers them, and the later of their own last visit and their household's, else the day
    the earliest such tag was recorded, that the rules count from; with ``detail`` what the list shows."""
    if not rules:
        return None
    categories = [r.categories for _, r in rules]
    wanted = None if None in categories else sorted(set().union(*(c or () for c in categories)))
    # Categories are tested in CASE, not WHERE: an IN there would lead SQLite to scan the county's tags.
    tagged_at = func.min(PersonTag.created_at if wanted is None
                         else case((PersonTag.category.in_(wanted), PersonTag.created_at)))
    flags = {i: func.max(case((PersonTag.category.in_(sorted(r.categories)), 1), else_=0))
             if r.categories is not None else literal(1) for i, r in rules}
    # The tags drive (a county has a few tens of thousands): each finds its person, then its household among
    # the scope's. From the households, SQLite would read every person of the scope.
    tags = (select(PersonTag.person_id, tagged_at.label("tagged_at"),
                   *(flag.label(f"rule_{i}") for i, flag in flags.items()))
            .where(~PersonTag.deleted, or_(PersonTag.until.is_(None), PersonTag.until >= today))
            .group_by(PersonTag.person_id).having(tagged_at.is_not(None)).subquery("due_tags"))
    # a visit to the person or to the household counts
    last = _last_visit(today, or_((Visit.target_kind == "person") & (Visit.target_id == Person.id),
                                  (Visit.target_kind == "household") & (Visit.target_id == Person.household_id)))
    shown = (Person.name.label("title"), homes.c.address, homes.c.grid_id, homes.c.grid_name) if detail else ()
    return _materialised(
        select(literal("person").label("target_kind"), Person.id.label("target_id"), Person.household_id,
               last.label("last_visit"), day_of(tags.c.tagged_at).label("since"),
               *(tags.c[f"rule_{i}"] for i in flags), *shown)
        .select_from(tags).join(Person, Person.id == tags.c.person_id)
        .join(homes, homes.c.household_id == Person.household_id).where(*LIVE_PERSON), "due_people")


def _last_visit(today: date, *conditions: ColumnElement[bool]) -> Any:
    """The day of the latest live visit matching, up to ``today`` (one dated later by a wrong clock does not
    count yet)."""
    return (select(func.max(Visit.visited_on)).where(*conditions, ~Visit.deleted, Visit.visited_on <= today)
            .scalar_subquery())


def _materialised(q: Select, name: str) -> CTE:
    """Computed once and read by every rule's branch (both back ends honour the hint)."""
    return q.cte(name).prefix_with("MATERIALIZED")

"""Worker assessment (网格员考核): per grid worker and period, the visits the rules made due and how many were made
on time, cases registered, cases of the worker's grids handled (on time, rated, satisfied) and warnings (帮扶
cases) resolved.

A worker answers for the grids assigned to them and everything below. Visits due follow the visit rules
(gridapp.cases.due) along each target's own visits, from its last visit before the period: a target is due
``interval`` after its previous visit (or after it came under the rule), and counts as visited on time if the next
visit came by that day. The rules are
applied to the household's colour and the person's tags as they are now.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from gridapp.cases import due as due_rules
from gridapp.cases.deadlines import timeliness
from gridapp.cases.workflow import RATINGS, REOPENING
from gridapp.dto import WorkerAssessment
from gridapp.errors import RuleViolation
from gridapp.models import (
    Case,
    CaseStep,
    GridAssignment,
    GridNode,
    GridWorker,
    Household,
    Person,
    PersonTag,
    Visit,
)
from gridapp.monitoring.indicators import WARNING_CATEGORY
from gridapp.queries.common import LIVE_PERSON, QueryBase
from gridapp.services.cases import now_of
from gridapp.services.common import in_subtree

ON_TIME = "按时办结"
PERIOD_KINDS = ("月", "季", "年")


def period_of(kind: str, day: date) -> tuple[date, date]:
    """The month, quarter or year (月/季/年) holding ``day``: its first and last day."""
    if kind not in PERIOD_KINDS:
        raise RuleViolation(f"考核期间“{kind}”无效，应为：{'、'.join(PERIOD_KINDS)}。")
    months = {"月": 1, "季": 3, "年": 12}[kind]
    first = date(day.year, (day.month - 1) // months * months + 1, 1)
    return first, due_rules.add_months(first, months) - timedelta(days=1)


class AssessmentQueries(QueryBase):
    def worker_assessment(self, scope_grid_id: str | None, period: tuple[date, date]) -> list[WorkerAssessment]:
        """The 考核 figures of every worker assigned within the subtree of ``scope_grid_id`` (None: the user's
        scope) for ``period`` (first and last day, both included), by worker name."""
        first, last = period
        if first > last:
            raise RuleViolation(f"开始日期 {first.isoformat()} 晚于结束日期 {last.isoformat()}，请重新选择考核期间。")
        start, end = datetime.combine(first, time.min), datetime.combine(last + timedelta(days=1), time.min)
        with self.ws.for_reports().read() as s:
            scope = self._subtree(s, scope_grid_id) or "/"
            assigned = s.execute(
                select(GridWorker.id, GridWorker.name, GridNode.name, GridNode.path)
                .join(GridAssignment, GridAssignment.worker_id == GridWorker.id)
                .join(GridNode, GridNode.id == GridAssignment.grid_id)
                .where(~GridAssignment.deleted, ~GridWorker.deleted, ~GridNode.deleted,
                       in_subtree(GridNode.path, scope))
                .order_by(GridNode.sort_order, GridNode.code, GridNode.name)).all()
            if not assigned:
                return []
            targets = _targets(s, scope, last)
            made = _visits_made(s, scope, first, last)
            cases = s.execute(
                select(Case, GridNode.path, CaseStep.actor_name).join(GridNode, GridNode.id == Case.grid_id)
                .outerjoin(CaseStep, and_(CaseStep.case_id == Case.id, CaseStep.ordinal == 1))
                .where(~Case.deleted, in_subtree(GridNode.path, scope),
                       or_(and_(Case.accepted_at >= start, Case.accepted_at < end),
                           and_(Case.resolved_at >= start, Case.resolved_at < end)))).all()
        now = now_of(self.ws)
        per_grid: dict[str, Counter[str]] = defaultdict(Counter)  # grid path -> figures of its own records
        for path, rules, since, visits in targets:
            due, on_time = _due_in(rules, since, visits, first, last)
            per_grid[path].update(due=due, visits_on_time=on_time)
        registered: Counter[tuple[str, str]] = Counter()
        for c, path, actor in cases:
            if start <= c.accepted_at < end:
                registered[path, actor or ""] += 1
            if c.resolved_at is not None and start <= c.resolved_at < end:
                rated = c.satisfaction in RATINGS
                per_grid[path].update(
                    handled=1, cases_on_time=timeliness(c.step, c.deadline, c.resolved_at, now) == ON_TIME,
                    rated=rated, satisfied=rated and c.satisfaction != REOPENING,
                    warnings=c.category == WARNING_CATEGORY)
        paths = sorted({*per_grid, *(path for path, _ in registered)})
        workers: dict[str, tuple[str, list[str], set[str]]] = {}
        for wid, name, grid_name, path in assigned:
            _, grids, covered = workers.setdefault(wid, (name, [], set()))
            grids.append(grid_name)
            covered.update(paths[bisect.bisect_left(paths, path):bisect.bisect_left(paths, path[:-1] + "0")])
        rows = []
        for wid, (name, grids, covered) in workers.items():
            total: Counter[str] = Counter()
            for path in covered:
                total.update(per_grid.get(path, Counter()))
            rows.append(WorkerAssessment(
                wid, name, tuple(grids), total["due"], total["visits_on_time"], made.get(wid, 0) + made.get(name, 0),
                sum(registered[path, name] for path in covered), total["handled"], total["cases_on_time"],
                total["rated"], total["satisfied"], total["warnings"]))
        return sorted(rows, key=lambda r: (r.worker_name, r.worker_id))


Target = tuple[str, list[due_rules.VisitRule], date, list[date]]  # grid path, rules, under them since, visit days


def _targets(s: Session, scope: str, last: date) -> list[Target]:
    """Every household and tagged person of the subtree that a visit rule covers, with its grid's path and the
    days it was visited (a visit to a member counts for the household and the other way round)."""
    rules = due_rules.visit_rules()
    in_scope = select(Household.id).join(GridNode, GridNode.id == Household.grid_id).where(
        ~Household.deleted, in_subtree(GridNode.path, scope))
    homes = {hid: (colour, created.date(), path) for hid, colour, created, path in s.execute(
        select(Household.id, Household.colour, Household.created_at, GridNode.path)
        .join(GridNode, GridNode.id == Household.grid_id).where(~Household.deleted, in_subtree(GridNode.path, scope)))}
    by_household: dict[str, list[date]] = defaultdict(list)
    by_person: dict[str, list[date]] = defaultdict(list)
    for kind, tid, hid, day in s.execute(
            select(Visit.target_kind, Visit.target_id, Visit.household_id, Visit.visited_on)
            .join(GridNode, GridNode.id == Visit.grid_id)
            .where(~Visit.deleted, Visit.visited_on <= last, in_subtree(GridNode.path, scope))):
        if hid:
            by_household[hid].append(day)
        if kind == "person":
            by_person[tid].append(day)
    found: list[Target] = []
    for hid, (colour, since, path) in homes.items():
        covering = [r for r in rules if r.covers_household(colour)]
        if covering:
            found.append((path, covering, since, sorted(by_household[hid])))
    person_rules = [r for r in rules if r.target == "person"]
    for pid, (hid, _, categories, since) in _tagged_people(s, in_scope, rules, last).items():
        covering = [r for r in person_rules if r.covers_person(categories)]
        if covering and hid in homes:
            days = sorted({*by_person[pid], *(d for d in by_household[hid])})
            found.append((homes[hid][2], covering, since, days))
    return found


def _tagged_people(s: Session, in_scope: Select, rules: Iterable[due_rules.VisitRule],
                   today: date) -> dict[str, tuple[str, str, set[str], date]]:
    """Registered members of the households in scope with a current special-group tag the person rules ask
    about: person id -> (household id, name, tag categories, date the earliest tag was recorded)."""
    person_rules = [r for r in rules if r.target == "person"]
    if not person_rules:
        return {}
    wanted = None if any(r.categories is None for r in person_rules) else set().union(
        *(r.categories or () for r in person_rules))
    # Categories are filtered here, not in SQL: an IN on the category would lead SQLite to scan the county's tags.
    q = (select(Person.id, Person.household_id, Person.name, PersonTag.category, PersonTag.created_at)
         .join(PersonTag, PersonTag.person_id == Person.id)
         .where(~PersonTag.deleted, *LIVE_PERSON, Person.household_id.in_(in_scope),
                or_(PersonTag.until.is_(None), PersonTag.until >= today)))
    people: dict[str, tuple[str, str, set[str], date]] = {}
    for pid, hid, name, category, created in s.execute(q):
        if wanted is not None and category not in wanted:
            continue
        _, _, categories, since = people.setdefault(pid, (hid, name, set(), created.date()))
        categories.add(category)
        if created.date() < since:
            people[pid] = (hid, name, categories, created.date())
    return people


def _due_in(rules: list[due_rules.VisitRule], since: date, visits: list[date], first: date,
            last: date) -> tuple[int, int]:
    """How many times the target fell due within [first, last], and how many of those visits came in time."""
    due = on_time = 0
    before = bisect.bisect_left(visits, first)
    previous: date | None = visits[before - 1] if before else None  # the chain starts at the last visit before
    while (pick := due_rules.earliest(rules, previous, since)) is not None and pick[1] <= last:
        day = pick[1]
        i = bisect.bisect_right(visits, previous) if previous else 0
        following = visits[i] if i < len(visits) else None
        if day >= first:
            due += 1
            on_time += following is not None and following <= day
        if following is None or following > last:
            break
        previous = following
    return due, on_time


def _visits_made(s: Session, scope: str, first: date, last: date) -> dict[str, int]:
    """Visits recorded in the period by worker id (or by name when the visit names no worker record)."""
    made: dict[str, int] = defaultdict(int)
    rows: Iterable[Any] = s.execute(
        select(Visit.worker_id, Visit.worker_name).join(GridNode, GridNode.id == Visit.grid_id)
        .where(~Visit.deleted, Visit.visited_on >= first, Visit.visited_on <= last, in_subtree(GridNode.path, scope)))
    for worker_id, worker_name in rows:
        made[worker_id or worker_name] += 1
    return made

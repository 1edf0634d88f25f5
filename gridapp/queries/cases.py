"""Queries over cases and visits: the filtered case list with step counts, one case with its timeline, the
visit log, the due-visit list and the home page's to-do counts.

``now`` / ``today`` default to the workspace's clock, so a test that moves ``ws.today`` sees cases fall
overdue and visits fall due.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from gridapp import codes
from gridapp.cases import due as due_rules
from gridapp.cases import workflow
from gridapp.cases.deadlines import RUNNING, is_overdue, timeliness
from gridapp.dto import (
    AttachmentView,
    CaseCounts,
    CaseFilter,
    CaseLinkView,
    CaseRow,
    CaseView,
    DueCounts,
    DueVisit,
    TimelineEntry,
    VisitFilter,
    VisitRow,
    VisitView,
    WorkCounts,
    WorkerView,
)
from gridapp.errors import NotFound, RuleViolation
from gridapp.models import (
    Attachment,
    Case,
    CaseLink,
    CaseStep,
    GridAssignment,
    GridNode,
    GridWorker,
    Household,
    Person,
    Place,
    Visit,
)
from gridapp.queries import due
from gridapp.queries.common import HEAD, QueryBase, live_node, path_names
from gridapp.services.cases import attachment_store, case_state, now_of
from gridapp.services.common import in_subtree, live, within

CASE_SORT = {"accepted_at": Case.accepted_at, "deadline": Case.deadline, "number": Case.number,
             "step": Case.step, "urgency": Case.urgency, "category": Case.category, "title": Case.title}
SHEETS = {code: action.sheet for code, action in workflow.ACTIONS.items()}
ROWS_PER_READ = 5000  # ids bound per IN (...) list, well under SQLite's limit on parameters


class CaseQueries(QueryBase):
    # -- the case list ------------------------------------------------------------------------------------------

    def case_ids(self, flt: CaseFilter | None = None, now: datetime | None = None, sort: str = "accepted_at",
                 descending: bool = True) -> list[str]:
        """Ids of the matching cases, sorted (newest first by default); the list model pages over them."""
        column = CASE_SORT.get(sort, Case.accepted_at)
        flt = flt or CaseFilter()
        with self.ws.read() as s:
            q = _filtered(select(Case.id), flt, self._subtree(s, flt.scope_id), now or now_of(self.ws))
            return list(s.scalars(q.order_by(column.desc() if descending else column.asc(), Case.id)))

    def case_rows(self, ids: list[str], now: datetime | None = None) -> list[CaseRow]:
        """Rows for the given ids in the user's scope, in the same order (one page at a time)."""
        if not ids:
            return []
        now = now or now_of(self.ws)
        with self.ws.read() as s:
            rows = s.execute(select(Case, GridNode.name).join(GridNode, GridNode.id == Case.grid_id)
                             .where(Case.id.in_(ids), *within(self._scope(s)))).all()
        by_id = {c.id: _row(c, name, now) for c, name in rows}
        return [by_id[i] for i in ids if i in by_id]

    def cases(self, flt: CaseFilter | None = None, now: datetime | None = None) -> list[CaseRow]:
        """Every matching case in number order (CLI, ledgers)."""
        now = now or now_of(self.ws)
        flt = flt or CaseFilter()
        with self.ws.read() as s:
            q = select(Case, GridNode.name).join(GridNode, GridNode.id == Case.grid_id)
            q = _filtered(q, flt, self._subtree(s, flt.scope_id), now, joined=True)
            rows = s.execute(q.order_by(Case.number)).all()
        return [_row(c, name, now) for c, name in rows]

    def case_counts(self, flt: CaseFilter | None = None, now: datetime | None = None) -> CaseCounts:
        """Cases per step under the other filters (the step tabs), how many are overdue, and all."""
        flt = replace(flt or CaseFilter(), steps=())
        now = now or now_of(self.ws)
        with self.ws.read() as s:
            path = self._subtree(s, flt.scope_id)
            q = _filtered(select(Case.step, func.count()), flt, path, now).group_by(Case.step)
            by_step = dict(s.execute(q).all())
            overdue = s.scalar(_filtered(select(func.count(Case.id)), flt, path, now).where(_overdue(now))) or 0
        counts = {step: by_step.get(step, 0) for step in workflow.STEPS}
        return CaseCounts(counts, overdue, sum(counts.values()))

    def find_case(self, number_or_id: str, now: datetime | None = None) -> CaseRow:
        """A live case of the user's scope by its number or id (the CLI's --case option)."""
        key = number_or_id.strip()
        with self.ws.read() as s:
            found = s.execute(select(Case.id, Case.grid_id)
                              .where(~Case.deleted, (Case.number == key) | (Case.id == key))).first()
            if found is None:
                raise NotFound(f"找不到编号为“{key}”的事件。")
            self._check(s, found.grid_id, "事件")
        return self.case_rows([found.id], now)[0]

    # -- one case ------------------------------------------------------------------------------------------------

    def case(self, case_id: str, now: datetime | None = None) -> CaseView:
        """The case window: details, links, the timeline with photos, and the state for the action buttons."""
        now = now or now_of(self.ws)
        with self.ws.read() as s:
            c = live(s, Case, case_id, "事件")
            self._check(s, c.grid_id, "事件")
            grid = live_node(s, c.grid_id)
            steps = s.scalars(select(CaseStep).where(CaseStep.case_id == c.id, ~CaseStep.deleted)
                              .order_by(CaseStep.ordinal)).all()
            files = self._attachments(s, "case_step", [step.id for step in steps])
            links = s.execute(select(CaseLink.target_kind, CaseLink.target_id)
                              .where(CaseLink.case_id == c.id, ~CaseLink.deleted)).all()
            titles = _titles(s, links)
            timeline = tuple(
                TimelineEntry(t.id, t.ordinal, t.action, SHEETS.get(t.action, ""), t.step_before, t.step_after,
                              t.actor_name, t.actor_role, t.at, t.note, dict(t.data or {}), tuple(files[t.id]))
                for t in steps)
            return self._shown(CaseView(
                _row(c, grid.name, now), path_names(s, grid), c.description, c.place_text, c.occurred_at,
                c.reporter_name, c.reporter_phone, c.public_summary, c.visit_id,
                tuple(CaseLinkView(kind, tid, titles.get((kind, tid), "")) for kind, tid in links),
                timeline, case_state(s, c), c.hlc,
            ))

    def _attachments(self, s: Session, owner_kind: str, owner_ids: list[str]) -> dict[str, list[AttachmentView]]:
        store = attachment_store(self.ws)
        found: dict[str, list[AttachmentView]] = defaultdict(list)
        for a in s.scalars(select(Attachment).where(Attachment.owner_kind == owner_kind, ~Attachment.deleted,
                                                    Attachment.owner_id.in_(owner_ids)).order_by(Attachment.hlc)):
            found[a.owner_id].append(AttachmentView(a.id, a.filename, a.mime, a.size, a.sha256,
                                                    str(store.path(a.sha256))))
        return found

    # -- the visit log -------------------------------------------------------------------------------------------

    def visit_ids(self, flt: VisitFilter | None = None) -> list[str]:
        """Ids of the matching visits, latest first."""
        flt = flt or VisitFilter()
        with self.ws.read() as s:
            q = (select(Visit.id).join(GridNode, GridNode.id == Visit.grid_id)
                 .where(~Visit.deleted, *within(self._subtree(s, flt.scope_id))))
            for column, value in ((Visit.household_id, flt.household_id), (Visit.worker_id, flt.worker_id),
                                  (Visit.target_kind, flt.target_kind), (Visit.target_id, flt.target_id)):
                if value:
                    q = q.where(column == value)
            if flt.kind:
                item = codes.match("visit_kind", flt.kind)
                q = q.where(Visit.kind == (item.label if item else flt.kind))
            if flt.date_from:
                q = q.where(Visit.visited_on >= flt.date_from)
            if flt.date_to:
                q = q.where(Visit.visited_on <= flt.date_to)
            return list(s.scalars(q.order_by(Visit.visited_on.desc(), Visit.id)))

    def visit_workers(self, scope_id: str | None) -> list[WorkerView]:
        """The grid workers assigned anywhere in a subtree (None: the user's scope), once each by name (the
        visit pages' worker filter)."""
        with self.ws.read() as s:
            q = (select(GridWorker).join(GridAssignment, GridAssignment.worker_id == GridWorker.id)
                 .join(GridNode, GridNode.id == GridAssignment.grid_id)
                 .where(~GridAssignment.deleted, ~GridWorker.deleted, ~GridNode.deleted,
                        *within(self._subtree(s, scope_id))).distinct())
            workers = s.scalars(q.order_by(GridWorker.name, GridWorker.id)).all()
            return self._shown([WorkerView(w.id, w.name, "", w.kind, w.phone, w.department, w.party_member)
                                for w in workers])

    def visit_rows(self, ids: list[str]) -> list[VisitRow]:
        if not ids:
            return []
        with self.ws.read() as s:
            rows = s.execute(select(Visit, GridNode.name).join(GridNode, GridNode.id == Visit.grid_id)
                             .where(Visit.id.in_(ids), *within(self._scope(s)))).all()
            titles = _titles(s, [(v.target_kind, v.target_id) for v, _ in rows])
            numbers: dict[str, list[str]] = defaultdict(list)
            for visit_id, number in s.execute(select(Case.visit_id, Case.number).where(
                    Case.visit_id.in_(ids), ~Case.deleted).order_by(Case.number)):
                numbers[visit_id].append(number)
        by_id = {
            v.id: VisitRow(v.id, v.visited_on, v.kind, v.worker_id, v.worker_name, v.target_kind, v.target_id,
                           titles.get((v.target_kind, v.target_id), ""), v.grid_id, name, v.content, v.findings,
                           v.follow_up, tuple(numbers[v.id]))
            for v, name in rows
        }
        return self._shown([by_id[i] for i in ids if i in by_id])

    def visit_log(self, flt: VisitFilter | None = None) -> list[VisitRow]:
        """Every matching visit, oldest first (the 走访台账), read a slice of ids at a time so a county's year
        of visits never binds more parameters than SQLite allows."""
        ids = self.visit_ids(flt)[::-1]
        return [row for start in range(0, len(ids), ROWS_PER_READ)
                for row in self.visit_rows(ids[start:start + ROWS_PER_READ])]

    def visit(self, visit_id: str) -> VisitView:
        with self.ws.read() as s:
            visit = live(s, Visit, visit_id, "走访记录")
            self._check(s, visit.grid_id, "走访记录")
            files = self._attachments(s, "visit", [visit_id])
        return VisitView(self.visit_rows([visit_id])[0], tuple(files[visit_id]), visit.hlc)

    # -- who is due a visit ----------------------------------------------------------------------------------------

    def due_visits(self, scope_id: str | None, today: date | None = None, worker_id: str | None = None,
                   within_days: int = 0) -> list[DueVisit]:
        """Households and persons due (or overdue) for a visit by ``today + within_days`` under the visit rules,
        in a subtree and/or a worker's grids; most overdue first. One statement (gridapp.queries.due)."""
        today = today or self.ws.today()
        with self.ws.read() as s:
            grids = _worker_scope(s, self._subtree(s, scope_id) or "/", worker_id)
            if grids is None:
                return []
            return due.due_list(s, grids, due_rules.visit_rules(), today, today + timedelta(days=within_days))

    def due_counts(self, scope_id: str | None, today: date | None = None, worker_id: str | None = None,
                   within_days: int = 0) -> DueCounts:
        """What ``due_visits`` would list, counted in SQL: due by ``today + within_days``, overdue, due today."""
        today = today or self.ws.today()
        with self.ws.read() as s:
            grids = _worker_scope(s, self._subtree(s, scope_id) or "/", worker_id)
            if grids is None:
                return DueCounts(0, 0, 0)
            return due.due_counts(s, grids, due_rules.visit_rules(), today, today + timedelta(days=within_days))

    # -- the home page ---------------------------------------------------------------------------------------------

    def work_counts(self, scope_id: str | None = None, now: datetime | None = None) -> WorkCounts:
        """To-do counts for the home page: open and overdue cases, due and overdue visits."""
        now = now or now_of(self.ws)
        counts = self.case_counts(CaseFilter(scope_id=scope_id), now)
        visits = self.due_counts(scope_id, now.date())
        return WorkCounts(sum(counts.by_step[step] for step in RUNNING), counts.overdue, visits.due, visits.overdue)


# -- helpers ---------------------------------------------------------------------------------------------------------

def _overdue(now: datetime) -> ColumnElement[bool]:
    return and_(Case.step.in_(sorted(RUNNING)), Case.deadline < now)


def _filtered(q: Select, flt: CaseFilter, path: str | None, now: datetime, joined: bool = False) -> Select:
    """The case list's filters; ``path`` is the subtree it covers (None: all)."""
    q = q.where(~Case.deleted)
    if path:
        if not joined:
            q = q.join(GridNode, GridNode.id == Case.grid_id)
        q = q.where(in_subtree(GridNode.path, path))
    unknown = set(flt.steps) - set(workflow.STEPS)
    if unknown:
        raise RuleViolation(f"事件状态“{'、'.join(sorted(unknown))}”无效，应为：{'、'.join(workflow.STEPS)}。")
    if flt.steps:
        q = q.where(Case.step.in_(flt.steps))
    for column, table, value in ((Case.category, "case_category", flt.category),
                                 (Case.urgency, "case_urgency", flt.urgency)):
        if value:
            item = codes.match(table, value)
            q = q.where(column == (item.label if item else value))
    if flt.subtype:
        q = q.where(Case.subtype == flt.subtype)
    if flt.overdue:
        q = q.where(_overdue(now))
    if flt.accepted_from:
        q = q.where(Case.accepted_at >= datetime.combine(flt.accepted_from, time.min))
    if flt.accepted_to:
        q = q.where(Case.accepted_at < datetime.combine(flt.accepted_to + timedelta(days=1), time.min))
    if flt.text.strip():
        text = flt.text.strip()
        q = q.where(or_(Case.number.contains(text, autoescape=True), Case.title.contains(text, autoescape=True)))
    return q


def _row(c: Case, grid_name: str, now: datetime) -> CaseRow:
    return CaseRow(c.id, c.number, c.title, c.category, c.subtype, c.source, c.urgency, c.step, c.grid_id,
                   grid_name, c.accepted_at, c.deadline, c.resolved_at, c.handling_level, c.department,
                   c.satisfaction, c.supervisions, c.reopened, is_overdue(c.step, c.deadline, now),
                   timeliness(c.step, c.deadline, c.resolved_at, now))


def _titles(s: Session, targets: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """How a household (head and address), person, place or grid is named in a list, fetched per kind."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for kind, tid in targets:
        wanted[kind].add(tid)
    head = aliased(Person)
    queries = {
        "household": select(Household.id, func.trim(func.coalesce(head.name, "") + " " + Household.address))
        .outerjoin(head, and_(head.household_id == Household.id, head.relation == HEAD, ~head.deleted)),
        "person": select(Person.id, Person.name),
        "place": select(Place.id, Place.name),
        "grid": select(GridNode.id, GridNode.name),
    }
    titles = {}
    for kind, ids in wanted.items():
        q = queries[kind]
        for tid, title in s.execute(q.where(q.selected_columns[0].in_(sorted(ids)))):
            titles[(kind, tid)] = title
    return titles


def _worker_scope(s: Session, scope: str, worker_id: str | None) -> ColumnElement[bool] | None:
    """The grid-path condition for the subtree at path ``scope`` and/or a worker's assigned grids; None when
    they do not meet."""
    if not worker_id:
        return in_subtree(GridNode.path, scope)
    mine = s.scalars(select(GridNode.path).join(GridAssignment, GridAssignment.grid_id == GridNode.id)
                     .where(GridAssignment.worker_id == worker_id, ~GridAssignment.deleted, ~GridNode.deleted)).all()
    paths = [p for p in mine if p.startswith(scope)] + ([scope] if any(scope.startswith(p) for p in mine) else [])
    return or_(*(in_subtree(GridNode.path, p) for p in paths)) if paths else None

"""The leaders' dashboard (首页 charts and the 统计 ledger): a subtree's figures per direct child grid, per month
and per worker, each a GROUP BY over the whole subtree folded into the children by path prefix in Python —
a county costs a handful of queries, never one per grid or household.

A chart is built by a *chart source*: a function ``(Area) -> Chart``. ``CHART_SOURCES`` lists them in screen
order; a new chart is one more such function reading its figures through ``area.query`` and one more entry
there — the home page and the ledger draw whatever is listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, extract, func, or_, select

from gridapp import codes
from gridapp.cases import due as due_rules
from gridapp.cases import workflow
from gridapp.cases.deadlines import RUNNING
from gridapp.dto import CaseFilter, Chart, ChartSeries, Dashboard, HouseholdFilter, ListTarget, VisitFilter
from gridapp.models import Case, GridAssignment, GridNode, GridWorker, Household, MonitorWarning, Visit
from gridapp.models.grid import PATH_SEGMENT
from gridapp.monitoring.indicators import WARNING_CATEGORY
from gridapp.queries.common import QueryBase
from gridapp.services.cases import now_of
from gridapp.services.common import in_subtree

RED, YELLOW, GREEN, BLUE, GREY = "#d9534f", "#f0ad4e", "#5cb85c", "#337ab7", "#777777"
COLOURS = {"红": RED, "黄": YELLOW, "绿": GREEN}
STEP_COLOURS = ("#337ab7", "#5bc0de", "#9b59b6", "#f0ad4e", "#e67e22", "#16a085", "#5cb85c", "#777777")
TIMELINESS = (("按时办结", GREEN), ("办理中", BLUE), ("超时办结", YELLOW), ("已超期", RED))
MONTHS = 12
WORKER = "网格员"  # the role that visits (网格长 and 网格指导员 lead, they are not counted)
WORKERS_SHOWN = 15  # the workers furthest behind; a county's thousand would be unreadable
DIFFICULT_SHOWN = 10  # the most difficult grids


@dataclass(frozen=True)
class Area:
    """The subtree a dashboard covers: its node, its direct children (the categories of the per-grid charts;
    the node itself when it has none), the moment it is read at, and the queries of the reading user."""

    query: Any  # gridapp.queries.Queries, untyped to avoid an import cycle
    node_id: str | None  # None: the whole tree of several roots
    name: str
    path: str
    branches: tuple[tuple[str | None, str, str], ...]  # (id, name, path)
    now: datetime

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for _, name, _ in self.branches)

    def fold(self, rows: Iterable[tuple[str, str, int]]) -> Counter[tuple[str, str]]:
        """(grid path, key, n) rows summed into (branch id, key); records of the node itself, above its
        children, belong to no branch and are left out."""
        if len(self.branches) == 1 and self.branches[0][2] == self.path:  # a grid without children
            only = self.branches[0][0]
            return Counter({(only, key): n for key, n in _summed(r for r in rows if r[0].startswith(self.path))
                            .items()})
        width = len(self.path) + PATH_SEGMENT
        by_path = {path: branch_id for branch_id, _, path in self.branches}
        folded: Counter[tuple[str, str]] = Counter()
        for path, key, n in rows:
            branch_id = by_path.get(path[:width])
            if branch_id is not None:
                folded[branch_id, key] += int(n)
        return folded

    def per_branch(self, counts: Counter[tuple[str, str]], key: str) -> tuple[int, ...]:
        return tuple(counts[branch_id, key] for branch_id, _, _ in self.branches)

    def grid_series(self, name: str, colour: str, counts: Counter[tuple[str, str]], key: str,
                    flt: HouseholdFilter) -> ChartSeries:
        """A series with one bar per child grid, each opening that grid's households under ``flt``."""
        return ChartSeries(name, self.per_branch(counts, key), colour,
                           tuple(ListTarget(branch_id, flt) for branch_id, _, _ in self.branches))


def _summed(rows: Iterable[tuple[str, str, int]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for _, key, n in rows:
        total[key] += int(n)
    return total


# -- chart sources ---------------------------------------------------------------------------------------------------

def population_chart(area: Area) -> Chart:
    with area.query.ws.read() as s:
        per_path = area.query._counts_by_path(s)
    rows = [(path, key, n) for path, (h, p) in per_path.items() for key, n in (("h", h), ("p", p))]
    counts = area.fold(rows)
    return Chart("population", "各网格住户和人口", area.names, (
        area.grid_series("户数", BLUE, counts, "h", HouseholdFilter()),
        area.grid_series("人数", GREY, counts, "p", HouseholdFilter()),
    ))


def colour_chart(area: Area) -> Chart:
    with area.query.ws.read() as s:
        rows = s.execute(
            select(GridNode.path, Household.colour, func.count(Household.id))
            .join(GridNode, GridNode.id == Household.grid_id)
            .where(~Household.deleted, in_subtree(GridNode.path, area.path))
            .group_by(GridNode.path, Household.colour)).all()
    counts = area.fold(rows)
    return Chart("colours", "各网格红黄绿户数", area.names, tuple(
        area.grid_series(f"{colour}色", COLOURS.get(colour, GREY), counts, colour, HouseholdFilter(colour=colour))
        for colour in codes.labels("monitor_colour")), stacked=True)


def case_step_chart(area: Area) -> Chart:
    months = month_starts(area.now.date())
    counts = _monthly_cases(area, months, Case.step)
    series = [ChartSeries(step, tuple(counts[m, step] for m in months), STEP_COLOURS[i % len(STEP_COLOURS)],
                          tuple(_case_target(area, m, steps=(step,)) for m in months))
              for i, step in enumerate(workflow.STEPS) if any(counts[m, step] for m in months)]
    return Chart("case_steps", "近12个月受理的事件（按当前环节）", month_labels(months), tuple(series),
                 stacked=True, note=_period_note(months))


def case_timeliness_chart(area: Area) -> Chart:
    now = area.now
    late = case(
        (Case.resolved_at.is_(None),
         case((and_(Case.step.in_(sorted(RUNNING)), Case.deadline < now), "已超期"), else_="办理中")),
        (or_(Case.deadline.is_(None), Case.resolved_at <= Case.deadline), "按时办结"),
        else_="超时办结")
    months = month_starts(now.date())
    counts = _monthly_cases(area, months, late)
    series = tuple(ChartSeries(label, tuple(counts[m, label] for m in months), colour,
                               tuple(_case_target(area, m, overdue=label == "已超期") for m in months))
                   for label, colour in TIMELINESS)
    return Chart("case_timeliness", "近12个月受理的事件（办理时效）", month_labels(months), series, stacked=True,
                 note=_period_note(months))


def visit_chart(area: Area) -> Chart:
    """Per grid worker: the households of the grids assigned to them, and how many of those households they
    visited within one round of the rule that covers every household (每户每季度走访: three months)."""
    today = area.now.date()
    start = round_start(today)
    query = area.query
    with query.ws.read() as s:
        assigned = s.execute(
            select(GridAssignment.worker_id, GridWorker.name, GridNode.path)
            .join(GridWorker, GridWorker.id == GridAssignment.worker_id)
            .join(GridNode, GridNode.id == GridAssignment.grid_id)
            .where(GridAssignment.role == WORKER, ~GridAssignment.deleted, ~GridWorker.deleted, ~GridNode.deleted,
                   in_subtree(GridNode.path, area.path))).all()
        done = dict(s.execute(
            select(Visit.worker_id, func.count(func.distinct(Visit.household_id)))
            .join(GridNode, GridNode.id == Visit.grid_id)
            .where(~Visit.deleted, Visit.worker_id.is_not(None), Visit.household_id.is_not(None),
                   Visit.visited_on >= start, Visit.visited_on <= today, in_subtree(GridNode.path, area.path))
            .group_by(Visit.worker_id)).all())
        per_path = query._counts_by_path(s)
    names: dict[str, str] = {}
    workers_at: dict[str, set[str]] = {}
    for worker_id, name, path in assigned:
        names[worker_id] = name
        workers_at.setdefault(path, set()).add(worker_id)
    due: Counter[str] = Counter()
    for path, (households, _) in per_path.items():
        for depth in range(1 + PATH_SEGMENT, len(path) + 1, PATH_SEGMENT):  # the path and its ancestors
            for worker_id in workers_at.get(path[:depth], ()):
                due[worker_id] += households
    ranked = sorted(names, key=lambda w: (done.get(w, 0) / due[w] if due[w] else 1.0, names[w], w))
    shown = ranked[:WORKERS_SHOWN]
    note = f"{start.month}月{start.day}日以来走访过的住户 / 所负责网格的住户"
    if len(ranked) > len(shown):
        note += f"；共 {len(ranked)} 名网格员，只列出完成率最低的 {len(shown)} 名"
    targets = tuple(ListTarget(area.node_id, VisitFilter(scope_id=area.node_id, worker_id=w, date_from=start,
                                                         date_to=today)) for w in shown)
    return Chart("visits", "网格员走访完成情况", _distinct(names[w] for w in shown), (
        ChartSeries("应访户数", tuple(due[w] for w in shown), GREY, targets),
        ChartSeries("已访户数", tuple(int(done.get(w, 0)) for w in shown), GREEN, targets),
    ), note=note)


def warning_chart(area: Area) -> Chart:
    """预警 per child grid, resolved and still open; a bar opens the grid's 帮扶 cases (each 预警 is one)."""
    state = case((MonitorWarning.resolved_at.is_(None), "open"), else_="resolved")
    with area.query.ws.read() as s:
        rows = s.execute(
            select(GridNode.path, state, func.count(MonitorWarning.id))
            .join(GridNode, GridNode.id == MonitorWarning.grid_id)
            .where(~MonitorWarning.deleted, in_subtree(GridNode.path, area.path))
            .group_by(GridNode.path, state)).all()
    counts = area.fold(rows)
    targets = tuple(ListTarget(branch_id, CaseFilter(scope_id=branch_id, category=WARNING_CATEGORY))
                    for branch_id, _, _ in area.branches)
    return Chart("warnings", "各网格预警（已解除和未解除）", area.names, (
        ChartSeries("已解除", area.per_branch(counts, "resolved"), GREEN, targets),
        ChartSeries("未解除", area.per_branch(counts, "open"), RED, targets),
    ), stacked=True)


def difficulty_chart(area: Area) -> Chart:
    """The most difficult 网格 of the area (网格难度), each bar opening that grid's households."""
    ranked = area.query.grid_difficulty(area.node_id)[:DIFFICULT_SHOWN]
    targets = tuple(ListTarget(g.grid_id, HouseholdFilter()) for g in ranked)
    return Chart("difficulty", "难度最高的网格", _distinct(g.grid_name for g in ranked), (
        ChartSeries("难度分", tuple(round(g.score) for g in ranked), RED, targets),
        ChartSeries("现有网格员", tuple(len(g.workers) for g in ranked), GREY, targets),
        ChartSeries("建议网格员", tuple(g.suggested_workers for g in ranked), BLUE, targets),
    ), note=f"按网格难度评分从高到低，列出前 {DIFFICULT_SHOWN} 个网格")


ChartSource = Callable[[Area], Chart]
CHART_SOURCES: tuple[ChartSource, ...] = (population_chart, colour_chart, case_step_chart, case_timeliness_chart,
                                          warning_chart, visit_chart, difficulty_chart)


class DashboardQueries(QueryBase):
    def dashboard(self, scope_grid_id: str | None = None, now: datetime | None = None) -> Dashboard:
        """Every chart of ``CHART_SOURCES`` for the subtree of ``scope_grid_id`` (None: the user's scope, from
        the first node down that has several children), read at ``now`` (the workspace's clock by default)."""
        area = self.dashboard_area(scope_grid_id, now)
        return Dashboard(area.node_id, area.name, tuple(source(area) for source in CHART_SOURCES))

    def dashboard_area(self, scope_grid_id: str | None = None, now: datetime | None = None) -> Area:
        with self.ws.read() as s:
            path = self._subtree(s, scope_grid_id)
            node = s.scalar(select(GridNode).where(GridNode.path == path)) if path else None
            while True:
                parent = GridNode.parent_id.is_(None) if node is None else GridNode.parent_id == node.id
                children = s.execute(
                    select(GridNode.id, GridNode.name, GridNode.path).where(parent, ~GridNode.deleted, ~GridNode.retired)
                    .order_by(GridNode.sort_order, GridNode.code, GridNode.name)).all()
                if scope_grid_id or len(children) != 1:
                    break
                node = s.get(GridNode, children[0].id)  # by default down the chain 县 → 镇 → 村 to where it forks
            path = node.path if node else "/"
            node_id, name = (node.id, node.name) if node else (None, "全部")
        branches = tuple((i, n, p) for i, n, p in children) or ((node_id, name, path),)
        return Area(self, node_id, name, path, branches, now or now_of(self.ws))


# -- helpers ---------------------------------------------------------------------------------------------------------

def month_starts(today: date) -> tuple[date, ...]:
    """The first days of the last ``MONTHS`` months, this one last."""
    return tuple(due_rules.add_months(today.replace(day=1), -back) for back in range(MONTHS - 1, -1, -1))


def month_labels(months: tuple[date, ...]) -> tuple[str, ...]:
    """"6月" … "5月": short enough to stand under a bar; the chart's note names the years."""
    return tuple(f"{m.month}月" for m in months)


def round_start(today: date) -> date:
    """The first day of the current round of the visit rule that covers every household."""
    everyone = [r for r in due_rules.visit_rules() if r.target == "household" and not r.colours]
    months, days = (everyone[0].interval_months, everyone[0].interval_days) if everyone else (3, 0)
    return due_rules.add_months(today, -months) - timedelta(days=days) + timedelta(days=1)


def _monthly_cases(area: Area, months: tuple[date, ...], key: Any) -> Counter[tuple[date, str]]:
    year, month = extract("year", Case.accepted_at), extract("month", Case.accepted_at)
    with area.query.ws.read() as s:
        rows = s.execute(
            select(year, month, key, func.count(Case.id)).join(GridNode, GridNode.id == Case.grid_id)
            .where(~Case.deleted, Case.accepted_at >= datetime.combine(months[0], datetime.min.time()),
                   in_subtree(GridNode.path, area.path))
            .group_by(year, month, key)).all()
    return Counter({(date(int(y), int(m), 1), k): n for y, m, k, n in rows})


def _case_target(area: Area, month: date, steps: tuple[str, ...] = (), overdue: bool = False) -> ListTarget:
    last = due_rules.add_months(month, 1) - timedelta(days=1)
    return ListTarget(area.node_id, CaseFilter(scope_id=area.node_id, steps=steps, overdue=overdue,
                                               accepted_from=month, accepted_to=last))


def _period_note(months: tuple[date, ...]) -> str:
    return f"按受理月份统计：{months[0].year}年{months[0].month}月至{months[-1].year}年{months[-1].month}月"


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    """Names as chart categories, which must differ: a second 王丽 becomes 王丽(2)."""
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}({seen[name]})")
    return tuple(out)

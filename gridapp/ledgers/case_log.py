"""The period ledgers of the daily work: 事件台账 (cases accepted between two days, with their step and
timeliness) and 走访台账 (visits made between two days), each opened by a summary per grid."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from gridapp import codes
from gridapp.cases.workflow import RATINGS, STEPS
from gridapp.dto import CaseFilter, CaseRow, VisitFilter, VisitRow
from gridapp.ledgers.fields import field, numbered
from gridapp.ledgers.model import Section, number_column
from gridapp.ledgers.scope import Scope, calendar_year
from gridapp.ledgers.statistics import Measure, branch_table

TIMELINESS = ("办理中", "已超期", "按时办结", "超时办结")  # gridapp.cases.deadlines.timeliness


def cases(scope: Scope) -> list[Section]:
    first, last = _period(scope)
    found = scope.ws.query.cases(CaseFilter(scope_id=scope.node.id, accepted_from=first, accepted_to=last))
    rows = sorted(_live(scope, found), key=lambda r: (r.accepted_at, r.number))
    steps = _tally(scope, rows, lambda r: r.step)
    timely = _tally(scope, rows, lambda r: r.timeliness)
    ratings = _tally(scope, rows, lambda r: r.satisfaction)
    summary: list[Measure] = [
        (number_column("受理件数"), steps, None),
        *((number_column(step), steps, (step,)) for step in STEPS),
        *((number_column(label), timely, (label,)) for label in TIMELINESS),
        *((number_column(rating), ratings, (rating,)) for rating in RATINGS),
    ]
    fields = (  # widths in mm as printed: a number and a date never wrap
        field("事件编号", 53, lambda r: r.number),
        field("受理日期", 17.5, lambda r: r.accepted_at.date(), "center"),
        field("标题", 33.5, lambda r: r.title),
        field("类别", 24, lambda r: f"{r.category}/{r.subtype}" if r.subtype else r.category),
        field("来源", 14.5, lambda r: r.source, "center"),
        field("紧急程度", 12, lambda r: r.urgency, "center"),
        field("网格", 23, lambda r: scope.labels[r.grid_id]),
        field("当前环节", 15, lambda r: r.step, "center"),
        field("承办层级/部门", 25, lambda r: "/".join(filter(None, (r.handling_level, r.department)))),
        field("办结期限", 17.5, lambda r: r.deadline.date() if r.deadline else None, "center"),
        field("办理时效", 14, lambda r: r.timeliness, "center"),
        field("满意度", 14, lambda r: r.satisfaction, "center"),
    )
    return [branch_table(scope, "办理情况汇总（件）", summary), numbered("事件明细", fields, rows)]


def visits(scope: Scope) -> list[Section]:
    first, last = _period(scope)
    found = scope.ws.query.visit_log(VisitFilter(scope_id=scope.node.id, date_from=first, date_to=last))
    rows = sorted(_live(scope, found), key=lambda v: (v.visited_on, scope.rank[v.grid_id], v.worker_name))
    kinds = _tally(scope, rows, lambda v: v.kind)
    found = _tally(scope, rows, lambda v: "发现问题" if _found(v) else "")
    opened = _tally(scope, rows, lambda v: "转为事件" if v.case_numbers else "")
    summary: list[Measure] = [
        (number_column("走访次数"), kinds, None),
        *((number_column(kind), kinds, (kind,)) for kind in codes.labels("visit_kind")),
        (number_column("发现问题"), found, ("发现问题",)),
        (number_column("转为事件"), opened, ("转为事件",)),
    ]
    fields = (
        field("日期", 18, lambda v: v.visited_on, "center"),
        field("方式", 16, lambda v: v.kind, "center"),
        field("走访人", 16, lambda v: v.worker_name, "center"),
        field("走访对象", 40, lambda v: v.target_title),
        field("所属网格", 26, lambda v: scope.labels[v.grid_id]),
        field("走访内容", 50, lambda v: v.content),
        field("发现问题", 40, lambda v: v.findings),
        field("后续处理", 54, _follow_up),  # a case number fits on one line
    )
    return [branch_table(scope, "走访情况汇总（次）", summary), numbered("走访明细", fields, rows)]


def _period(scope: Scope) -> tuple[date, date]:
    return scope.period or calendar_year(scope.today)


def _live(scope: Scope, rows: Iterable[Any]) -> list[Any]:
    """Rows of the live grids of the scope (like every ledger, none of a deleted grid's)."""
    return [r for r in rows if r.grid_id in scope.rank]


def _tally(scope: Scope, rows: Iterable[CaseRow | VisitRow], key: Callable[[Any], str]) -> Counter[tuple[str, str]]:
    """(branch id, key) -> count, for branch_table; rows whose key is empty are left out."""
    return Counter((scope.branch[r.grid_id], k) for r in rows if (k := key(r)))


def _found(visit: VisitRow) -> bool:
    """Whether the visit noted a problem: workers write 无 or 无异常 when they found none."""
    return visit.findings not in ("", "无", "无异常")


def _follow_up(visit: VisitRow) -> str:
    opened = "\n".join(("转为事件：", *visit.case_numbers)) if visit.case_numbers else ""
    return "\n".join(filter(None, (visit.follow_up, opened)))

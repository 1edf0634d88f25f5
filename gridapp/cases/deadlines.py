"""Deadlines and timeliness of cases, computed on naive local datetimes (the office's wall clock).

A deadline is a moment, not a day: a 紧急 case accepted on 30 November at 16:00 is due on 3 December at
16:00, across the month end, and is overdue one minute later.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from gridapp.cases.rules import WorkflowRules
from gridapp.errors import RuleViolation

# Steps during which the handling clock runs (the first four of the loop).
RUNNING = frozenset({"事项受理", "分类转办", "跟踪问效", "督促落实"})


def deadline_for(urgency: str, start: datetime, rules: WorkflowRules) -> datetime:
    days = rules.deadline_days.get(urgency)
    if days is None:
        raise RuleViolation(f"紧急程度“{urgency}”没有设定办理时限，应为：{'、'.join(rules.deadline_days)}。")
    return start + timedelta(days=days)


def is_overdue(step: str | None, deadline: datetime | None, now: datetime) -> bool:
    return step in RUNNING and deadline is not None and now > deadline


def timeliness(step: str | None, deadline: datetime | None, resolved_at: datetime | None, now: datetime) -> str:
    """The 事件台账 column: 办理中, 已超期, 按时办结 or 超时办结."""
    if resolved_at is None:
        return "已超期" if is_overdue(step, deadline, now) else "办理中"
    return "按时办结" if deadline is None or resolved_at <= deadline else "超时办结"

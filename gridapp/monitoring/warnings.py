"""预警: each cause of a red or yellow household becomes a 帮扶 case in the case loop, assigned to the grid's
worker; when the cause is gone the case is taken through the loop's remaining steps by the system, with a note.
One open warning per household and cause."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridapp.cases import workflow
from gridapp.cases.rules import default_rules
from gridapp.dto import Actor, CaseInput
from gridapp.models import Case, GridAssignment, GridWorker, Household, MonitorWarning
from gridapp.monitoring.indicators import WARNING_CATEGORY
from gridapp.monitoring.rules import RED, Cause
from gridapp.services.cases import register_case, take_action

MONITOR = Actor("监测预警", role="管理员")  # the system's name on the timeline of a warning's case
WORKER_ROLES = ("网格员", "网格长")  # who a warning goes to, in this order


def open_by_household(s: Session, ids: list[str] | None) -> dict[str, dict[str, MonitorWarning]]:
    """The open warnings of these households (all for None), by household and rule."""
    q = select(MonitorWarning).where(~MonitorWarning.deleted, MonitorWarning.resolved_at.is_(None))
    if ids is not None:
        q = q.where(MonitorWarning.household_id.in_(ids))
    found: dict[str, dict[str, MonitorWarning]] = defaultdict(dict)
    for warning in s.scalars(q):
        found[warning.household_id][warning.rule_id] = warning
    return found


def follow(s: Session, ws: Any, household: Household, wanted: dict[str, Cause],
           opened: dict[str, MonitorWarning], now: datetime) -> None:
    """Raise the warnings ``wanted`` that are not open; resolve the open ones no longer wanted."""
    for rule_id, cause in wanted.items():
        if rule_id not in opened:
            _raise(s, ws, household, cause, now)
    for rule_id, warning in opened.items():
        if rule_id not in wanted:
            _resolve(s, ws, warning, now)


def _raise(s: Session, ws: Any, household: Household, cause: Cause, now: datetime) -> None:
    worker = _worker(s, household.grid_id)
    who = f"{household.number}号户" if household.number else (household.address or "住户")
    data = CaseInput(grid_id=household.grid_id, title=f"{who}{cause.cause}预警（{cause.colour}）",
                     category=WARNING_CATEGORY, source="其他", urgency="紧急" if cause.colour == RED else "一般",
                     description=cause.reason, household_ids=[household.id], note=f"监测预警：{cause.reason}")
    case = register_case(s, ws, MONITOR, data, now)
    take_action(s, ws, case, "转办", MONITOR, now, {
        "level": default_rules().levels[0], "note": f"交网格员{worker}入户核实、帮扶" if worker else "交本网格帮扶"})
    s.add(MonitorWarning(household_id=household.id, grid_id=household.grid_id, case_id=case.id,
                         rule_id=cause.rule_id, cause=cause.cause, colour=cause.colour, reason=cause.reason[:200],
                         worker_name=worker, raised_at=now))


def _resolve(s: Session, ws: Any, warning: MonitorWarning, now: datetime) -> None:
    """Close the warning's case through the loop's own steps from wherever it stands."""
    case = s.get(Case, warning.case_id)
    done = f"监测指标复核：{warning.cause}问题已消除，预警解除。"
    steps = {
        workflow.ACCEPTED: ("转办", {"level": default_rules().levels[0], "note": done}),
        workflow.RESULT: ("评价", {"rating": workflow.RATINGS[0], "note": done}),
        workflow.RATED: ("公示", {"summary": f"{warning.cause}预警已解除。"}),
        workflow.PUBLISHED: ("归档", {"note": done}),
        **{step: ("反馈结果", {"note": done}) for step in workflow.HANDLING},
    }
    while case is not None and not case.deleted and case.step != workflow.ARCHIVED:
        action, values = steps[case.step]
        take_action(s, ws, case, action, MONITOR, now, values)
    warning.resolved_at = now


def _worker(s: Session, grid_id: str) -> str:
    rows = s.execute(select(GridAssignment.role, GridWorker.name)
                     .join(GridWorker, GridWorker.id == GridAssignment.worker_id)
                     .where(GridAssignment.grid_id == grid_id, ~GridAssignment.deleted, ~GridWorker.deleted)
                     .order_by(GridWorker.name)).all()
    for role in WORKER_ROLES:
        for row_role, name in rows:
            if row_role == role:
                return name
    return ""

"""Deadlines from the urgency table, overdue detection across month and year ends with an injected clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from gridapp import codes
from gridapp.cases.deadlines import deadline_for, is_overdue, timeliness
from gridapp.cases.rules import default_rules
from gridapp.cases.workflow import apply, available_actions
from gridapp.dto import Actor, CaseFilter, CaseInput, CaseState
from gridapp.errors import RuleViolation
from gridapp.workspace import Workspace

RULES = default_rules()
ADMIN = Actor("管理员", role="管理员")


def test_the_default_deadlines_come_from_the_urgency_table() -> None:
    table = {item.label: item.extra["deadline_days"] for item in codes.items("case_urgency")}
    assert RULES.deadline_days == table == {"一般": 7, "紧急": 3, "重大": 1, "特别重大": 1}


@pytest.mark.parametrize("urgency, accepted, due", [
    ("一般", datetime(2026, 1, 28, 16, 30), datetime(2026, 2, 4, 16, 30)),
    ("紧急", datetime(2026, 2, 27, 10, 0), datetime(2026, 3, 2, 10, 0)),  # February has 28 days in 2026
    ("紧急", datetime(2028, 2, 27, 10, 0), datetime(2028, 3, 1, 10, 0)),  # … and 29 in 2028
    ("重大", datetime(2026, 4, 30, 23, 59), datetime(2026, 5, 1, 23, 59)),
    ("一般", datetime(2026, 12, 28, 9, 0), datetime(2027, 1, 4, 9, 0)),
])
def test_deadlines_run_across_month_and_year_ends(urgency: str, accepted: datetime, due: datetime) -> None:
    assert deadline_for(urgency, accepted, RULES) == due
    state = apply(CaseState(), "受理", ADMIN, accepted, {"urgency": urgency}).state
    assert state.deadline == due
    assert not is_overdue(state.step, state.deadline, due)
    assert is_overdue(state.step, state.deadline, due + timedelta(minutes=1))


def test_a_changed_deadline_table_is_used() -> None:
    slow = replace(RULES, deadline_days={**RULES.deadline_days, "一般": 15})
    state = apply(CaseState(), "受理", ADMIN, datetime(2026, 1, 20, 9), {"urgency": "一般"}, slow).state
    assert state.deadline == datetime(2026, 2, 4, 9)
    with pytest.raises(RuleViolation, match="没有设定办理时限"):
        deadline_for("紧急", datetime(2026, 1, 1), replace(RULES, deadline_days={"一般": 7}))


def test_only_running_cases_can_be_overdue_and_timeliness_says_how_it_ended() -> None:
    deadline = datetime(2026, 1, 31, 12)
    late = deadline + timedelta(days=1)
    assert is_overdue("督促落实", deadline, late) and not is_overdue("结果反馈", deadline, late)
    assert not is_overdue("事项受理", None, late)
    assert timeliness("跟踪问效", deadline, None, late) == "已超期"
    assert timeliness("跟踪问效", deadline, None, deadline) == "办理中"
    assert timeliness("结果反馈", deadline, deadline, late) == "按时办结"
    assert timeliness("归档销号", deadline, late, late) == "超时办结"


def test_the_case_list_sees_a_case_fall_overdue_when_the_calendar_moves(ws: Workspace, tree) -> None:
    accepted = datetime(2026, 1, 29, 17, 45)  # 紧急: due 1 February 17:45, across the month end
    case_id = ws.cases.register(Actor("王网格员", role="网格员"),
                                CaseInput(tree.grid1, "路灯损坏", "城市管理", urgency="紧急"), accepted).id
    ws.cases.act(ADMIN, case_id, "转办", {"level": "网格自办"}, now=accepted)
    calendar = {"today": date(2026, 1, 31)}
    ws.today = lambda: calendar["today"]
    assert not ws.query.case_rows([case_id])[0].overdue
    assert ws.query.case_counts().overdue == 0 and ws.query.cases(CaseFilter(overdue=True)) == []

    calendar["today"] = date(2026, 2, 2)
    [row] = ws.query.cases(CaseFilter(overdue=True))
    assert (row.id, row.overdue, row.timeliness) == (case_id, True, "已超期")
    assert ws.query.case_counts().overdue == 1 and ws.query.work_counts().overdue_cases == 1
    state = ws.query.case(case_id).state
    assert "督办" in [a.code for a in available_actions(state, "网格长", now=datetime(2026, 2, 2, 0, 0))]
    assert "督办" not in [a.code for a in available_actions(state, "网格长", now=datetime(2026, 2, 1, 17, 45))]


def test_the_exact_minute_decides_with_an_explicit_now(ws: Workspace, tree) -> None:
    accepted = datetime(2026, 3, 31, 8, 0)  # 重大: due 1 April 08:00
    case_id = ws.cases.register(Actor("王网格员", role="网格员"),
                                CaseInput(tree.grid1, "燃气泄漏", "公共安全", urgency="重大"), accepted).id
    due = datetime(2026, 4, 1, 8, 0)
    assert not ws.query.case(case_id, due).row.overdue
    assert ws.query.case(case_id, due + timedelta(minutes=1)).row.overdue
    ws.cases.act(ADMIN, case_id, "转办", {"level": "网格自办"}, now=due)
    ws.cases.act(ADMIN, case_id, "反馈结果", {"note": "已关阀"}, now=due + timedelta(minutes=1))
    row = ws.query.case(case_id, due + timedelta(days=5)).row
    assert (row.overdue, row.timeliness) == (False, "超时办结")


def test_a_clock_set_back_keeps_cases_working(ws: Workspace, tree) -> None:
    """A PC whose clock jumped back to 2000 (a dead CMOS battery): cases still register, move on and list; none
    counts as overdue before its deadline, and the timeline keeps the order in which things were done."""
    accepted = datetime(2026, 11, 30, 9, 0)
    case_id = ws.cases.register(Actor("王网格员", role="网格员"),
                                CaseInput(tree.grid1, "井盖缺失", "城市管理", urgency="一般"), accepted).id
    back = datetime(2000, 1, 1, 8, 0)
    ws.cases.act(ADMIN, case_id, "转办", {"level": "网格自办"}, now=back)
    ws.cases.act(ADMIN, case_id, "反馈结果", {"note": "已补装"}, now=back + timedelta(minutes=5))
    view = ws.query.case(case_id, back)
    assert [e.action for e in view.timeline][-2:] == ["转办", "反馈结果"]
    assert (view.row.overdue, view.row.timeliness) == (False, "按时办结")
    ws.today = lambda: back.date()
    assert ws.query.case_counts().overdue == 0 and case_id in [r.id for r in ws.query.cases(CaseFilter())]

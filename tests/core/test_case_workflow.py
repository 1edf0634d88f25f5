"""The pure case workflow: property tests over random action sequences, and the rules of each action."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from gridapp import codes
from gridapp.cases import workflow
from gridapp.cases.privacy import summary_problems
from gridapp.cases.rules import default_rules
from gridapp.cases.workflow import (
    ACCEPTED,
    ACTIONS,
    ARCHIVED,
    DISPATCHED,
    PUBLISHED,
    RATED,
    RESULT,
    STEPS,
    SUPERVISING,
    TRACKING,
    apply,
    available_actions,
)
from gridapp.dto import Actor, CaseState
from gridapp.errors import RuleViolation

RULES = default_rules()
ROLES = ("网格员", "网格长", "村(社区)管理员", "镇(街道)管理员", "县级管理员", "管理员", "保洁员")
PRIVATE = ("张三丰", "13800001234", "11010519491231002X")
START = datetime(2026, 1, 30, 9, 0)
ADMIN = Actor("管理员甲", role="管理员")
SUMMARIES = ("3组门前垃圾已清运完毕", "张三丰反映的问题已解决", "联系电话 138 0000 1234", "身份证11010519491231002X已核实",
             "")
NOTES = ("", "已联系当事人", "群众反映问题反复出现")


def values_for(action: str, state: CaseState) -> st.SearchStrategy[dict]:
    """Form values for ``action``: sometimes valid, sometimes not (blank required fields, wrong departments)."""
    note = st.sampled_from(NOTES)
    if action == "受理":
        return st.fixed_dictionaries({"urgency": st.sampled_from(codes.labels("case_urgency"))})
    if action in ("转办", "改派", "上报"):
        return st.sampled_from(RULES.levels).flatmap(lambda level: st.fixed_dictionaries({
            "level": st.just(level), "note": note,
            "department": st.sampled_from(("", *RULES.departments_for(level), "县公安局"))}))
    if action == "督办":
        return st.fixed_dictionaries({"note": note}, optional={
            "deadline": st.integers(-48, 240).map(lambda h: (state.deadline or START) + timedelta(hours=h))})
    if action == "评价":
        return st.fixed_dictionaries({"rating": st.sampled_from(workflow.RATINGS), "note": note})
    if action == "公示":
        return st.fixed_dictionaries({"summary": st.sampled_from(SUMMARIES)})
    return st.fixed_dictionaries({"note": note})


def valid_values(action: str, state: CaseState) -> dict:
    """Values that the action must accept whenever it is offered."""
    if action == "受理":
        return {"urgency": "一般"}
    if action in ("转办", "改派", "上报"):
        higher = [lv for lv in RULES.levels if RULES.rank(lv) > RULES.rank(state.handling_level)]
        level = higher[0] if action == "上报" else next(lv for lv in RULES.levels if lv != state.handling_level)
        department = RULES.departments_for(level)[0] if level in RULES.needs_department else ""
        return {"level": level, "department": department, "note": "原因"}
    if action == "评价":
        return {"rating": "满意"}
    if action == "公示":
        return {"summary": "门前垃圾已清运完毕"}
    return {"note": "已办理"}


class WorkflowMachine(RuleBasedStateMachine):
    """Random users doing random things at random times to one case."""

    def __init__(self) -> None:
        super().__init__()
        self.state = CaseState(private_terms=PRIVATE)
        self.now = START
        self.entries: list[workflow.Entry] = []
        self.archived: CaseState | None = None

    @rule(hours=st.floats(0, 24 * 12))
    def time_passes(self, hours: float) -> None:
        self.now += timedelta(hours=hours)

    @rule(action=st.sampled_from(list(ACTIONS)), role=st.sampled_from(ROLES), data=st.data())
    def anyone_tries_anything(self, action: str, role: str, data: st.DataObject) -> None:
        self.attempt(action, Actor("某人", role=role), data.draw(values_for(action, self.state)))

    @rule(data=st.data())
    def an_administrator_moves_the_case_on(self, data: st.DataObject) -> None:
        offered = available_actions(self.state, ADMIN.role, now=self.now)
        if offered:
            action = data.draw(st.sampled_from([a.code for a in offered]))
            self.attempt(action, ADMIN, data.draw(values_for(action, self.state)))

    def attempt(self, action: str, actor: Actor, values: dict) -> None:
        before = self.state
        offered = action in {a.code for a in available_actions(before, actor.role, now=self.now)}
        try:
            transition = apply(before, action, actor, self.now, values)
        except RuleViolation:
            return
        assert offered, "apply allowed an action that available_actions hides"
        assert before.step != ARCHIVED, "an archived case changed"
        entry = transition.entry
        assert (entry.action, entry.step_before, entry.step_after) == (action, before.step, transition.state.step)
        assert entry.step_after in ACTIONS[action].leads_to
        assert (entry.actor_name, entry.actor_role, entry.at) == (actor.name, actor.role, self.now)
        if action == "评价" and values["rating"] == "不满意":
            assert transition.state.step == TRACKING
            assert transition.state.reopened == before.reopened + 1 and transition.state.resolved_at is None
        self.state = transition.state
        self.entries.append(entry)

    @invariant()
    def every_offered_action_works_with_valid_values(self) -> None:
        for role in ROLES:
            for action in available_actions(self.state, role, now=self.now):
                apply(self.state, action.code, Actor("某人", role=role), self.now,
                      valid_values(action.code, self.state))

    @invariant()
    def the_state_is_valid(self) -> None:
        s = self.state
        assert s.step is None or s.step in STEPS
        assert (s.step is None) == (not self.entries)
        if self.entries:
            assert self.entries[-1].step_after == s.step
            assert all(a.step_after == b.step_before for a, b in zip(self.entries, self.entries[1:], strict=False))
            assert s.accepted_at is not None and s.deadline is not None and s.urgency in RULES.deadline_days
        if s.step not in (None, ACCEPTED):
            assert s.handling_level in RULES.levels
            assert not s.department or RULES.departments[s.department] == s.handling_level
            assert s.department or s.handling_level not in RULES.needs_department
        assert (s.resolved_at is not None) == (s.step in (RESULT, RATED, PUBLISHED, ARCHIVED))
        assert (s.satisfaction in ("满意", "基本满意")) == (s.step in (RATED, PUBLISHED, ARCHIVED))
        assert bool(s.public_summary) == (s.step in (PUBLISHED, ARCHIVED))
        assert summary_problems(s.public_summary, PRIVATE) == []
        assert s.supervisions >= (s.step == SUPERVISING)
        assert s.reopened == sum(e.data.get("reopened", False) for e in self.entries)

    @invariant()
    def an_archived_case_never_changes(self) -> None:
        if self.state.step == ARCHIVED:
            self.archived = self.archived or self.state
            assert self.state == self.archived
            assert available_actions(self.state, "管理员", now=self.now) == []


WorkflowMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=50, deadline=None,
                                             suppress_health_check=[HealthCheck.too_slow])
test_random_action_sequences_keep_the_case_valid = WorkflowMachine.TestCase


# -- the rules of single actions ---------------------------------------------------------------------------------

def walk(*steps: tuple[str, dict], state: CaseState | None = None, at: datetime = START) -> CaseState:
    state = state or CaseState(private_terms=PRIVATE)
    for action, values in steps:
        state = apply(state, action, ADMIN, at, values).state
    return state


DISPATCHED_STATE = walk(("受理", {"urgency": "一般"}), ("转办", {"level": "网格自办"}))
RESULT_STATE = walk(("反馈结果", {"note": "已处理"}), state=DISPATCHED_STATE)


def codes_of(state: CaseState, role: str, now: datetime = START) -> list[str]:
    return [a.code for a in available_actions(state, role, now=now)]


def test_a_new_case_can_only_be_accepted_and_a_stranger_can_do_nothing() -> None:
    assert codes_of(CaseState(), "网格员") == ["受理"]
    assert codes_of(CaseState(), "保洁员") == []
    with pytest.raises(RuleViolation, match="无权"):
        apply(CaseState(), "受理", Actor("某人", role="保洁员"), START, {"urgency": "一般"})


def test_buttons_follow_the_step_and_the_role() -> None:
    assert codes_of(DISPATCHED_STATE, "网格员") == ["上报", "进展", "反馈结果"]
    assert codes_of(DISPATCHED_STATE, "村(社区)管理员") == ["改派", "上报", "进展", "督办", "反馈结果"]
    assert codes_of(RESULT_STATE, "网格员") == ["评价"]
    rated = walk(("评价", {"rating": "满意"}), state=RESULT_STATE)
    assert codes_of(rated, "网格员") == []
    assert codes_of(rated, "网格长") == ["公示"]


def test_every_action_has_a_label_a_sheet_and_roles_name_only_real_actions() -> None:
    assert [a.sheet for a in ACTIONS.values()] == ["集单", "议单", "议单", "议单", "办单", "办单", "办单", "评单",
                                                   "晒单", ""]
    for rule_ in RULES.roles.values():
        assert rule_.actions <= set(ACTIONS)
    for action in ACTIONS.values():
        for f in action.fields:
            assert f.kind in ("text", "longtext", "choice", "datetime")
            assert f.kind != "choice" or f.options()


def test_required_fields_are_named_in_the_message() -> None:
    with pytest.raises(RuleViolation, match="请填写“办理进展”"):
        apply(DISPATCHED_STATE, "进展", ADMIN, START, {"note": "  "})
    with pytest.raises(RuleViolation, match="不是有效的紧急程度"):
        apply(CaseState(), "受理", ADMIN, START, {"urgency": "很急"})
    with pytest.raises(TypeError):
        apply(CaseState(), "受理", ADMIN, START, {"urgency": "一般", "colour": "红"})
    with pytest.raises(RuleViolation, match="未知的事件操作"):
        apply(CaseState(), "删除", ADMIN, START, {})


def test_dispatch_levels_accept_aliases_and_county_departments_are_required() -> None:
    accepted = walk(("受理", {"urgency": "一般"}))
    assert apply(accepted, "转办", ADMIN, START, {"level": "村"}).state.handling_level == "村(社区)"
    with pytest.raises(RuleViolation, match="请选择承办部门"):
        apply(accepted, "转办", ADMIN, START, {"level": "县级部门"})
    with pytest.raises(RuleViolation, match="不属于"):
        apply(accepted, "转办", ADMIN, START, {"level": "镇(街道)", "department": "县公安局"})
    county = apply(accepted, "转办", ADMIN, START, {"level": "县级", "department": "县公安局"}).state
    assert (county.handling_level, county.department) == ("县级部门", "县公安局")
    assert "上报" not in codes_of(county, "管理员")


def test_escalation_goes_up_and_redispatch_must_change_the_handler() -> None:
    with pytest.raises(RuleViolation, match="更高的层级"):
        apply(DISPATCHED_STATE, "上报", ADMIN, START, {"level": "网格自办", "note": "难办"})
    up = apply(DISPATCHED_STATE, "上报", ADMIN, START, {"level": "镇(街道)", "department": "司法所", "note": "难办"})
    assert (up.state.step, up.state.handling_level) == (DISPATCHED, "镇(街道)")
    assert up.entry.data == {"level": "镇(街道)", "department": "司法所", "from": ["网格自办", ""]}
    with pytest.raises(RuleViolation, match="与现在相同"):
        apply(up.state, "改派", ADMIN, START, {"level": "镇(街道)", "department": "司法所", "note": "换人"})


def test_supervision_before_the_deadline_needs_a_supervisor_after_it_a_grid_head_may() -> None:
    assert "督办" not in codes_of(DISPATCHED_STATE, "网格长")
    late = DISPATCHED_STATE.deadline + timedelta(minutes=1)
    assert "督办" in codes_of(DISPATCHED_STATE, "网格长", late)
    assert "督办" in codes_of(DISPATCHED_STATE, "镇(街道)管理员")
    supervised = apply(DISPATCHED_STATE, "督办", Actor("网格长", role="网格长"), late, {"note": "请加快"})
    assert supervised.state.step == SUPERVISING and supervised.state.supervisions == 1
    assert supervised.entry.data["overdue"] is True
    progress = apply(supervised.state, "进展", ADMIN, late, {"note": "已开工"}).state
    assert progress.step == SUPERVISING
    with pytest.raises(RuleViolation, match="晚于现在"):
        apply(progress, "督办", ADMIN, late, {"note": "再催", "deadline": late - timedelta(hours=1)})
    again = apply(progress, "督办", ADMIN, late, {"note": "再催", "deadline": late + timedelta(days=2)}).state
    assert again.supervisions == 2 and again.deadline == late + timedelta(days=2)


def test_an_unsatisfied_rating_reopens_with_a_reason_and_a_fresh_deadline() -> None:
    with pytest.raises(RuleViolation, match="写明原因"):
        apply(RESULT_STATE, "评价", ADMIN, START, {"rating": "不满意"})
    later = START + timedelta(days=3)
    reopened = apply(RESULT_STATE, "评价", ADMIN, later, {"rating": "不满意", "note": "没修好"})
    assert reopened.state.step == TRACKING and reopened.state.reopened == 1
    assert reopened.state.deadline == later + timedelta(days=7)
    assert reopened.entry.note == "没修好" and reopened.entry.data["reopened"] is True


@pytest.mark.parametrize("summary, problem", [
    ("张三丰家门前垃圾已清运", "张三丰"),
    ("已电话回复 13800001234", "电话号码"),
    ("已核实 １３８００００１２３４", "电话号码"),
    ("核实身份证 410101199001011234 的情况", "身份证号码"),
    ("当事人身份证 11010519491231002x 已登记", "身份证号码"),
])
def test_a_public_summary_with_personal_data_is_refused(summary: str, problem: str) -> None:
    rated = walk(("评价", {"rating": "满意"}), state=RESULT_STATE)
    with pytest.raises(RuleViolation, match=problem):
        apply(rated, "公示", ADMIN, START, {"summary": summary})
    published = apply(rated, "公示", ADMIN, START, {"summary": "门前垃圾已清运，群众满意"}).state
    assert published.public_summary == "门前垃圾已清运，群众满意"


def test_an_archived_case_refuses_every_action() -> None:
    archived = walk(("评价", {"rating": "基本满意"}), ("公示", {"summary": "已办结"}), ("归档", {}),
                    state=RESULT_STATE)
    assert archived.step == ARCHIVED
    for action in ACTIONS:
        with pytest.raises(RuleViolation, match="已归档"):
            apply(archived, action, ADMIN, START, valid_values(action, archived))


def test_the_roles_table_can_be_replaced() -> None:
    strict = replace(RULES, roles={"网格员": replace(RULES.roles["网格员"], actions=frozenset({"受理"}))})
    state = apply(CaseState(), "受理", Actor("甲", role="网格员"), START, {"urgency": "一般"}, strict).state
    assert available_actions(state, "网格员", now=START, rules=strict) == []
    assert available_actions(state, "管理员", now=START, rules=strict) == []

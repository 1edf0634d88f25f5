"""The eight-step closed loop 事项受理 → 分类转办 → 跟踪问效 → 督促落实 → 结果反馈 → 打分评价 → 信息公示 →
归档销号 as a pure state machine.

No database and no clock: ``apply`` takes a case's state, the acting user, the time and the form values and
returns the new state with the one timeline entry the transition leaves. Services persist both, the GUI asks
``available_actions`` which buttons to show, and property tests drive it with random sequences. Who may do
what, the levels, departments and deadlines are data (gridapp.cases.rules).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from gridapp import codes
from gridapp.cases.deadlines import deadline_for, is_overdue
from gridapp.cases.privacy import summary_problems
from gridapp.cases.rules import WorkflowRules, default_rules
from gridapp.dto import Actor, CaseState
from gridapp.errors import RuleViolation

ACCEPTED, DISPATCHED, TRACKING, SUPERVISING, RESULT, RATED, PUBLISHED, ARCHIVED = STEPS = (
    "事项受理", "分类转办", "跟踪问效", "督促落实", "结果反馈", "打分评价", "信息公示", "归档销号",
)
HANDLING = frozenset({DISPATCHED, TRACKING, SUPERVISING})  # a handler is working on it
RATINGS = ("满意", "基本满意", "不满意")
REOPENING = "不满意"


@dataclass(frozen=True)
class Field:
    """One input of an action's form. ``table`` names the code table of a choice; ``kind`` is text, longtext,
    choice or datetime."""

    key: str
    label: str
    kind: str = "text"
    required: bool = False
    table: str = ""
    choices: tuple[str, ...] = ()
    hint: str = ""

    def options(self) -> tuple[str, ...]:
        return codes.labels(self.table) if self.table else self.choices


@dataclass(frozen=True)
class Action:
    """A button of the case window: what it is called, the 一事五单 sheet it fills, the form it asks for, the
    steps it can lead to (评价 reopens on 不满意) and whether photos may come with it."""

    code: str
    label: str
    sheet: str
    fields: tuple[Field, ...]
    leads_to: tuple[str, ...]
    attachments: bool = False


@dataclass(frozen=True)
class Entry:
    """The timeline record of one transition."""

    action: str
    step_before: str | None
    step_after: str
    actor_name: str
    actor_role: str
    at: datetime
    note: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Transition:
    state: CaseState
    entry: Entry


@dataclass(frozen=True)
class _Ctx:
    now: datetime
    rules: WorkflowRules


Values = dict[str, Any]
_Handler = Callable[[CaseState, Values, _Ctx], tuple[CaseState, dict[str, Any]]]


def _note(label: str = "说明", required: bool = False, hint: str = "") -> Field:
    return Field("note", label, "longtext", required, hint=hint)


_LEVEL = Field("level", "承办层级", "choice", True, table="case_level")
_DEPARTMENT = Field("department", "承办部门", "choice", table="department", hint="交县级部门办理时必填")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="minutes") if moment else None


# -- the transitions --------------------------------------------------------------------------------------------

def _accept(state: CaseState, v: Values, c: _Ctx) -> tuple[CaseState, dict[str, Any]]:
    deadline = deadline_for(v["urgency"], c.now, c.rules)
    new = replace(state, step=ACCEPTED, urgency=v["urgency"], accepted_at=c.now, deadline=deadline)
    return new, {"urgency": v["urgency"], "deadline": _iso(deadline)}


def _handler(v: Values, rules: WorkflowRules) -> tuple[str, str]:
    level, department = v["level"], v.get("department", "")
    if department and rules.departments.get(department) != level:
        raise RuleViolation(f"“{department}”不属于“{level}”，请重新选择承办部门。")
    if not department and level in rules.needs_department:
        raise RuleViolation(f"交“{level}”办理时请选择承办部门。")
    return level, department


def _send(state: CaseState, level: str, department: str) -> tuple[CaseState, dict[str, Any]]:
    new = replace(state, step=DISPATCHED, handling_level=level, department=department)
    data: dict[str, Any] = {"level": level, "department": department}
    if state.handling_level:
        data["from"] = [state.handling_level, state.department]
    return new, data


def _dispatch(state: CaseState, v: Values, c: _Ctx) -> tuple[CaseState, dict[str, Any]]:
    return _send(state, *_handler(v, c.rules))


def _redispatch(state: CaseState, v: Values, c: _Ctx) -> tuple[CaseState, dict[str, Any]]:
    level, department = _handler(v, c.rules)
    if (level, department) == (state.handling_level, state.department):
        raise RuleViolation("改派的承办单位与现在相同，请选择新的承办层级或部门。")
    return _send(state, level, department)


def _escalate(state: CaseState, v: Values, c: _Ctx) -> tuple[CaseState, dict[str, Any]]:
    level, department = _handler(v, c.rules)
    if c.rules.rank(level) <= c.rules.rank(state.handling_level):
        raise RuleViolation(f"上报应交给比“{state.handling_level}”更高的层级。")
    return _send(state, level, department)


def _progress(state: CaseState, v: Values, c: _Ctx) -> tuple[CaseState, dict[str, Any]]:
    # Progress under supervision stays under supervision.
    return replace(state, step=SUPERVISING if state.step == SUPERVISING else TRACKING), {}


def _supervise(state: CaseState, v: Values, c: _Ctx) -> tuple[CaseState, dict[str, Any]]:
    deadline = v.get("deadline")
    if deadline is not None and deadline <= c.now:
        raise RuleViolation("新的办结期限应晚于现在。")
    new = replace(state, step=SUPERVISING, supervisions=state.supervisions + 1,
                  deadline=deadline or state.deadline)
    return new, {"overdue": is_overdue(state.step, state.deadline, c.now), "deadline": _iso(new.deadline)}


def _report(state: CaseState, v: Values, c: _Ctx) -> tuple[CaseState, dict[str, Any]]:
    on_time = state.deadline is None or c.now <= state.deadline
    return replace(state, step=RESULT, resolved_at=c.now), {"on_time": on_time}


def _rate(state: CaseState, v: Values, c: _Ctx) -> tuple[CaseState, dict[str, Any]]:
    rating = v["rating"]
    if rating != REOPENING:
        return replace(state, step=RATED, satisfaction=rating), {"rating": rating}
    if not v.get("note"):
        raise RuleViolation("评价为“不满意”时请写明原因，事件将退回重新办理。")
    deadline = deadline_for(state.urgency, c.now, c.rules)
    new = replace(state, step=TRACKING, satisfaction=rating, resolved_at=None, reopened=state.reopened + 1,
                  deadline=deadline)
    return new, {"rating": rating, "reopened": True, "deadline": _iso(deadline)}


def _publish(state: CaseState, v: Values, c: _Ctx) -> tuple[CaseState, dict[str, Any]]:
    problems = summary_problems(v["summary"], state.private_terms)
    if problems:
        raise RuleViolation(f"公示内容不能包含个人信息：{'；'.join(problems)}。请修改后再公示。")
    return replace(state, step=PUBLISHED, public_summary=v["summary"]), {"summary": v["summary"]}


def _archive(state: CaseState, v: Values, c: _Ctx) -> tuple[CaseState, dict[str, Any]]:
    return replace(state, step=ARCHIVED), {}


@dataclass(frozen=True)
class _Spec:
    action: Action
    sources: frozenset[str | None]
    handler: _Handler


_SPECS = (
    _Spec(Action("受理", "事项受理", "集单", (Field("urgency", "紧急程度", "choice", True, table="case_urgency"), _note()),
                 (ACCEPTED,), True),
          frozenset({None}), _accept),
    _Spec(Action("转办", "分类转办", "议单", (_LEVEL, _DEPARTMENT, _note("转办意见")), (DISPATCHED,)),
          frozenset({ACCEPTED}), _dispatch),
    _Spec(Action("改派", "改派", "议单", (_LEVEL, _DEPARTMENT, _note("改派原因", True)), (DISPATCHED,)),
          HANDLING, _redispatch),
    _Spec(Action("上报", "上报上级", "议单", (_LEVEL, _DEPARTMENT, _note("上报原因", True)), (DISPATCHED,)),
          HANDLING, _escalate),
    _Spec(Action("进展", "登记进展", "办单", (_note("办理进展", True),), (TRACKING, SUPERVISING), True),
          HANDLING, _progress),
    _Spec(Action("督办", "督办", "办单",
                 (_note("督办意见", True), Field("deadline", "新的办结期限", "datetime", hint="不填则沿用原期限")),
                 (SUPERVISING,)),
          HANDLING, _supervise),
    _Spec(Action("反馈结果", "反馈结果", "办单", (_note("办理结果", True),), (RESULT,), True), HANDLING, _report),
    _Spec(Action("评价", "打分评价", "评单",
                 (Field("rating", "满意度", "choice", True, choices=RATINGS),
                  _note("评价意见", hint="“不满意”时必填，事件将退回重新办理")), (RATED, TRACKING)),
          frozenset({RESULT}), _rate),
    _Spec(Action("公示", "信息公示", "晒单",
                 (Field("summary", "公示内容", "longtext", True, hint="不得含姓名、电话、身份证号"),), (PUBLISHED,), True),
          frozenset({RATED}), _publish),
    _Spec(Action("归档", "归档销号", "", (_note(),), (ARCHIVED,)), frozenset({PUBLISHED}), _archive),
)
_BY_CODE = {spec.action.code: spec for spec in _SPECS}
ACTIONS: dict[str, Action] = {code: spec.action for code, spec in _BY_CODE.items()}


# -- the public functions ---------------------------------------------------------------------------------------

def _refusal(spec: _Spec, state: CaseState, role: str, now: datetime, rules: WorkflowRules) -> str | None:
    """Why ``role`` may not take this action now, or None when it may."""
    label = spec.action.label
    if state.step == ARCHIVED:
        return "事件已归档销号，不能再修改。"
    if state.step not in spec.sources:
        return f"事件处于“{state.step or '未受理'}”，不能“{label}”。"
    allowed = rules.role(role)
    if allowed is None or spec.action.code not in allowed.actions:
        return f"“{role or '未知角色'}”无权“{label}”。"
    if spec.action.code == "督办" and not allowed.supervisor and not is_overdue(state.step, state.deadline, now):
        return "事件尚未超期，只有上级管理员可以提前督办。"
    if spec.action.code == "上报" and rules.rank(state.handling_level) >= len(rules.levels) - 1:
        return f"事件已由“{state.handling_level}”办理，没有更高的层级可以上报。"
    return None


def available_actions(state: CaseState, role: str, *, now: datetime | None = None,
                      rules: WorkflowRules | None = None) -> list[Action]:
    """The actions ``role`` may take on a case in ``state`` at ``now``, in loop order (the GUI's buttons)."""
    now = now or datetime.now()
    rules = rules or default_rules()
    return [spec.action for spec in _SPECS if _refusal(spec, state, role, now, rules) is None]


def apply(state: CaseState, action: str, actor: Actor, now: datetime, values: Mapping[str, Any] | None = None,
          rules: WorkflowRules | None = None) -> Transition:
    """Take ``action``: the new state and its timeline entry, or RuleViolation with the reason in Chinese."""
    rules = rules or default_rules()
    spec = _BY_CODE.get(action)
    if spec is None:
        raise RuleViolation(f"未知的事件操作“{action}”。")
    refusal = _refusal(spec, state, actor.role, now, rules)
    if refusal:
        raise RuleViolation(refusal)
    read = _read(spec.action, values or {})
    new, data = spec.handler(state, read, _Ctx(now, rules))
    entry = Entry(action, state.step, new.step or "", actor.name, actor.role, now, read.get("note", ""), data)
    return Transition(new, entry)


def _read(action: Action, values: Mapping[str, Any]) -> Values:
    """The form values checked against the action's fields: required ones present, choices valid."""
    unknown = set(values) - {f.key for f in action.fields}
    if unknown:
        raise TypeError(f"unknown fields for {action.code}: {sorted(unknown)}")
    read: Values = {}
    for f in action.fields:
        raw = values.get(f.key)
        if isinstance(raw, str):
            raw = raw.strip()
        if raw in (None, ""):
            if f.required:
                raise RuleViolation(f"请填写“{f.label}”。")
            read[f.key] = None if f.kind == "datetime" else ""
            continue
        read[f.key] = _value(f, raw)
    return read


def _value(f: Field, raw: Any) -> Any:
    if f.kind == "datetime":
        if not isinstance(raw, datetime):
            raise RuleViolation(f"“{f.label}”应为日期和时间。")
        return raw
    if f.kind != "choice":
        return str(raw)
    item = codes.match(f.table, raw) if f.table else None
    label = item.label if item else raw
    if label not in f.options():
        raise RuleViolation(f"“{raw}”不是有效的{f.label}，应为：{'、'.join(f.options())}。")
    return label

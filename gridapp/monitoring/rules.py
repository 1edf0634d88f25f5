"""The monitoring rules as data, and judging a household's indicators by them (pure: no database).

A rule's condition is a list of tests that must all hold; a test is ``{field, op, value}`` over one indicator
or ``{check}`` naming a check below. Nothing is evaluated as code, so a county's edited file can do no harm;
a malformed file is refused with a message naming the rule and what is wrong.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from gridapp.errors import RuleViolation
from gridapp.resources import resource_path

RED, YELLOW, GREEN = COLOURS = ("红", "黄", "绿")
SEVERITY = {GREEN: 0, YELLOW: 1, RED: 2}
LINE = "$monitoring_line"  # a value standing for the county's monitoring line


@dataclass(frozen=True)
class Indicators:
    """What the rules can look at for one household (None: not recorded, so no test on it holds)."""

    income_per_capita: int | None = None  # 人均纯收入, 元 a year
    uninsured_members: int = 0  # members recorded as not in 基本医疗保险
    out_of_school_children: int = 0  # members recorded as 失学
    house_safety: str = ""  # the house's rating code A–D
    drinking_water_safe: bool | None = None
    special_group_members: int = 0  # members with a special-group tag
    days_since_visit: int | None = None  # since the last visit (or the registration, if never visited)
    overdue_cases: int = 0  # cases about the household past their deadline, not counting 预警 cases


FIELDS = frozenset(f.name for f in fields(Indicators))
OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}
CHECKS: dict[str, Callable[[Indicators], bool]] = {
    "special_group": lambda i: i.special_group_members > 0,
}


@dataclass(frozen=True)
class Test:
    field: str = ""
    op: str = ""
    value: Any = None
    check: str = ""

    def holds(self, ind: Indicators, line: int) -> bool:
        if self.check:
            return CHECKS[self.check](ind)
        actual = getattr(ind, self.field)
        if actual is None:
            return False
        wanted = line if self.value == LINE else self.value
        try:
            return OPS[self.op](actual, wanted)
        except TypeError:  # a number compared with text in an edited file: the test does not hold
            return False


@dataclass(frozen=True)
class Rule:
    id: str
    cause: str
    colour: str
    when: tuple[Test, ...]
    reason: str

    def matches(self, ind: Indicators, line: int) -> bool:
        return all(test.holds(ind, line) for test in self.when)

    def explain(self, ind: Indicators, line: int) -> str:
        values = {"monitoring_line": line, **{name: getattr(ind, name) for name in FIELDS}}
        return re.sub(r"\{(\w+)\}", lambda m: _shown(values.get(m.group(1), m.group(0))), self.reason)


@dataclass(frozen=True)
class Cause:
    """One rule that a household meets, as stored on the household and shown in the form."""

    rule_id: str
    cause: str
    colour: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule_id, "cause": self.cause, "colour": self.colour, "reason": self.reason}

    @staticmethod
    def of(row: dict[str, str]) -> Cause:
        return Cause(row["rule"], row["cause"], row["colour"], row["reason"])


@dataclass(frozen=True)
class RuleSet:
    version: int
    monitoring_line: int
    rules: tuple[Rule, ...]

    def judge(self, ind: Indicators, line: int | None = None) -> tuple[str, tuple[Cause, ...]]:
        """The household's colour (the worst of the rules it meets; 绿 for none) and every cause, worst first."""
        line = self.monitoring_line if line is None else line
        causes = [Cause(r.id, r.cause, r.colour, r.explain(ind, line)) for r in self.rules if r.matches(ind, line)]
        causes.sort(key=lambda c: -SEVERITY[c.colour])
        return (causes[0].colour if causes else GREEN), tuple(causes)

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "monitoring_line": self.monitoring_line, "rules": [
            {"id": r.id, "cause": r.cause, "colour": r.colour, "reason": r.reason,
             "when": [{"check": t.check} if t.check else {"field": t.field, "op": t.op, "value": t.value}
                      for t in r.when]} for r in self.rules]}


def worst(*colours: str) -> str:
    return max(colours, key=SEVERITY.__getitem__, default=GREEN)


@cache
def default_rules() -> RuleSet:
    """The shipped rules (resources/monitoring_rules.json), used until a county imports its own."""
    return parse(json.loads(resource_path("monitoring_rules.json").read_text(encoding="utf-8")))


def parse(data: Any) -> RuleSet:
    """A rule set from its JSON form, refusing (RuleViolation) anything the rules cannot mean."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleViolation("监测规则文件格式不对：应是含有“rules”列表的 JSON 对象。")
    line = data.get("monitoring_line")
    if not isinstance(line, int) or isinstance(line, bool) or line < 0:
        raise RuleViolation("监测规则文件的“monitoring_line”（监测线）应是不小于 0 的整数（元）。")
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        raise RuleViolation("监测规则文件的“version”应是整数。")
    rules = [_rule(n, item) for n, item in enumerate(data["rules"], 1)]
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise RuleViolation("监测规则的 id 有重复，请让每条规则的 id 各不相同。")
    return RuleSet(version, line, tuple(rules))


def _rule(n: int, item: Any) -> Rule:
    where = f"第 {n} 条监测规则"
    if not isinstance(item, dict):
        raise RuleViolation(f"{where}应是 JSON 对象。")
    rule_id, cause, colour, reason = (item.get(k) for k in ("id", "cause", "colour", "reason"))
    if not (isinstance(rule_id, str) and re.fullmatch(r"[a-z0-9_]{1,40}", rule_id)):
        raise RuleViolation(f"{where}的 id 应由小写字母、数字和下划线组成（不超过 40 个）。")
    where = f"监测规则“{rule_id}”"
    if not (isinstance(cause, str) and 0 < len(cause.strip()) <= 40):
        raise RuleViolation(f"{where}缺少原因类别（cause，不超过 40 字）。")
    if colour not in (RED, YELLOW):
        raise RuleViolation(f"{where}的颜色应为“红”或“黄”。")
    if not (isinstance(reason, str) and reason.strip()):
        raise RuleViolation(f"{where}缺少原因说明（reason）。")
    when = item.get("when")
    if not isinstance(when, list) or not when:
        raise RuleViolation(f"{where}缺少条件（when），应是至少含一个条件的列表。")
    return Rule(rule_id, cause.strip(), colour, tuple(_test(where, t) for t in when), reason.strip())


def _test(where: str, item: Any) -> Test:
    if isinstance(item, dict) and set(item) == {"check"}:
        if item["check"] not in CHECKS:
            raise RuleViolation(f"{where}的检查“{item['check']}”不存在，可用：{'、'.join(CHECKS)}。")
        return Test(check=item["check"])
    if not isinstance(item, dict) or set(item) != {"field", "op", "value"}:
        raise RuleViolation(f"{where}的条件应为 {{\"field\", \"op\", \"value\"}} 或 {{\"check\"}}。")
    if item["field"] not in FIELDS:
        raise RuleViolation(f"{where}的指标“{item['field']}”不存在，可用：{'、'.join(sorted(FIELDS))}。")
    if item["op"] not in OPS:
        raise RuleViolation(f"{where}的比较“{item['op']}”无效，可用：{' '.join(OPS)}。")
    value = item["value"]
    if not isinstance(value, int | str | bool) or (isinstance(value, str) and value.startswith("$") and value != LINE):
        raise RuleViolation(f"{where}的比较值应是数字、文字、true/false 或 {LINE}。")
    return Test(item["field"], item["op"], value)


def _shown(value: Any) -> str:
    """A value as a reason shows it: 5200 as 5,200, yes/no in words."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)

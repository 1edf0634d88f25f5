"""The configurable side of the case workflow, read from code tables: who may do what (case_role), the
handling levels (case_level), the departments of each level (department) and the deadline of each urgency
(case_urgency). Kept in one immutable object so tests and other counties can pass their own."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from gridapp import codes


@dataclass(frozen=True)
class RoleRule:
    label: str
    actions: frozenset[str]
    supervisor: bool  # may order 督办 before the deadline has passed


@dataclass(frozen=True)
class WorkflowRules:
    deadline_days: dict[str, float]  # urgency label -> days from 受理 (or from a reopening)
    levels: tuple[str, ...]  # handling levels, lowest first
    needs_department: frozenset[str]  # levels where a department must be named
    departments: dict[str, str]  # department label -> its level
    roles: dict[str, RoleRule]  # role label or alias -> rule

    def role(self, name: str) -> RoleRule | None:
        return self.roles.get(name.strip())

    def departments_for(self, level: str) -> tuple[str, ...]:
        """Departments to offer once a level is chosen, in table order."""
        return tuple(d for d, lv in self.departments.items() if lv == level)

    def rank(self, level: str) -> int:
        """Position of a level (0 = 网格自办); -1 for none, so any level is higher than no level."""
        return self.levels.index(level) if level in self.levels else -1


@cache
def default_rules() -> WorkflowRules:
    levels = codes.items("case_level")
    level_label = {item.code: item.label for item in levels}
    roles: dict[str, RoleRule] = {}
    for item in codes.items("case_role"):
        rule = RoleRule(item.label, frozenset(item.extra["actions"]), bool(item.extra["supervisor"]))
        for name in (item.label, *item.aliases):
            roles[name] = rule
    return WorkflowRules(
        deadline_days={item.label: float(item.extra["deadline_days"]) for item in codes.items("case_urgency")},
        levels=tuple(item.label for item in levels),
        needs_department=frozenset(item.label for item in levels if item.extra["needs_department"]),
        departments={item.label: level_label[item.extra["level"]] for item in codes.items("department")},
        roles=roles,
    )

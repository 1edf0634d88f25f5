"""Due-visit rules (resources/codes/visit_rules.json): which households and persons must be visited how often.

A rule picks households by monitoring colour or persons by special-group tag and gives an interval in days
or calendar months. A target is due ``interval`` after its last visit, or after it came under the rule
(registration, or the tag being recorded) if it was never visited; with several rules the earliest wins.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from gridapp import codes

TARGETS = ("household", "person")


@dataclass(frozen=True)
class VisitRule:
    code: str
    label: str
    target: str
    interval_days: int = 0
    interval_months: int = 0
    colours: frozenset[str] = frozenset()  # household rules: empty means every household
    categories: frozenset[str] | None = None  # person rules: special-group codes; None means any tag

    def due(self, last: date | None, since: date) -> date:
        return add_months(last or since, self.interval_months) + timedelta(days=self.interval_days)

    def latest_start(self, by: date) -> date:
        """The latest last visit (or start) that makes this rule due by ``by``: ``due`` never decreases, so
        ``due(start) <= by`` is ``start <= latest_start(by)``, a plain comparison a query can make."""
        start = add_months(by - timedelta(days=self.interval_days), -self.interval_months)
        while self.due(None, start + timedelta(days=1)) <= by:  # month ends: 29-31 January + 1 month all give 28 February
            start += timedelta(days=1)
        return start

    def covers_household(self, colour: str) -> bool:
        return self.target == "household" and (not self.colours or colour in self.colours)

    def covers_person(self, categories: set[str]) -> bool:
        return self.target == "person" and bool(categories) and (
            self.categories is None or bool(categories & self.categories))


@cache  # the due list asks for the same few hundred days over and over
def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day: 31 January + 1 month is 28 or 29 February."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@cache
def visit_rules() -> tuple[VisitRule, ...]:
    """The configured rules, checked on load so a bad data file fails loudly."""
    rules = []
    for item in codes.items("visit_rules"):
        extra = item.extra
        categories = None
        if "groups" in extra or "categories" in extra:
            groups = set(extra.get("groups", ()))
            categories = frozenset(extra.get("categories", ())) | {
                g.code for g in codes.special_groups() if g.group in groups}
        rule = VisitRule(item.code, item.label, extra["target"], int(extra.get("interval_days", 0)),
                         int(extra.get("interval_months", 0)), frozenset(extra.get("colours", ())), categories)
        if rule.target not in TARGETS or rule.interval_days + rule.interval_months <= 0:
            raise ValueError(f"走访规则「{item.label}」定义有误：对象应为 {TARGETS} 之一，周期应大于 0")
        rules.append(rule)
    return tuple(rules)


def earliest(rules: Sequence[VisitRule], last: date | None, since: date) -> tuple[VisitRule, date] | None:
    """The rule that makes the target due first, with that date."""
    best = None
    for rule in rules:
        day = rule.due(last, since)
        if best is None or day < best[1]:
            best = (rule, day)
    return best

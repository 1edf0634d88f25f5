"""The 红黄绿 indicators of a household and its members — income, drinking water, medical insurance, schooling —
drawn so that the monitoring rules find some households below the line, a few uninsured members and children
out of school (the house's C/D rating is drawn with the house). Now and then a grid worker's own judgement
(人工认定) overrides the rules, with its reason.

The colour itself is the rules' business (gridapp.monitoring): the households are judged once at the end of
the demo. The colour set here is only a first guess from the same rules, so that the visits drawn before that
judgement go to the households that will turn out red or yellow.
"""

from __future__ import annotations

import random
from functools import cache

from gridapp import codes
from gridapp.demo import names
from gridapp.demo.homes import Home
from gridapp.demo.tags import Categories
from gridapp.monitoring.rules import Indicators, RuleSet, default_rules

POOR = ("subsistence_allowance", "extreme_poverty")  # 低保, 特困: incomes around the line
SCHOOL_AGES = range(6, 16)  # 义务教育
NOT_SURVEYED = 0.03  # households whose income the survey has not reached yet
UNINSURED = 0.004
OUT_OF_SCHOOL = 0.004
UNSAFE_WATER = 0.012
LOW_INCOME = 0.012  # ordinary households that fall below the line (illness, a lost job …)


def indicators(rng: random.Random, home: Home, categories: Categories) -> None:
    """Set the household row's and its members' indicators, a rare 人工认定, and the rules' first guess."""
    row = home.row
    row["income_per_capita"] = None if rng.random() < NOT_SURVEYED else _income(rng, categories)
    row["drinking_water_safe"] = rng.random() >= UNSAFE_WATER
    for member in home.members:
        member.row["medical_insured"] = rng.random() >= UNINSURED
        member.row["schooling"] = "" if member.age not in SCHOOL_AGES else (
            "失学" if rng.random() < OUT_OF_SCHOOL else "在校")
    roll = rng.random()
    if roll < 0.001:
        row["colour_override"], row["colour_override_reason"] = "红", rng.choice(names.RED_REASONS)
    elif roll < 0.01:
        row["colour_override"], row["colour_override_reason"] = "黄", rng.choice(names.YELLOW_REASONS)
    rules = _rules()
    guess, _causes = rules.judge(_indicators(home))
    row["colour"] = row.get("colour_override") or guess


def _income(rng: random.Random, categories: Categories) -> int:
    """元 a year per person, in hundreds: the poor around the line, the monitored just above it, most well above."""
    if any(c in categories for c in POOR):
        return rng.randrange(3000, 7600, 100)
    if categories.get("monitored", {}).get("risk_eliminated") == "未消除":
        return rng.randrange(4800, 7000, 100)
    if "poverty_alleviated" in categories:
        return rng.randrange(6500, 14000, 100)
    if rng.random() < LOW_INCOME:
        return rng.randrange(4000, 6000, 100)
    return rng.randrange(8000, 42000, 100)


def _indicators(home: Home) -> Indicators:
    rating = codes.match("safety_rating", home.house["safety_rating"] or "")
    members = [m.row for m in home.members]
    return Indicators(income_per_capita=home.row["income_per_capita"],
                      uninsured_members=sum(m["medical_insured"] is False for m in members),
                      out_of_school_children=sum(m["schooling"] == "失学" for m in members),
                      house_safety=rating.code if rating else "", drinking_water_safe=home.row["drinking_water_safe"])


@cache
def _rules() -> RuleSet:
    return default_rules()

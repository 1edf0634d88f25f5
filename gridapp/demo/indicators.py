"""The 红黄绿 indicators of a household and its members — income, drinking water, medical insurance, schooling —
drawn so that the monitoring rules find some households below the line, a few uninsured members and children
out of school (the house's C/D rating is drawn with the house); and the grid worker's own judgement (人工认定)
where the rules see nothing: a member under 社区矫正, a drug user, a key petitioner, a family quarrel.

The indicators come from a generator of their own, seeded by the household's id, so the demo's main stream —
and with it every person, tag and case other tests count on — stays as it was when colours were typed.
The colour itself is the rules' business (gridapp.monitoring), judged once at the end of the demo; the one set
here is a first guess from the same rules, so the visits drawn before that go to the households concerned.
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
    """Set the household's and its members' indicators, a 人工认定 where the worker sees a risk, and the rules'
    first guess at the colour."""
    own = random.Random(home.row["id"])
    row = home.row
    row["income_per_capita"] = None if own.random() < NOT_SURVEYED else _income(own, categories)
    row["drinking_water_safe"] = own.random() >= UNSAFE_WATER
    for member in home.members:
        member.row["medical_insured"] = own.random() >= UNINSURED
        member.row["schooling"] = "" if member.age not in SCHOOL_AGES else (
            "失学" if own.random() < OUT_OF_SCHOOL else "在校")
    colour, reason = _judgement(rng, home, categories)
    row["colour_override"], row["colour_override_reason"] = colour, reason
    guess, _causes = _rules().judge(_indicators(home))
    row["colour"] = colour or guess


def _judgement(rng: random.Random, home: Home, categories: Categories) -> tuple[str, str]:
    """The grid worker's 人工认定 (colour, reason) or ("", ""). It draws from the main stream exactly what the
    typed colours of earlier demos drew, so everything drawn after it is unchanged."""
    red: list[str] = []
    rated = home.house["safety_rating"]
    flagged = rated == "C级（局部危险）" and rng.random() < 0.2  # once a yellow reason, now the rules' business
    for category, reason in (("community_correction", "户内有社区矫正对象"), ("drug_user", "户内有吸毒人员"),
                             ("key_petitioner", "户内有重点上访人员")):
        if category in categories:
            red.append(reason)
    if categories.get("mental_disorder", {}).get("risk_level") in ("3级", "4级", "5级"):
        red.append("户内有3级以上风险严重精神障碍患者")
    roll = rng.random()
    if not red and rated != "D级（危房）" and roll < 0.001:
        red.append(rng.choice(names.RED_REASONS))
    if red:
        return "红", "；".join(red)
    if rated != "D级（危房）" and roll < 0.025 and not flagged and not _yellow(home, categories):
        return "黄", rng.choice(names.YELLOW_REASONS)
    return "", ""


def _yellow(home: Home, categories: Categories) -> bool:
    """Whether earlier demos found a yellow reason of their own here (then they drew no reason at random)."""
    return ("mental_disorder" in categories or "released_prisoner" in categories
            or categories.get("monitored", {}).get("risk_eliminated") == "未消除"
            or ("elderly_alone" in categories and home.head.age >= 80))


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

"""The 红黄绿 colour of a household: red or yellow for what its house and its members' tags show, and now
and then for a reason only the grid worker knows."""

from __future__ import annotations

import random

from gridapp.demo import names
from gridapp.demo.homes import Home
from gridapp.demo.tags import Categories


def colour(rng: random.Random, home: Home, categories: Categories) -> None:
    """Set the household row's colour from its house and the ``categories`` its members were tagged with."""
    red: list[str] = []
    yellow: list[str] = []
    if home.house["safety_rating"] == "D级（危房）":
        red.append("居住房屋为D级危房")
    if home.house["safety_rating"] == "C级（局部危险）" and rng.random() < 0.2:
        yellow.append("房屋局部危险")
    if "community_correction" in categories:
        red.append("户内有社区矫正对象")
    if "drug_user" in categories:
        red.append("户内有吸毒人员")
    if "key_petitioner" in categories:
        red.append("户内有重点上访人员")
    if "mental_disorder" in categories:
        if categories["mental_disorder"]["risk_level"] in ("3级", "4级", "5级"):
            red.append("户内有3级以上风险严重精神障碍患者")
        else:
            yellow.append("户内有严重精神障碍患者")
    if "released_prisoner" in categories:
        yellow.append("户内有刑满释放人员")
    if categories.get("monitored", {}).get("risk_eliminated") == "未消除":
        yellow.append("防返贫监测对象，风险未消除")
    if "elderly_alone" in categories and home.head.age >= 80:
        yellow.append("高龄独居老人")
    roll = rng.random()
    if not red and roll < 0.001:
        red.append(rng.choice(names.RED_REASONS))
    if red:
        home.row["colour"], home.row["colour_reason"] = "红", "；".join(red)
    elif (yellow and roll < 0.6) or roll < 0.025:
        home.row["colour"] = "黄"
        home.row["colour_reason"] = "；".join(yellow) or rng.choice(names.YELLOW_REASONS)

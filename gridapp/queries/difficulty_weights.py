"""The weights of the grid difficulty score (resources/difficulty_weights.json), as data a county may edit; a copy
stored in the database's settings (key ``difficulty_weights``) wins over the file, so it travels with the data."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridapp.errors import RuleViolation
from gridapp.models import Setting
from gridapp.resources import resource_path

SETTING_KEY = "difficulty_weights"
# The measures the score knows how to count; the weights file names which of them count and how much.
MEASURES = ("households", "floating", "rented_houses", "places", "nine_small", "special_groups", "red", "yellow",
            "cases")


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    weight: float


@dataclass(frozen=True)
class DifficultyWeights:
    parts: tuple[Part, ...]
    case_days: int  # cases accepted within this many days before today count
    points_per_worker: float  # one worker for every so many points …
    min_workers: int  # … and never fewer than this

    def suggested_workers(self, score: float) -> int:
        return max(self.min_workers, math.ceil(score / self.points_per_worker))

    def describe(self) -> str:
        """权重：住户×1，流动人口×2 …；每600分配1名网格员 — printed under the ledger's title."""
        weights = "，".join(f"{p.label}×{p.weight:g}" for p in self.parts)
        return (f"权重：{weights}（事件计最近{self.case_days}天受理的）；每{self.points_per_worker:g}分建议配备1名网格员，"
                f"每个网格至少{self.min_workers}名")


def parse(data: dict[str, Any]) -> DifficultyWeights:
    """The weights from their JSON form, refused in Chinese when a county's edit broke them."""
    try:
        parts = tuple(Part(str(p["key"]), str(p["label"]), float(p["weight"])) for p in data["parts"])
        weights = DifficultyWeights(parts, int(data.get("case_days", 365)), float(data["points_per_worker"]),
                                    int(data.get("min_workers", 1)))
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleViolation(f"网格难度权重的设置不完整或格式有误（{exc}），请按 difficulty_weights.json 的格式修改。") from exc
    unknown = [p.key for p in parts if p.key not in MEASURES]
    if unknown:
        raise RuleViolation(f"网格难度权重中的“{'、'.join(unknown)}”无法统计，可用的有：{'、'.join(MEASURES)}。")
    if weights.points_per_worker <= 0 or weights.min_workers < 0 or any(p.weight < 0 for p in parts):
        raise RuleViolation("网格难度权重不能为负数，每名网格员对应的分值应大于 0，请修改后再试。")
    return weights


def default_weights() -> DifficultyWeights:
    return parse(json.loads(resource_path("difficulty_weights.json").read_text(encoding="utf-8")))


def weights_of(s: Session) -> DifficultyWeights:
    """The database's stored copy if there is one, else the shipped file."""
    stored = s.scalar(select(Setting.value).where(Setting.key == SETTING_KEY))
    if not stored:
        return default_weights()
    try:
        return parse(json.loads(stored))
    except json.JSONDecodeError as exc:
        raise RuleViolation("数据库中保存的网格难度权重不是有效的 JSON，请重新保存权重设置。") from exc

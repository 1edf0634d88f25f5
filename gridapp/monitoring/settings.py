"""The county's rules and monitoring line, kept in the database's settings (the shipped file until edited)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from gridapp.models import Setting
from gridapp.monitoring.rules import RuleSet, default_rules, parse

RULES_KEY = "monitoring.rules"
LINE_KEY = "monitoring.line"


@dataclass(frozen=True)
class Config:
    rules: RuleSet
    line: int  # 元 a year per person
    edited: bool  # the county's own copy of the rules rather than the shipped one


def config(s: Session) -> Config:
    stored = s.get(Setting, RULES_KEY)
    rules = parse(json.loads(stored.value)) if stored else default_rules()
    line = s.get(Setting, LINE_KEY)
    return Config(rules, int(line.value) if line else rules.monitoring_line, stored is not None)


def store(s: Session, key: str, value: str) -> None:
    row = s.get(Setting, key) or Setting(key=key)
    row.value = value
    s.add(row)


def store_rules(s: Session, rules: RuleSet) -> None:
    store(s, RULES_KEY, json.dumps(rules.to_json(), ensure_ascii=False))

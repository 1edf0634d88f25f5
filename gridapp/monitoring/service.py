"""The monitoring's use cases (``ws.monitoring``): a manual colour, the county's line and rules, recomputing.

Saving a household page, a member, a house, a visit or a case needs nothing here: the write's own hook judges
the households it touched (Workspace.write → gridapp.monitoring.recolour).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gridapp import access
from gridapp.changes import Outcome
from gridapp.dto import Actor
from gridapp.errors import RuleViolation
from gridapp.models import Household
from gridapp.monitoring import settings
from gridapp.monitoring.recolour import recolour
from gridapp.monitoring.rules import RuleSet, parse
from gridapp.services.cases import now_of
from gridapp.services.common import live
from gridapp.services.households import override_columns
from gridapp.text_files import read_text


class MonitoringService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def set_override(self, actor: Actor, household_id: str, colour: str, reason: str = "") -> Outcome:
        """人工认定: a colour a person decided, with the reason; an empty colour hands it back to the rules."""
        with self.ws.write(actor) as tx:
            household = live(tx.session, Household, household_id, "住户")
            for key, value in override_columns(colour, reason).items():
                setattr(household, key, value)
        return Outcome(tx.changes, household_id)

    def set_line(self, actor: Actor, line: int) -> Outcome:
        """The county's monitoring line (元 a year per person); every household is judged again."""
        access.require(actor, "settings")
        if line < 0:
            raise RuleViolation("监测线不能小于 0 元。")
        with self.ws.write(actor, "正在重新计算监测颜色…") as tx:
            settings.store(tx.session, settings.LINE_KEY, str(line))
            recolour(tx.session, self.ws, actor, None, now_of(self.ws))
        return Outcome(tx.changes)

    def import_rules(self, actor: Actor, path: Path) -> Outcome:
        """A county's edited rules from a JSON file, checked whole before anything changes."""
        access.require(actor, "settings")
        try:
            data = json.loads(read_text(path))
        except OSError as exc:
            raise RuleViolation(f"无法读取监测规则文件“{path}”：{exc.strerror or exc}") from None
        except ValueError as exc:
            raise RuleViolation(f"监测规则文件“{path}”不是有效的 JSON：{exc}。") from None
        return self.set_rules(actor, parse(data))

    def set_rules(self, actor: Actor, rules: RuleSet) -> Outcome:
        access.require(actor, "settings")
        with self.ws.write(actor, "正在重新计算监测颜色…") as tx:
            settings.store_rules(tx.session, rules)
            recolour(tx.session, self.ws, actor, None, now_of(self.ws))
        return Outcome(tx.changes)

    def export_rules(self, path: Path) -> None:
        """The rules in force (the county's copy, or the shipped ones) as an editable JSON file."""
        with self.ws.read() as s:
            rules = settings.config(s).rules
        Path(path).write_text(json.dumps(rules.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def recompute(self, actor: Actor) -> Outcome:
        """Judge every household again (after time passed: visits fall due, cases overdue); returns the count."""
        with self.ws.write(actor, "正在重新计算监测颜色…") as tx:
            changed = recolour(tx.session, self.ws, actor, None, now_of(self.ws))
        return Outcome(tx.changes, str(changed))

    def line(self) -> int:
        with self.ws.read() as s:
            return settings.config(s).line

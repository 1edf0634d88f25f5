"""Applying the rules inside a write: the household's colour and reasons, its history, and its 预警.

``recolour`` is the one path every change takes — a household page saved, a member's tag, a house's rating,
a visit, a case, an import, an override, a rule change — so the stored colour can always be trusted.
Households whose judgement is unchanged are not touched (not even read as objects), which keeps a county-wide
recomputation to a few grouped queries plus the households that really change.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridapp.dto import Actor
from gridapp.models import Case, CaseLink, ColourChange, Household, Person, PersonTag, Visit
from gridapp.monitoring import settings, warnings
from gridapp.monitoring.indicators import Stored, gather
from gridapp.monitoring.rules import GREEN, Cause

MANUAL = "人工认定"
JUDGED = "monitoring.judged"  # session.info: the households judged in this transaction (ALL: every one)
ALL = "all"
REASON_WIDTH = 200


def recolour(s: Session, ws: Any, actor: Actor, ids: Collection[str] | None, now: datetime) -> int:
    """Judge the households ``ids`` (every one for None) again and store what changed; returns how many did."""
    if ids is not None and not ids:
        return 0
    config = settings.config(s)
    found = gather(s, ids, now.date(), now)  # ``now`` is on the workspace's calendar (now_of)
    opened = warnings.open_by_household(s, None if ids is None else list(found))
    changed = 0
    for hid, (stored, indicators) in sorted(found.items()):  # case numbers in a repeatable order
        computed, causes = config.rules.judge(indicators, config.line)
        target = _target(stored, computed, causes)
        wanted = _warned(stored, causes)
        if target != _current(stored) or set(wanted) != set(opened.get(hid, {})):
            household = s.get(Household, hid)
            _store(s, household, stored, target, actor, now)
            warnings.follow(s, ws, household, wanted, opened.get(hid, {}), now)
            changed += 1
    judged = s.info.setdefault(JUDGED, set())
    judged.update([ALL] if ids is None else found)
    return changed


def _target(stored: Stored, computed: str, causes: tuple[Cause, ...]) -> dict[str, Any]:
    """The household's monitoring columns as the judgement and the override make them."""
    overridden = bool(stored.colour_override)
    reason = f"{MANUAL}：{stored.colour_override_reason}" if overridden else "；".join(c.reason for c in causes)
    return {"colour_computed": computed, "colour_causes": [c.as_dict() for c in causes],
            "colour": stored.colour_override or computed, "colour_reason": _clip(reason)}


def _current(stored: Stored) -> dict[str, Any]:
    return {"colour_computed": stored.colour_computed, "colour_causes": stored.colour_causes,
            "colour": stored.colour, "colour_reason": stored.colour_reason}


def _warned(stored: Stored, causes: tuple[Cause, ...]) -> dict[str, Cause]:
    """The causes that should have an open 预警: those the rules found. A person's 绿 sets them aside (the reason
    is on record); a person's 红 or 黄 raises none, as no rule says what would resolve it."""
    return {} if stored.colour_override == GREEN else {c.rule_id: c for c in causes}


def _store(s: Session, household: Household, stored: Stored, target: dict[str, Any], actor: Actor,
           now: datetime) -> None:
    for key, value in target.items():
        if getattr(household, key) != value:
            setattr(household, key, value)
    if target["colour"] != stored.colour:
        s.add(ColourChange(household_id=household.id, grid_id=household.grid_id, from_colour=stored.colour,
                           to_colour=target["colour"], reasons=target["colour_reason"],
                           manual=bool(stored.colour_override), actor_name=actor.name, at=now))


def _clip(text: str) -> str:
    return text if len(text) <= REASON_WIDTH else text[:REASON_WIDTH - 1] + "…"


def households_touched(s: Session, records: dict[str, set[str]]) -> set[str]:
    """The households whose indicators the records written in a transaction may have changed, less those the
    transaction has judged already (a rule change judged all; a 预警's case names its household)."""
    judged = s.info.get(JUDGED, set())
    if ALL in judged:
        return set()
    found = set(records.get("households", ()))
    lookups = (
        ("persons", select(Person.household_id).where(Person.id.in_(records.get("persons", ())))),
        ("person_tags", select(Person.household_id).join(PersonTag, PersonTag.person_id == Person.id)
         .where(PersonTag.id.in_(records.get("person_tags", ())))),
        ("houses", select(Household.id).where(Household.house_id.in_(records.get("houses", ())))),
        ("visits", select(Visit.household_id).where(Visit.id.in_(records.get("visits", ())))),
        ("case_links", select(CaseLink.target_id).where(CaseLink.id.in_(records.get("case_links", ())),
                                                        CaseLink.target_kind == "household")),
        ("cases", select(CaseLink.target_id).join(Case, Case.id == CaseLink.case_id)
         .where(Case.id.in_(records.get("cases", ())), CaseLink.target_kind == "household")),
    )
    for table, query in lookups:
        if records.get(table):
            found.update(i for i in s.scalars(query) if i)
    return found - judged


"""Settling what a merge could not decide alone. Every settlement that changes a record is a normal stamped
write, so it travels to the other offices like any edit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import object_session

from gridapp import access
from gridapp.changes import Outcome
from gridapp.dto import Actor
from gridapp.errors import NotFound, RuleViolation
from gridapp.models import (
    CaseLink,
    Household,
    PartyCenter,
    Person,
    PersonMove,
    PersonTag,
    SyncConflict,
    SyncDuplicate,
    Visit,
)
from gridapp.models.base import utcnow
from gridapp.services.audit import add_entry
from gridapp.services.common import live
from gridapp.services.people_rules import is_head
from gridapp.sync.tables import STAMP_COLUMNS, decode_value, encode_value, model, table


def resolve_conflict(ws: Any, actor: Actor, conflict_id: int, values: dict[str, Any]) -> Outcome:
    access.require(actor, "sync")
    with ws.write(actor) as tx:
        s = tx.session
        conflict = _open(s, SyncConflict, conflict_id, "冲突")
        tbl = table(conflict.table_name)
        unknown = set(values) - set(tbl.c.keys()) | (set(values) & {*STAMP_COLUMNS, "id"})
        if unknown:
            raise RuleViolation(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
        record = s.get(model(conflict.table_name), conflict.record_id)
        if record is None:
            raise NotFound("冲突涉及的记录已不在本数据库中。")
        for key, value in values.items():
            setattr(record, key, decode_value(tbl, key, value))
        conflict.resolution = _resolution(conflict, values)
        _close(conflict, actor, "resolved")
    return Outcome(tx.changes, conflict.record_id)


def _resolution(conflict: SyncConflict, values: dict[str, Any]) -> str:
    """kept (nothing written), lost (the other version taken whole) or combined (a mix of the two)."""
    lost, kept = conflict.lost_values, conflict.kept_values
    differing = {k for k, v in lost.items() if k not in (*STAMP_COLUMNS, "id") and kept.get(k) != v}
    if not values:
        return "kept"
    takes_lost = all(lost.get(k) == encode_value(v) for k, v in values.items()) and differing <= values.keys()
    return "lost" if takes_lost else "combined"


def dismiss_duplicate(ws: Any, actor: Actor, duplicate_id: int) -> Outcome:
    access.require(actor, "sync")
    with ws.write(actor) as tx:
        _close(_open(tx.session, SyncDuplicate, duplicate_id, "重复人员记录"), actor, "dismissed")
    return Outcome(tx.changes)


def merge_duplicate(ws: Any, actor: Actor, duplicate_id: int, keep_person_id: str) -> Outcome:
    """Keep one record and retire the other the way the recycle bin would, with everything that pointed at the
    retired record pointing at the kept one — one stamped transaction, so the merge syncs like any edit."""
    access.require(actor, "sync")
    with ws.write(actor) as tx:
        s = tx.session
        dup = _open(s, SyncDuplicate, duplicate_id, "重复人员记录")
        if keep_person_id not in (dup.person_a, dup.person_b):
            raise RuleViolation("要保留的人员不属于这条重复记录。")
        keep = live(s, Person, keep_person_id, "人员")
        other = live(s, Person, dup.person_b if keep_person_id == dup.person_a else dup.person_a, "人员")
        housemates = s.scalars(select(Person.id).where(
            Person.household_id == other.household_id, Person.id != other.id, ~Person.deleted)).all()
        if is_head(other.relation) and housemates:
            raise RuleViolation(f"要并掉的“{other.name}”是所在住户的户主，请先为该户指定新户主，再合并。")
        _move_tags(s, other.id, keep.id)
        _repoint(s, other.id, keep.id)
        other.deleted = True
        if not housemates:  # like a move-out: a household whose last member is gone is retired with them
            household = s.get(Household, other.household_id)
            household.deleted = True
            household.notes = (household.notes + f"\n成员{other.name}已与重复记录合并。").strip()
        for each in s.scalars(select(SyncDuplicate).where(
                SyncDuplicate.status == "open", (SyncDuplicate.person_a == other.id) | (SyncDuplicate.person_b == other.id))):
            _close(each, actor, "merged")
    return Outcome(tx.changes, keep.id)


def _move_tags(s: Any, from_id: str, to_id: str) -> None:
    """Tags move over, except a category the kept person already has (a person holds each category once)."""
    held = set(s.scalars(select(PersonTag.category).where(PersonTag.person_id == to_id, ~PersonTag.deleted)))
    for tag in s.scalars(select(PersonTag).where(PersonTag.person_id == from_id, ~PersonTag.deleted)):
        if tag.category not in held:
            held.add(tag.category)
            tag.person_id = to_id


def _repoint(s: Any, from_id: str, to_id: str) -> None:
    """Moves, visits, case links and 党员中心户 members of the retired record now name the kept one."""
    for move in s.scalars(select(PersonMove).where(PersonMove.person_id == from_id)):
        move.person_id = to_id
    for visit in s.scalars(select(Visit).where(Visit.target_kind == "person", Visit.target_id == from_id)):
        visit.target_id = to_id
    for centre in s.scalars(select(PartyCenter).where(PartyCenter.member_id == from_id)):
        centre.member_id = to_id
    linked = set(s.scalars(select(CaseLink.case_id).where(
        CaseLink.target_kind == "person", CaseLink.target_id == to_id, ~CaseLink.deleted)))
    for link in s.scalars(select(CaseLink).where(CaseLink.target_kind == "person", CaseLink.target_id == from_id,
                                                 ~CaseLink.deleted)):
        if link.case_id in linked:
            link.deleted = True  # the case already names the kept person
        else:
            link.target_id = to_id


def _open(s: Any, model_: Any, record_id: int, what: str) -> Any:
    row = s.get(model_, record_id)
    if row is None:
        raise NotFound(f"找不到该{what}。")
    if row.status != "open":
        raise RuleViolation(f"该{what}已经处理过了。")
    return row


def _close(row: Any, actor: Actor, state: str) -> None:
    """Settle a conflict or duplicate; the audit log notes who did (action ``sync_resolved``, ``sync_merged`` …)."""
    row.status = state
    row.resolved_by = actor.name
    row.resolved_at = utcnow()
    add_entry(object_session(row), actor.name, f"sync_{state}", row.__tablename__, str(row.id),
              {"resolution": row.resolution} if isinstance(row, SyncConflict) else {})

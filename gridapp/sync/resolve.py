"""Settling what a merge could not decide alone. Every settlement that changes a record is a normal stamped
write, so it travels to the other offices like any edit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from gridapp.changes import Outcome
from gridapp.dto import Actor
from gridapp.errors import NotFound, RuleViolation
from gridapp.models import Person, PersonTag, SyncConflict, SyncDuplicate
from gridapp.models.base import utcnow
from gridapp.services.common import live
from gridapp.sync.tables import STAMP_COLUMNS, decode_value, model, table


def resolve_conflict(ws: Any, actor: Actor, conflict_id: int, values: dict[str, Any]) -> Outcome:
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
    takes_lost = all(lost.get(k) == v for k, v in values.items()) and differing <= values.keys()
    return "lost" if takes_lost else "combined"


def dismiss_duplicate(ws: Any, actor: Actor, duplicate_id: int) -> Outcome:
    with ws.write(actor) as tx:
        _close(_open(tx.session, SyncDuplicate, duplicate_id, "重复人员记录"), actor, "dismissed")
    return Outcome(tx.changes)


def merge_duplicate(ws: Any, actor: Actor, duplicate_id: int, keep_person_id: str) -> Outcome:
    with ws.write(actor) as tx:
        s = tx.session
        dup = _open(s, SyncDuplicate, duplicate_id, "重复人员记录")
        if keep_person_id not in (dup.person_a, dup.person_b):
            raise RuleViolation("要保留的人员不属于这条重复记录。")
        keep = live(s, Person, keep_person_id, "人员")
        other = live(s, Person, dup.person_b if keep_person_id == dup.person_a else dup.person_a, "人员")
        for tag in s.scalars(select(PersonTag).where(PersonTag.person_id == other.id, ~PersonTag.deleted)):
            tag.person_id = keep.id
        other.deleted = True
        _close(dup, actor, "merged")
    return Outcome(tx.changes, keep.id)


def _open(s: Any, model_: Any, record_id: int, what: str) -> Any:
    row = s.get(model_, record_id)
    if row is None:
        raise NotFound(f"找不到该{what}。")
    if row.status != "open":
        raise RuleViolation(f"该{what}已经处理过了。")
    return row


def _close(row: Any, actor: Actor, state: str) -> None:
    row.status = state
    row.resolved_by = actor.name
    row.resolved_at = utcnow()

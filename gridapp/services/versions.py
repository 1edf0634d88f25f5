"""Optimistic concurrency: a form saves over the version it read, or not at all.

Every synced row's ``hlc`` is stamped by the flush hook on every write, so it is the record's version. A form's
DTO carries it (``version``), the save input carries it back, and ``guard`` compares it with the row inside the
write transaction. The comparison is a no-op ``UPDATE … WHERE id = :id AND hlc = :read``: it takes the row's lock
(PostgreSQL) or the database's write lock (SQLite) in the same statement that checks, so no other workstation can
save the record between the check and this transaction's commit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from gridapp.errors import Conflict
from gridapp.models import AuditEntry, Synced
from gridapp.models.base import utcnow

# "此户已被 张三 于 10:42 修改": how a record of each table is called in the refusal
RECORD_WORDS = {
    "households": "此户", "persons": "此人", "houses": "此房屋", "places": "此场所", "cases": "此事件",
    "visits": "此走访记录", "grid_nodes": "此网格", "grid_workers": "此网格员", "party_centers": "此党员中心户",
}

WRITES = ("create", "update", "delete", "restore")  # the audit actions that give a record a new version


def guard(session: Session, model: type[Synced], record_id: str, version: str | None) -> None:
    """Refuse (Conflict) a save over ``version`` when the record was saved since; None skips the check (a
    caller that did not read the record first, such as the command line)."""
    if version is None:
        return
    table = model.__table__  # type: ignore[attr-defined]
    locked = session.execute(update(table).where(table.c.id == record_id, table.c.hlc == version)
                             .values(hlc=table.c.hlc))
    if locked.rowcount == 0 and session.scalar(select(table.c.id).where(table.c.id == record_id)) is not None:
        raise Conflict(conflict_message(session, table.name, record_id))


def conflict_message(session: Session, table: str, record_id: str, now: datetime | None = None) -> str:
    """The refusal in words: who saved the record last and when (local time; the date when not today)."""
    entry = session.execute(select(AuditEntry.user_name, AuditEntry.at)
                            .where(AuditEntry.record_id == record_id, AuditEntry.action.in_(WRITES))
                            .order_by(AuditEntry.id.desc()).limit(1)).first()
    word = RECORD_WORDS.get(table, "此记录")
    if entry is None:
        return f"{word}已在别处被修改。请重新打开后再改。"
    local = entry.at.replace(tzinfo=UTC).astimezone()
    today = (now or datetime.now().astimezone()).date()
    when = f"{local:%H:%M}" if local.date() == today else f"{local.month}月{local.day}日 {local:%H:%M}"
    return f"{word}已被 {entry.user_name or '其他用户'} 于 {when} 修改。请重新打开后再改。"


def touch(obj: Any) -> None:
    """Give a record a new version although none of its own columns changed (a household whose members did)."""
    obj.updated_at = utcnow()

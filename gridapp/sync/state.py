"""This office's sync bookkeeping: its scope, its per-peer watermarks, the sequence of its packages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from gridapp.models import Office, Setting, SyncArrival, SyncHistory, SyncPeer

SCOPE_KEY = "sync.scope_grid_id"


def local_scope(db: Session | Connection) -> str | None:
    return db.scalar(select(Setting.value).where(Setting.key == SCOPE_KEY)) or None


def set_local_scope(s: Session, grid_id: str | None) -> None:
    row = s.get(Setting, SCOPE_KEY) or Setting(key=SCOPE_KEY)
    row.value = grid_id or ""
    s.add(row)


def peer(s: Session, office_id: str) -> SyncPeer:
    """The peer's row, created (all watermarks empty) the first time the office is met."""
    row = s.get(SyncPeer, office_id)
    if row is None:
        row = SyncPeer(office_id=office_id, sent_hlc="", acked_hlc="", received_hlc="", last_sent_seq=0,
                       last_received_seq=0)
        s.add(row)
    return row


def received_watermarks(s: Session) -> dict[str, str]:
    """Per office: we hold everything it had up to this watermark (every package carries this map)."""
    return {p.office_id: p.received_hlc for p in s.scalars(select(SyncPeer)) if p.received_hlc}


def latest_watermark(s: Session) -> str:
    """The newest watermark this office has handed out or stamped on an arrival: the clock must stay past it
    even after a restart (it is otherwise seeded from the records' stamps only)."""
    sent = s.scalar(select(func.max(SyncPeer.sent_hlc))) or ""
    arrived = s.scalar(select(func.max(SyncArrival.local_hlc))) or ""
    return max(sent, arrived)


def next_seq(s: Session) -> int:
    return (s.scalar(select(func.max(SyncHistory.seq)).where(SyncHistory.direction == "export")) or 0) + 1


def remember_office(s: Session, info: dict[str, Any]) -> None:
    """Learn (or refresh the name of) an office met through a package."""
    office = s.get(Office, info["id"])
    if office is None:
        s.add(Office(id=info["id"], name=info["name"], county_code=info["county_code"], is_local=False))
    elif not office.is_local:
        office.name = info["name"]


def office_names(conn: Connection | Session) -> dict[str, str]:
    return dict(conn.execute(select(Office.id, Office.name)).all())

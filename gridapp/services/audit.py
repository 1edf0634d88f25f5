"""The audit log beyond the changes the flush hook records: log-ins, ledgers, exports, prints, sync packages, and
a 查询 user's views of a person's full record. Entries are only ever added (database triggers refuse the rest)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from gridapp.dto import Actor
from gridapp.models import AuditEntry


def add_entry(s: Session, user_name: str, action: str, table: str = "", record_id: str = "",
              detail: dict[str, Any] | None = None) -> None:
    """One entry, inside the caller's transaction."""
    s.add(AuditEntry(user_name=user_name, action=action, table_name=table, record_id=record_id,
                     detail=detail or {}))


class AuditService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def record(self, actor: Actor, action: str, *, table: str = "", record_id: str = "",
               detail: dict[str, Any] | None = None) -> None:
        """Note something done that changes no record (a ledger printed, a package exported …), in its own
        short transaction."""
        with self.ws.write(actor) as tx:
            add_entry(tx.session, actor.name, action, table, record_id, detail)

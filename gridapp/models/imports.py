"""Local, unsynced record of imports (Excel and sync packages) and their undo journal: the prior version of
every row an import wrote, taken in the import's own transaction, so that a small import is undone row for
row instead of by restoring a copy of the whole database (see gridapp.sync.journal)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridapp.models.base import ID_LENGTH, Base, new_id, utcnow


class ImportRecord(Base):
    """One import: what kind, who, when, whether it is undone; ``journaled`` says it can be undone row for row
    (else only by restoring ``backup_path``, the copy taken before it)."""

    __tablename__ = "imports"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(8))  # sync / excel
    label: Mapped[str] = mapped_column(String(260), default="")
    user_name: Mapped[str] = mapped_column(String(50), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    state: Mapped[str] = mapped_column(String(8), default="applied")  # applied / undone
    journaled: Mapped[bool] = mapped_column(default=True)
    rows: Mapped[int] = mapped_column(default=0)  # rows journaled
    backup_path: Mapped[str] = mapped_column(Text, default="")
    undone_at: Mapped[datetime | None]
    undone_by: Mapped[str] = mapped_column(String(50), default="")


class ImportJournal(Base):
    """A row an import wrote: its key (a JSON list of the primary key's values), the row before (JSON, NULL when
    it did not exist) and the row the import left (to see whether anything touched it since)."""

    __tablename__ = "import_journal"
    __table_args__ = (Index("ix_import_journal_record", "table_name", "record_key"),)

    import_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    table_name: Mapped[str] = mapped_column(String(40))
    record_key: Mapped[str] = mapped_column(Text)
    prior: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)

"""Local, unsynced bookkeeping of USB sync: per-peer watermarks, the history of packages, conflicts kept for
review, duplicate persons, and when each imported record version arrived (see docs/sync-format.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gridapp.models.base import ID_LENGTH, Base, utcnow

HLC_LENGTH = 24


class SyncPeer(Base):
    """What this office and one peer office know of each other, as hybrid-clock watermarks.

    ``acked_hlc``: the peer holds everything we had up to this watermark (an incremental package starts after
    it). ``received_hlc``: we hold everything the peer had up to its watermark (sent back to it as its ack).
    """

    __tablename__ = "sync_peers"

    office_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    scope_grid_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    sent_hlc: Mapped[str] = mapped_column(String(HLC_LENGTH), default="")
    acked_hlc: Mapped[str] = mapped_column(String(HLC_LENGTH), default="")
    received_hlc: Mapped[str] = mapped_column(String(HLC_LENGTH), default="")
    last_sent_seq: Mapped[int] = mapped_column(default=0)
    last_sent_at: Mapped[datetime | None]
    last_received_seq: Mapped[int] = mapped_column(default=0)
    last_received_at: Mapped[datetime | None]


class SyncHistory(Base):
    """One package written or imported; ``package_id`` of imports is how "already imported" is recognised."""

    __tablename__ = "sync_history"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    package_id: Mapped[str] = mapped_column(String(ID_LENGTH), unique=True)
    direction: Mapped[str] = mapped_column(String(8))  # export / import
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_name: Mapped[str] = mapped_column(String(50), default="")
    file_name: Mapped[str] = mapped_column(String(260), default="")
    office_id: Mapped[str] = mapped_column(String(ID_LENGTH), default="")  # the other office
    seq: Mapped[int] = mapped_column(default=0)
    full: Mapped[bool] = mapped_column(default=False)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)  # table -> {new, updated, deleted, …}
    backup_path: Mapped[str] = mapped_column(Text, default="")


class SyncConflict(Base):
    """A concurrent edit: the version that lost the merge, kept with the one now in the database."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (UniqueConstraint("table_name", "record_id", "lost_hlc", "lost_office_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    kept_values: Mapped[dict] = mapped_column(JSON)
    kept_hlc: Mapped[str] = mapped_column(String(HLC_LENGTH))
    kept_office_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    lost_values: Mapped[dict] = mapped_column(JSON)
    lost_hlc: Mapped[str] = mapped_column(String(HLC_LENGTH))
    lost_office_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    lost_side: Mapped[str] = mapped_column(String(8))  # local / remote: which side lost here
    package_id: Mapped[str] = mapped_column(String(ID_LENGTH), default="")
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(8), default="open", index=True)  # open / resolved
    resolution: Mapped[str] = mapped_column(String(16), default="")
    resolved_by: Mapped[str] = mapped_column(String(50), default="")
    resolved_at: Mapped[datetime | None]


class SyncDuplicate(Base):
    """Two person records with the same ID number (registered in two offices): to merge or to dismiss."""

    __tablename__ = "sync_duplicates"
    __table_args__ = (UniqueConstraint("person_a", "person_b"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    person_a: Mapped[str] = mapped_column(String(ID_LENGTH))
    person_b: Mapped[str] = mapped_column(String(ID_LENGTH))
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)  # open / merged / dismissed
    resolved_by: Mapped[str] = mapped_column(String(50), default="")
    resolved_at: Mapped[datetime | None]


class SyncArrival(Base):
    """When (on this office's clock) an imported version of a record arrived, and the newest remote version
    seen for it: an incremental export also sends records that arrived after the peer's watermark even when
    their own hlc is older, and an older version from the same office is recognised as already built upon."""

    __tablename__ = "sync_arrivals"
    __table_args__ = (Index("ix_sync_arrivals_table_local", "table_name", "local_hlc"),)

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    local_hlc: Mapped[str] = mapped_column(String(HLC_LENGTH))
    seen_hlc: Mapped[str] = mapped_column(String(HLC_LENGTH))
    seen_office_id: Mapped[str] = mapped_column(String(ID_LENGTH))

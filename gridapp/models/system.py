"""Local, unsynced records: offices known to this database, users, the audit log and settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridapp.models.base import ID_LENGTH, Base, new_id, utcnow


class Office(Base):
    """An office (村/镇/县) — this one (``is_local``) and the peers whose changes we have seen."""

    __tablename__ = "offices"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(100))
    county_code: Mapped[str] = mapped_column(String(6), default="")
    is_local: Mapped[bool] = mapped_column(default=False)
    # The grid node the office stands for (its village, town or county), set up by the setup wizard; grids an
    # import names but the tree lacks are created under it. Local knowledge: offices do not travel.
    node_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    """A person who logs in; ``scope_grid_id`` limits the subtree the user may change."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(16), default="网格员")
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    scope_grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid_nodes.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    failed_logins: Mapped[int] = mapped_column(default=0)  # wrong passwords in a row
    locked_until: Mapped[datetime | None]  # after too many wrong passwords the account waits until then
    last_login_at: Mapped[datetime | None]


class AuditEntry(Base):
    """One thing done through the program — a change (who, when, which record, which fields), a log-in, a
    ledger, export, print or sync package, a 查询 user's view of a person's full record. Database triggers
    refuse any update or delete of these rows (migration 0005)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_name: Mapped[str] = mapped_column(String(50), default="")
    action: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class Setting(Base):
    """A key/value setting of this database (office identity, configurable tables …)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")

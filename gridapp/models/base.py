"""Declarative base, constraint naming and the columns every synced record carries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names keep Alembic batch migrations on SQLite deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 32  # uuid4().hex


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    """Naive UTC: SQLite has no time zones, so every timestamp is stored as UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Columns of a record that travels between offices.

    ``hlc`` orders changes across offices (see gridapp.hlc); ``office_id`` names the office that made the
    last change; ``deleted`` is a tombstone so that a deletion can travel and be undone.
    The session hook in gridapp.db stamps these on every flush, so services never set them by hand.
    """

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    hlc: Mapped[str] = mapped_column(String(24), default="", index=True)
    office_id: Mapped[str] = mapped_column(String(ID_LENGTH), default="")
    deleted: Mapped[bool] = mapped_column(default=False)

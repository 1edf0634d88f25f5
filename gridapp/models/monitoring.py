"""The 红黄绿 monitoring's own records: every change of a household's colour, and the 预警 it raised."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridapp.models.base import Base, Synced


class ColourChange(Synced, Base):
    """One change of a household's effective colour: from, to, why, by whom, when (``manual``: 人工认定)."""

    __tablename__ = "colour_changes"

    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    from_colour: Mapped[str] = mapped_column(String(2), default="")
    to_colour: Mapped[str] = mapped_column(String(2))
    reasons: Mapped[str] = mapped_column(Text, default="")
    manual: Mapped[bool] = mapped_column(default=False)
    actor_name: Mapped[str] = mapped_column(String(50), default="")
    at: Mapped[datetime]


class MonitorWarning(Synced, Base):
    """A 预警: one cause of a red or yellow household, followed as a 帮扶 case until the cause is gone.

    ``grid_id`` is the household's grid when the warning was raised, so counts per grid stay as they were."""

    __tablename__ = "monitor_warnings"

    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    rule_id: Mapped[str] = mapped_column(String(40))
    cause: Mapped[str] = mapped_column(String(40))
    colour: Mapped[str] = mapped_column(String(2))
    reason: Mapped[str] = mapped_column(String(200), default="")
    worker_name: Mapped[str] = mapped_column(String(50), default="")
    raised_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None] = mapped_column(index=True)

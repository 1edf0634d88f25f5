"""Cases (事件) with their timeline, visits (走访/巡查) and content-addressed attachments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridapp.models.base import Base, Synced


class Case(Synced, Base):
    """One case of the eight-step closed loop; ``step`` is the state of gridapp's case workflow."""

    __tablename__ = "cases"

    number: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16), default="")
    subtype: Mapped[str] = mapped_column(String(32), default="")
    source: Mapped[str] = mapped_column(String(8), default="巡查发现")
    urgency: Mapped[str] = mapped_column(String(8), default="一般")
    step: Mapped[str] = mapped_column(String(16), default="事项受理", index=True)
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    place_text: Mapped[str] = mapped_column(String(200), default="")
    occurred_at: Mapped[datetime | None]
    deadline: Mapped[datetime | None] = mapped_column(index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    reporter_name: Mapped[str] = mapped_column(String(50), default="")
    reporter_phone: Mapped[str] = mapped_column(String(30), default="")
    handling_level: Mapped[str] = mapped_column(String(16), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    satisfaction: Mapped[str] = mapped_column(String(8), default="")
    public_summary: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(default=False)


class CaseStep(Synced, Base):
    """One entry of a case's timeline: who did what, when, with which note."""

    __tablename__ = "case_steps"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    step_after: Mapped[str] = mapped_column(String(16))
    actor_name: Mapped[str] = mapped_column(String(50), default="")
    at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)


class CaseLink(Synced, Base):
    """A household, person or place that a case concerns."""

    __tablename__ = "case_links"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(32), index=True)


class Visit(Synced, Base):
    """A work-log entry: 入户走访, 电话回访 or 巡查 against a household, person, place or grid."""

    __tablename__ = "visits"

    kind: Mapped[str] = mapped_column(String(8), default="入户走访")
    visited_on: Mapped[date] = mapped_column(index=True)
    worker_id: Mapped[str | None] = mapped_column(ForeignKey("grid_workers.id"), index=True)
    worker_name: Mapped[str] = mapped_column(String(50), default="")
    target_kind: Mapped[str] = mapped_column(String(16), default="household")
    target_id: Mapped[str] = mapped_column(String(32), index=True)
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    content: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"))


class Attachment(Synced, Base):
    """A photo or scan attached to a record; the bytes live in a content-addressed store by sha256."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int]
    owner_kind: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str] = mapped_column(String(32), index=True)

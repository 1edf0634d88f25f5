"""Cases (事件) with their timeline, visits (走访/巡查) and content-addressed attachments.

Case times (accepted_at, deadline, resolved_at, step ``at``) are naive local times — the office's wall clock,
which is what deadlines are counted in; the Synced columns stay UTC.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridapp.models.base import ID_LENGTH, Base, Synced


class Case(Synced, Base):
    """One case of the eight-step closed loop. The workflow columns (step … reopened) mirror
    gridapp.dto.CaseState and change only through gridapp.cases.workflow."""

    __tablename__ = "cases"

    number: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16), index=True)
    subtype: Mapped[str] = mapped_column(String(32), default="")
    source: Mapped[str] = mapped_column(String(8), default="巡查发现")
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"), index=True)
    place_text: Mapped[str] = mapped_column(String(200), default="")
    occurred_at: Mapped[datetime | None]
    description: Mapped[str] = mapped_column(Text, default="")
    reporter_name: Mapped[str] = mapped_column(String(50), default="")
    reporter_phone: Mapped[str] = mapped_column(String(30), default="")
    # -- workflow state
    step: Mapped[str] = mapped_column(String(16), index=True)
    urgency: Mapped[str] = mapped_column(String(8), default="一般")
    accepted_at: Mapped[datetime] = mapped_column(index=True)
    deadline: Mapped[datetime | None] = mapped_column(index=True)
    handling_level: Mapped[str] = mapped_column(String(16), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    resolved_at: Mapped[datetime | None]
    satisfaction: Mapped[str] = mapped_column(String(8), default="")
    public_summary: Mapped[str] = mapped_column(Text, default="")
    supervisions: Mapped[int] = mapped_column(default=0)
    reopened: Mapped[int] = mapped_column(default=0)


class CaseStep(Synced, Base):
    """One entry of a case's timeline: who did what, when, with which note; ``ordinal`` orders it."""

    __tablename__ = "case_steps"
    __table_args__ = (Index("ix_case_steps_case_ordinal", "case_id", "ordinal"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    ordinal: Mapped[int]
    action: Mapped[str] = mapped_column(String(16))
    step_before: Mapped[str | None] = mapped_column(String(16))
    step_after: Mapped[str] = mapped_column(String(16))
    actor_name: Mapped[str] = mapped_column(String(50), default="")
    actor_role: Mapped[str] = mapped_column(String(16), default="")
    at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)


class CaseLink(Synced, Base):
    """A household, person or place that a case concerns."""

    __tablename__ = "case_links"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)


class Visit(Synced, Base):
    """A work-log entry: 入户走访, 电话回访 or 巡查 against a household, person, place or grid.

    ``grid_id`` and ``household_id`` are the target's grid and household at the time of the visit (a visit to
    a person is also one to their household), so a scope's log and a household's visits are indexed lookups.
    """

    __tablename__ = "visits"
    # The due-visit list (the last visit of every target in a subtree) reads only these indexes.
    __table_args__ = (Index("ix_visits_due", "grid_id", "target_kind", "target_id", "visited_on", "household_id",
                            "deleted"),
                      Index("ix_visits_household_last", "household_id", "target_kind", "deleted", "visited_on"),
                      Index("ix_visits_target_last", "target_id", "target_kind", "deleted", "visited_on"))

    kind: Mapped[str] = mapped_column(String(8), default="入户走访")
    visited_on: Mapped[date] = mapped_column(index=True)
    worker_id: Mapped[str | None] = mapped_column(ForeignKey("grid_workers.id"), index=True)
    worker_name: Mapped[str] = mapped_column(String(50), default="")
    target_kind: Mapped[str] = mapped_column(String(16), default="household")
    target_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"))
    household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"), index=True)
    content: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")


class Attachment(Synced, Base):
    """A photo or scan attached to a timeline entry (``case_step``) or a ``visit``; the bytes live once in the
    content-addressed store (gridapp.cases.attachments) under their sha256."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int]
    owner_kind: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)


class AttachmentBlob(Base):
    """The bytes of an attachment on a server database, where the workstations share no folder (an embedded
    database keeps them as files beside it). Not synced: packages carry attachments as files."""

    __tablename__ = "attachment_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)

"""The grid tree (县 → 镇/街道 → 村/社区 → 网格 → 微网格), its workers and the 党员中心户."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridapp.models.base import ID_LENGTH, Base, Synced

PATH_SEGMENT = ID_LENGTH + 1  # "/" + id


class GridNode(Synced, Base):
    """One node of the grid tree.

    ``path`` is a materialised path of ids ("/root/child/…/self/"), fixed width per level, so a subtree is
    one indexed prefix query and counts per child group by a prefix of the path.
    """

    __tablename__ = "grid_nodes"

    parent_id: Mapped[str | None] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    path: Mapped[str] = mapped_column(String(PATH_SEGMENT * 8), index=True)
    level: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16), default="综合网格")
    code: Mapped[str] = mapped_column(String(32), default="", index=True)
    name: Mapped[str] = mapped_column(String(100))
    boundary_east: Mapped[str] = mapped_column(String(200), default="")
    boundary_south: Mapped[str] = mapped_column(String(200), default="")
    boundary_west: Mapped[str] = mapped_column(String(200), default="")
    boundary_north: Mapped[str] = mapped_column(String(200), default="")
    head_name: Mapped[str] = mapped_column(String(50), default="")
    head_phone: Mapped[str] = mapped_column(String(30), default="")
    party_org: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The plan map's picture: an Attachment (owner_kind "grid") whose bytes travel like any attachment's.
    plan_attachment_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    sort_order: Mapped[int] = mapped_column(default=0)
    retired: Mapped[bool] = mapped_column(default=False)


class GridWorker(Synced, Base):
    """A grid worker of the "1+6+N" model: 专职, 兼职 or 专业 (from a department)."""

    __tablename__ = "grid_workers"

    name: Mapped[str] = mapped_column(String(50))
    sex: Mapped[str] = mapped_column(String(2), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    kind: Mapped[str] = mapped_column(String(8), default="专职")
    department: Mapped[str] = mapped_column(String(100), default="")
    party_member: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class GridAssignment(Synced, Base):
    """A worker's role (网格长/网格员/网格指导员) in one grid node."""

    __tablename__ = "grid_assignments"

    worker_id: Mapped[str] = mapped_column(ForeignKey("grid_workers.id"), index=True)
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="网格员")


class PartyCenter(Synced, Base):
    """党员中心户: a party member's household that looks after 5–10 neighbouring households."""

    __tablename__ = "party_centers"

    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"))
    notes: Mapped[str] = mapped_column(Text, default="")


class PartyCenterLink(Synced, Base):
    """A household served by a 党员中心户."""

    __tablename__ = "party_center_links"

    center_id: Mapped[str] = mapped_column(ForeignKey("party_centers.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)


class MapPin(Synced, Base):
    """A household, house or place placed on a grid node's plan picture. ``x`` and ``y`` are fractions of the
    picture's width and height (0–1), so a rescaled or replaced picture keeps its pins."""

    __tablename__ = "map_pins"

    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    x: Mapped[float]
    y: Mapped[float]

"""Houses, households, persons with their special-group tags and move history, and places."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridapp.models.base import Base, Synced


class House(Synced, Base):
    """实有房屋."""

    __tablename__ = "houses"

    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    address: Mapped[str] = mapped_column(String(200))
    use: Mapped[str] = mapped_column(String(8), default="自住")
    structure: Mapped[str] = mapped_column(String(8), default="")
    area: Mapped[float | None]
    floors: Mapped[int | None]
    safety_rating: Mapped[str] = mapped_column(String(8), default="")
    owner_name: Mapped[str] = mapped_column(String(50), default="")
    owner_phone: Mapped[str] = mapped_column(String(30), default="")
    owner_id_number: Mapped[str] = mapped_column(String(18), default="")
    rent_purpose: Mapped[str] = mapped_column(String(50), default="")
    rent_start: Mapped[date | None]
    rent_end: Mapped[date | None]
    tenant_count: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class Household(Synced, Base):
    """One household page of the 采集簿."""

    __tablename__ = "households"

    number: Mapped[str] = mapped_column(String(32), default="", index=True)
    kind: Mapped[str] = mapped_column(String(8), default="户籍户")
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    house_id: Mapped[str | None] = mapped_column(ForeignKey("houses.id"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    # The effective 红黄绿 colour (computed by gridapp.monitoring, or the manual override) and its reasons.
    colour: Mapped[str] = mapped_column(String(2), default="绿")
    colour_reason: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # 两不愁三保障 indicators of the household (the members' own are on Person; housing comes from the house)
    income_per_capita: Mapped[int | None]  # 人均纯收入, 元 a year
    drinking_water_safe: Mapped[bool | None]
    # What the monitoring rules decided (the causes: rule id, cause, colour, reason), and a person's override
    colour_computed: Mapped[str] = mapped_column(String(2), default="绿")
    colour_causes: Mapped[list] = mapped_column(JSON, default=list)
    colour_override: Mapped[str] = mapped_column(String(2), default="")
    colour_override_reason: Mapped[str] = mapped_column(String(200), default="")


class Person(Synced, Base):
    """A resident. ``name_initials``, ``id_reversed`` and ``phone_reversed`` exist only so that searching by
    initials or by the last digits of an ID or phone number is an index range scan."""

    __tablename__ = "persons"
    # Counting the live members of many households at once (tree counts, lists) reads only the first index;
    # the due-visit list finds the heads through the second alone.
    __table_args__ = (Index("ix_persons_household_live", "household_id", "deleted", "status"),
                      Index("ix_persons_household_head", "household_id", "relation", "deleted", "name"))

    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"))
    sort_order: Mapped[int] = mapped_column(default=0)
    relation: Mapped[str] = mapped_column(String(16), default="")
    name: Mapped[str] = mapped_column(String(50), index=True)
    name_initials: Mapped[str] = mapped_column(String(20), default="", index=True)
    id_number: Mapped[str] = mapped_column(String(18), default="", index=True)
    id_reversed: Mapped[str] = mapped_column(String(18), default="", index=True)
    sex: Mapped[str] = mapped_column(String(2), default="")
    birth_date: Mapped[date | None]
    ethnicity: Mapped[str] = mapped_column(String(16), default="")
    political_status: Mapped[str] = mapped_column(String(16), default="")
    education: Mapped[str] = mapped_column(String(16), default="")
    marital_status: Mapped[str] = mapped_column(String(16), default="")
    occupation: Mapped[str] = mapped_column(String(50), default="")
    employer: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(30), default="", index=True)
    phone_reversed: Mapped[str] = mapped_column(String(30), default="", index=True)
    residence_kind: Mapped[str] = mapped_column(String(8), default="户籍人口")
    origin: Mapped[str] = mapped_column(String(100), default="")
    arrival_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(4), default="在册")
    notes: Mapped[str] = mapped_column(Text, default="")
    medical_insured: Mapped[bool | None]  # 基本医疗保险; None: not recorded
    schooling: Mapped[str] = mapped_column(String(4), default="")  # 在校/失学 for school-age children


class PersonTag(Synced, Base):
    """A special-group membership (e.g. 低保, 社区矫正) with the category's own detail fields."""

    __tablename__ = "person_tags"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    category: Mapped[str] = mapped_column(String(40), index=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    since: Mapped[date | None]
    until: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class PersonMove(Synced, Base):
    """History of a person changing household or grid; a move never rewrites the past."""

    __tablename__ = "person_moves"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    from_household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"))
    to_household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"))
    from_grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid_nodes.id"))
    to_grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid_nodes.id"))
    moved_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(200), default="")
    actor_name: Mapped[str] = mapped_column(String(50), default="")


class Place(Synced, Base):
    """场所/单位: shops, schools, 九小场所, firms …"""

    __tablename__ = "places"

    grid_id: Mapped[str] = mapped_column(ForeignKey("grid_nodes.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    type: Mapped[str] = mapped_column(String(16), default="其他")
    address: Mapped[str] = mapped_column(String(200), default="")
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    licence_no: Mapped[str] = mapped_column(String(50), default="")
    risk_level: Mapped[str] = mapped_column(String(4), default="低")
    notes: Mapped[str] = mapped_column(Text, default="")

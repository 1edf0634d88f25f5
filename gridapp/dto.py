"""Plain dataclasses that cross from the core to the UI (and to ledgers, import and sync).

The UI never sees ORM objects: it gets these, and sends back the *Input ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Actor:
    """Who is acting: every service call takes one, and the audit log records its name."""

    name: str
    user_id: str | None = None
    role: str = "管理员"
    scope_grid_id: str | None = None


SYSTEM = Actor("系统")


@dataclass(frozen=True)
class OfficeInfo:
    id: str
    name: str
    county_code: str


@dataclass(frozen=True)
class GridNodeRow:
    """A node as the tree shows it, with subtree counts."""

    id: str
    parent_id: str | None
    name: str
    level: int
    level_label: str
    kind: str
    code: str
    child_count: int
    household_count: int
    person_count: int
    retired: bool = False


@dataclass(frozen=True)
class GridNodeDetail:
    id: str
    parent_id: str | None
    path_names: tuple[str, ...]
    name: str
    level: int
    level_label: str
    kind: str
    code: str
    boundary_east: str
    boundary_south: str
    boundary_west: str
    boundary_north: str
    head_name: str
    head_phone: str
    party_org: str
    notes: str
    plan_image: str | None
    retired: bool


@dataclass
class TagInput:
    category: str
    details: dict[str, str] = field(default_factory=dict)
    since: date | None = None
    until: date | None = None
    notes: str = ""
    id: str | None = None


@dataclass
class PersonInput:
    """One member as a form or an import sends it. Sex and birth date are derived from the ID number."""

    name: str
    relation: str
    id_number: str = ""
    sex: str = ""
    birth_date: date | None = None
    ethnicity: str = ""
    political_status: str = ""
    education: str = ""
    marital_status: str = ""
    occupation: str = ""
    employer: str = ""
    phone: str = ""
    residence_kind: str = "户籍人口"
    origin: str = ""
    arrival_date: date | None = None
    status: str = "在册"
    notes: str = ""
    tags: list[TagInput] = field(default_factory=list)
    id: str | None = None
    move_in: bool = False  # 迁入: ``id`` is a person registered in another household, moved here on save


@dataclass
class HouseholdInput:
    grid_id: str
    members: list[PersonInput]
    number: str = ""
    kind: str = "户籍户"
    address: str = ""
    phone: str = ""
    house_id: str | None = None
    colour: str = "绿"
    colour_reason: str = ""
    notes: str = ""


@dataclass(frozen=True)
class TagView:
    id: str
    category: str
    label: str
    details: dict[str, str]
    since: date | None
    until: date | None
    notes: str


@dataclass(frozen=True)
class PersonView:
    id: str
    household_id: str
    name: str
    relation: str
    id_number: str
    sex: str
    birth_date: date | None
    age: int | None
    birthplace: str | None
    ethnicity: str
    political_status: str
    education: str
    marital_status: str
    occupation: str
    employer: str
    phone: str
    residence_kind: str
    origin: str
    arrival_date: date | None
    status: str
    notes: str
    tags: tuple[TagView, ...]


@dataclass(frozen=True)
class HouseholdView:
    id: str
    number: str
    kind: str
    grid_id: str
    grid_path: tuple[str, ...]
    house_id: str | None
    address: str
    phone: str
    colour: str
    colour_reason: str
    notes: str
    members: tuple[PersonView, ...]


@dataclass(frozen=True)
class HouseholdRow:
    """One line of the household list."""

    id: str
    number: str
    head_name: str
    head_id_number: str
    address: str
    phone: str
    kind: str
    colour: str
    member_count: int
    grid_name: str


@dataclass(frozen=True)
class HouseholdFilter:
    tag: str | None = None
    residence_kind: str | None = None
    kind: str | None = None
    colour: str | None = None
    person_status: str | None = None


@dataclass(frozen=True)
class SearchHit:
    person_id: str | None
    household_id: str
    name: str
    relation: str
    id_number: str
    phone: str
    address: str
    grid_name: str
    matched: str


@dataclass(frozen=True)
class PersonMoveView:
    moved_on: date
    from_household_id: str | None
    to_household_id: str | None
    from_grid_id: str | None
    to_grid_id: str | None
    reason: str
    actor_name: str


@dataclass(frozen=True)
class DeletedItem:
    kind: str
    id: str
    title: str
    detail: str
    deleted_at: str


@dataclass(frozen=True)
class WorkerView:
    id: str
    name: str
    role: str
    kind: str
    phone: str
    department: str
    party_member: bool


@dataclass(frozen=True)
class PlaceView:
    id: str
    grid_id: str
    name: str
    type: str
    address: str
    contact_name: str
    contact_phone: str
    risk_level: str


@dataclass(frozen=True)
class HouseRow:
    """One line of the house list; ``household_count`` counts the live households living there."""

    id: str
    grid_id: str
    address: str
    use: str
    structure: str
    safety_rating: str
    owner_name: str
    owner_phone: str
    household_count: int


@dataclass(frozen=True)
class HouseView:
    """A whole 实有房屋 record for its form, with the households living there."""

    id: str
    grid_id: str
    grid_path: tuple[str, ...]
    address: str
    use: str
    structure: str
    area: float | None
    floors: int | None
    safety_rating: str
    owner_name: str
    owner_phone: str
    owner_id_number: str
    rent_purpose: str
    rent_start: date | None
    rent_end: date | None
    tenant_count: int | None
    notes: str
    households: tuple[HouseholdRow, ...]


@dataclass(frozen=True)
class PlaceDetail:
    """A whole 场所 record for its form."""

    id: str
    grid_id: str
    grid_path: tuple[str, ...]
    name: str
    type: str
    address: str
    contact_name: str
    contact_phone: str
    licence_no: str
    risk_level: str
    notes: str


@dataclass(frozen=True)
class HouseholdBrief:
    """A household as a short line: how people name it in a list of a few."""

    id: str
    number: str
    head_name: str
    address: str


# A 党员中心户 usually looks after this many households; outside the range the UI warns but allows.
PARTY_CENTER_TYPICAL = (5, 10)


@dataclass(frozen=True)
class PartyCenterView:
    """A 党员中心户: its household, the party member who is the contact, and the households it serves."""

    id: str
    household: HouseholdBrief
    grid_name: str
    member_id: str | None
    member_name: str
    notes: str
    served: tuple[HouseholdBrief, ...]

    @property
    def typical_size(self) -> bool:
        low, high = PARTY_CENTER_TYPICAL
        return low <= len(self.served) <= high


@dataclass(frozen=True)
class PersonLocation:
    """Where an ID number is already registered, so a form can offer 迁入 instead of a duplicate record."""

    person: PersonView
    household_number: str
    household_address: str
    grid_path: tuple[str, ...]

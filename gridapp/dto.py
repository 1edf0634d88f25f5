"""Plain dataclasses that cross from the core to the UI (and to ledgers, import and sync).

The UI never sees ORM objects: it gets these, and sends back the *Input ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path


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
    node_id: str | None = None  # the office's own node of the grid tree, once set up


@dataclass(frozen=True)
class GridPlan:
    """A grid to create when setting a village or community office up, with its micro-grids."""

    name: str
    micro_grids: tuple[str, ...] = ()


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
    plan_attachment_id: str | None
    retired: bool
    version: str = ""  # the record's hlc when read: a save passes it back (gridapp.services.versions)


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
    medical_insured: bool | None = None  # 基本医疗保险; None: not recorded
    schooling: str = ""  # 在校/失学 for school-age children, "" otherwise
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
    colour: str = ""  # a manual colour (人工认定) with its reason; "" lets the monitoring rules decide
    colour_reason: str = ""
    notes: str = ""
    version: str | None = None  # the version the form read; None saves without the check
    income_per_capita: int | None = None  # 人均纯收入, 元 a year
    drinking_water_safe: bool | None = None


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
    medical_insured: bool | None = None
    schooling: str = ""


@dataclass(frozen=True)
class MonitorCause:
    """One monitoring rule a household meets: its cause, colour and plain reason."""

    rule_id: str
    cause: str
    colour: str
    reason: str


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
    version: str = ""  # the record's hlc when read: a save passes it back (gridapp.services.versions)
    income_per_capita: int | None = None
    drinking_water_safe: bool | None = None
    colour_computed: str = "绿"  # what the monitoring rules decided
    causes: tuple[MonitorCause, ...] = ()  # why, worst first
    colour_override: str = ""  # a manual colour (人工认定), "" for none
    colour_override_reason: str = ""


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
    deleted_at: datetime  # naive UTC, as every stored timestamp


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
    version: str = ""  # the record's hlc when read: a save passes it back (gridapp.services.versions)


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
    version: str = ""  # the record's hlc when read: a save passes it back (gridapp.services.versions)


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


# -- cases (事件) and visits (走访) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseState:
    """What the case workflow (gridapp.cases.workflow) decides on; the fields mirror the ``cases`` columns.

    ``private_terms`` (the reporter's name and phone, linked persons' names and ID numbers) are what a public
    summary must never contain.
    """

    step: str | None = None
    urgency: str = "一般"
    accepted_at: datetime | None = None
    deadline: datetime | None = None
    handling_level: str = ""
    department: str = ""
    resolved_at: datetime | None = None
    satisfaction: str = ""
    public_summary: str = ""
    supervisions: int = 0
    reopened: int = 0
    private_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttachmentInput:
    """A photo or scan to attach: its bytes, or a path to read them from."""

    filename: str
    data: bytes | None = None
    path: str | None = None


@dataclass
class CaseInput:
    """The 受理 form (also the quick-register dialog); coded fields accept labels, codes or aliases."""

    grid_id: str
    title: str
    category: str
    subtype: str = ""
    source: str = "巡查发现"
    urgency: str = "一般"
    description: str = ""
    place_text: str = ""
    occurred_at: datetime | None = None
    reporter_name: str = ""
    reporter_phone: str = ""
    household_ids: list[str] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)
    place_ids: list[str] = field(default_factory=list)
    note: str = ""
    attachments: list[AttachmentInput] = field(default_factory=list)
    version: str | None = None  # the version the form read; None saves without the check


@dataclass(frozen=True)
class CaseFilter:
    """Filters of the 事件 list; empty means no restriction. ``steps`` are workflow step labels."""

    scope_id: str | None = None
    steps: tuple[str, ...] = ()
    category: str | None = None
    subtype: str | None = None
    urgency: str | None = None
    overdue: bool = False
    accepted_from: date | None = None
    accepted_to: date | None = None
    text: str = ""


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list and of the 事件台账; ``timeliness`` is 办理中/已超期/按时办结/超时办结."""

    id: str
    number: str
    title: str
    category: str
    subtype: str
    source: str
    urgency: str
    step: str
    grid_id: str
    grid_name: str
    accepted_at: datetime | None
    deadline: datetime | None
    resolved_at: datetime | None
    handling_level: str
    department: str
    satisfaction: str
    supervisions: int
    reopened: int
    overdue: bool
    timeliness: str


@dataclass(frozen=True)
class CaseCounts:
    """Counts for the list's step tabs: per step (ignoring the step filter), overdue, and all."""

    by_step: dict[str, int]
    overdue: int
    total: int


@dataclass(frozen=True)
class AttachmentView:
    id: str
    filename: str
    mime: str
    size: int
    sha256: str
    path: str


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a case's timeline; ``sheet`` names the 一事五单 sheet it belongs to (集单 … 评单)."""

    id: str
    ordinal: int
    action: str
    sheet: str
    step_before: str | None
    step_after: str
    actor_name: str
    actor_role: str
    at: datetime
    note: str
    data: dict
    attachments: tuple[AttachmentView, ...]


@dataclass(frozen=True)
class CaseLinkView:
    kind: str  # household, person or place
    id: str
    title: str


@dataclass(frozen=True)
class CaseView:
    """A whole case for its window; pass ``state`` to gridapp.cases.workflow.available_actions."""

    row: CaseRow
    grid_path: tuple[str, ...]
    description: str
    place_text: str
    occurred_at: datetime | None
    reporter_name: str
    reporter_phone: str
    public_summary: str
    visit_id: str | None
    links: tuple[CaseLinkView, ...]
    timeline: tuple[TimelineEntry, ...]
    state: CaseState
    version: str = ""  # the record's hlc when read: a save passes it back (gridapp.services.versions)


@dataclass
class VisitInput:
    """A 走访/巡查 entry; ``target_kind`` is household, person, place or grid."""

    target_kind: str
    target_id: str
    kind: str = "入户走访"
    visited_on: date | None = None
    worker_id: str | None = None
    worker_name: str = ""
    content: str = ""
    findings: str = ""
    follow_up: str = ""
    attachments: list[AttachmentInput] = field(default_factory=list)
    version: str | None = None  # the version the form read; None saves without the check


@dataclass(frozen=True)
class VisitFilter:
    """Filters of the visit log; ``household_id`` means visits to the household or any of its members."""

    scope_id: str | None = None
    household_id: str | None = None
    worker_id: str | None = None
    kind: str | None = None
    target_kind: str | None = None
    target_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class VisitRow:
    """One line of the visit log (走访台账); ``case_numbers`` are the cases opened from the visit."""

    id: str
    visited_on: date
    kind: str
    worker_id: str | None
    worker_name: str
    target_kind: str
    target_id: str
    target_title: str
    grid_id: str
    grid_name: str
    content: str
    findings: str
    follow_up: str
    case_numbers: tuple[str, ...]


@dataclass(frozen=True)
class VisitView:
    row: VisitRow
    attachments: tuple[AttachmentView, ...]
    version: str = ""  # the record's hlc when read: a save passes it back (gridapp.services.versions)


@dataclass(frozen=True)
class DueVisit:
    """A household or person due for a visit under a rule; ``overdue_days`` < 0 means due in that many days."""

    target_kind: str
    target_id: str
    household_id: str
    title: str
    address: str
    grid_id: str
    grid_name: str
    rule_code: str
    rule: str
    last_visit: date | None
    due_date: date
    overdue_days: int


@dataclass(frozen=True)
class DueCounts:
    """How many targets are due by the horizon asked, how many of them are overdue, and how many fall due today."""

    due: int
    overdue: int
    due_today: int


@dataclass(frozen=True)
class WorkCounts:
    """The home page's to-do counts."""

    open_cases: int
    overdue_cases: int
    due_visits: int
    overdue_visits: int


@dataclass(frozen=True)
class AuditFilter:
    """What the 日志 page and ``gridapp audit`` ask for; every field left None matches everything. ``user_name``
    is a user's name as logged, or their user name; the dates are local calendar days, both included."""

    user_name: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None  # an action, as audit_kinds lists them
    record_id: str | None = None


@dataclass(frozen=True)
class AuditRow:
    """One audit log entry as a person reads it."""

    id: int
    at: datetime  # UTC, naive (as stored)
    user_name: str
    action: str
    action_label: str
    table_name: str
    table_label: str
    record_id: str
    record_label: str  # who or what, e.g. "0012号 张三户"; "" when the entry names no record
    detail: dict = field(default_factory=dict)


# -- the grid plan map (电子地图) ----------------------------------------------------------------------------------

# How the map and the booklet draw a pin: a household by its 红黄绿, houses and places ("") neutral.
PIN_COLOURS = {"红": "#D32F2F", "黄": "#F2B705", "绿": "#2E7D32", "": "#607D8B"}


@dataclass(frozen=True)
class MapTarget:
    """A household, house or place that can be pinned on a plan map. ``colour`` is a household's 红/黄/绿 (""
    for houses and places, which are drawn neutral)."""

    kind: str  # "household", "house" or "place"
    id: str
    label: str  # e.g. "0012号 张三户", a house's address, a place's name
    colour: str = ""


@dataclass(frozen=True)
class MapPinView:
    id: str
    target: MapTarget
    x: float  # fractions of the picture's width and height
    y: float
    version: str = ""


@dataclass(frozen=True)
class PlanPicture:
    path: Path  # the file (under the attachment store); may be missing when its bytes never arrived
    filename: str
    width: int
    height: int


@dataclass(frozen=True)
class PlanMapView:
    """A node's plan map: its picture, the pins on it, the records of its subtree not yet on it, and the
    households' coverage (已上图 placed / total 户)."""

    node_id: str
    node_name: str
    picture: PlanPicture | None
    pins: tuple[MapPinView, ...]
    unplaced: tuple[MapTarget, ...]
    households_placed: int
    households_total: int


@dataclass(frozen=True)
class GridDifficulty:
    """One grid's management difficulty (网格难度): the weighted ``score``, its ``parts`` (points per measure, by
    the measure's Chinese label, in the weights file's order), the workers it has and how many it should have.
    ``counts`` are the raw counts behind the points (households, floating persons …)."""

    grid_id: str
    grid_name: str
    path_text: str  # "宁陵县 / 清河镇 / 幸福村 / 第一网格"
    score: float
    parts: dict[str, float]
    workers: tuple[str, ...]
    suggested_workers: int
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkerAssessment:
    """One grid worker's 考核 figures for a period (first and last day, both included)."""

    worker_id: str
    worker_name: str
    grids: tuple[str, ...]  # the names of the grid nodes the worker is assigned to
    visits_due: int  # visits the rules made due in the period
    visits_on_time: int  # of those, made on or before the day they were due
    visits_made: int  # visits the worker recorded in the period
    cases_registered: int  # cases the worker registered (受理) in the period
    cases_handled: int  # cases of the worker's grids resolved in the period
    cases_on_time: int  # of those, resolved by their deadline
    rated: int  # of those, rated in the 评价 step
    satisfied: int  # rated 满意 or 基本满意
    warnings_resolved: int  # 帮扶 cases (预警) of the worker's grids resolved in the period

    @property
    def visit_rate(self) -> float | None:
        return self.visits_on_time / self.visits_due if self.visits_due else None

    @property
    def case_rate(self) -> float | None:
        return self.cases_on_time / self.cases_handled if self.cases_handled else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


# -- the dashboard ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ListTarget:
    """The list a bar of a chart opens: a grid subtree and a filter its page already understands (the 住户 list
    for a HouseholdFilter, the 事件 list for a CaseFilter, the 走访 log for a VisitFilter)."""

    scope_id: str | None  # None: the user's whole scope
    filter: HouseholdFilter | CaseFilter | VisitFilter


@dataclass(frozen=True)
class ChartSeries:
    """One series of a bar chart: a value per category, its colour ("#d9534f"), and per category the list
    behind that bar (None where there is none)."""

    name: str
    values: tuple[int, ...]
    colour: str
    targets: tuple[ListTarget | None, ...]


@dataclass(frozen=True)
class Chart:
    """A bar chart as plain data, drawn alike by the home page (QtCharts) and the 统计 ledger (reportlab);
    ``stacked`` piles the series of a category on one bar; ``note`` says what was left out or how it counts."""

    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    stacked: bool = False
    note: str = ""

    @property
    def empty(self) -> bool:
        return not any(any(s.values) for s in self.series)


@dataclass(frozen=True)
class Dashboard:
    """The charts of a grid node's subtree, category by category over its direct children."""

    scope_id: str | None
    scope_name: str
    charts: tuple[Chart, ...]


@dataclass(frozen=True)
class WarningCount:
    """预警 of one grid: raised (ever), resolved, still open."""

    grid_id: str
    grid_name: str
    raised: int
    resolved: int
    open: int


@dataclass(frozen=True)
class MonitoredHousehold:
    """A red or yellow household with its reasons, as the monitoring report lists it."""

    id: str
    number: str
    head_name: str
    grid_name: str
    colour: str
    manual: bool  # 人工认定
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class MonitorReport:
    line: int
    colours: dict[str, int]  # 红/黄/绿 -> households
    causes: dict[str, int]  # cause -> households
    households: tuple[MonitoredHousehold, ...]  # red first, then yellow


@dataclass(frozen=True)
class ColourChangeRow:
    at: datetime
    from_colour: str
    to_colour: str
    reasons: str
    manual: bool
    actor_name: str


@dataclass(frozen=True)
class ImportRow:
    """An import done in this database, as the lists of recent imports show it (``ws.imports.recent``)."""

    id: str
    kind: str  # sync / excel
    kind_label: str
    label: str
    user_name: str
    at: datetime  # UTC, naive
    undone: bool
    journaled: bool  # undone row for row; else only by restoring ``backup_path``
    rows: int
    backup_path: str

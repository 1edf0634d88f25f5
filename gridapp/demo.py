"""Demo data: a plausible village, town or county of households, people, houses, places and grid workers.

Everything is drawn from ``random.Random(seed)``, ids included, and ages count from a fixed day, so the
same seed gives the same data on any machine (only the HLC stamps and creation times differ). Rows are
built as plain dicts and written with bulk Core inserts inside one transaction: the flush hook that stamps
ORM objects is bypassed, so every synced column is filled in here. Coded columns always hold the label of
their code table, and tag details are valid against the special-group definitions.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from gridapp import demo_cases, divisions, idnumber, pinyin
from gridapp import demo_names as names
from gridapp.dto import SYSTEM
from gridapp.errors import RuleViolation
from gridapp.models import (
    AuditEntry,
    GridAssignment,
    GridNode,
    GridWorker,
    House,
    Household,
    PartyCenter,
    PartyCenterLink,
    Person,
    PersonTag,
    Place,
)
from gridapp.models.base import utcnow
from gridapp.resources import resource_path

if TYPE_CHECKING:
    from gridapp.workspace import Workspace

TODAY = date(2026, 11, 1)
DEFAULT_COUNTY = "411423"  # 河南省商丘市宁陵县
BATCH_ROWS = 5000
OFFICE_NAMES = {"village": "幸福村村民委员会", "town": "清河镇人民政府", "county": "宁陵县网格化服务管理中心"}

# Parents are inserted before children so that foreign keys hold at every batch.
TABLE_ORDER = (GridNode, GridWorker, House, Household, Person, PersonTag, Place, GridAssignment, PartyCenter,
               PartyCenterLink)

PHONE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                  "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "183", "185", "186",
                  "187", "188", "189", "198", "199")
MINORITIES = (("回族", 50), ("满族", 10), ("蒙古族", 8), ("壮族", 6), ("苗族", 6), ("土家族", 6), ("彝族", 4),
              ("朝鲜族", 2), ("维吾尔族", 2), ("布依族", 2), ("侗族", 2), ("瑶族", 2))
EDUCATION_BY_BIRTH_YEAR = (
    # (born up to this year, ((label, weight), ...))
    (1950, (("文盲或半文盲", 35), ("小学", 45), ("初中", 15), ("高中", 5))),
    (1965, (("文盲或半文盲", 15), ("小学", 35), ("初中", 35), ("高中", 12), ("中等专科", 3))),
    (1980, (("小学", 15), ("初中", 50), ("高中", 20), ("中等专科", 7), ("大学专科", 5), ("大学本科", 3))),
    (1995, (("小学", 4), ("初中", 40), ("高中", 20), ("中等专科", 8), ("技工学校", 5), ("大学专科", 13),
            ("大学本科", 9), ("研究生", 1))),
    (9999, (("初中", 25), ("高中", 18), ("中等专科", 10), ("技工学校", 5), ("大学专科", 22), ("大学本科", 18),
            ("研究生", 2))),
)
OCCUPATIONS = (("务农", 35), ("外出务工", 25), ("个体经营", 8), ("企业职工", 10), ("无业", 5), ("教师", 2),
               ("乡村医生", 1), ("货车司机", 3), ("建筑工人", 6), ("家务", 5))
ORDINAL_SIBLINGS = {"男": ("长子", "次子"), "女": ("长女", "次女")}
PLAIN_CHILD = {"男": "子", "女": "女"}
HEAD = "户主"


@dataclass(frozen=True)
class DemoSummary:
    grid_nodes: int
    households: int
    persons: int
    houses: int
    places: int
    tags: int
    workers: int
    seconds: float


@dataclass(frozen=True)
class _Plan:
    households: int
    towns: int
    villages: int
    households_per_grid: int  # 0: a fixed number of grids
    fixed_grids: int
    micro_choices: tuple[int, ...]  # micro-grids under a grid, drawn uniformly


PLANS = {
    "village": _Plan(300, 1, 1, 0, 6, (2, 3)),
    "town": _Plan(8000, 1, 25, 65, 0, (2, 2, 3)),
    "county": _Plan(50000, 15, 300, 70, 0, (0, 0, 1, 1, 2, 3)),
}


@dataclass
class _Spec:
    """One member of a household before it becomes a row."""

    relation: str
    sex: str
    age: int
    role: str  # head, spouse, child, inlaw, grandchild, parent
    marital: str
    away: bool = False


@dataclass
class _Member:
    row: dict[str, Any]
    age: int
    role: str
    away: bool


@dataclass
class _Home:
    """A registered household of the village being built, for tags, landlords, centres and heads."""

    row: dict[str, Any]
    house: dict[str, Any]
    members: list[_Member]
    leaf: int
    local: bool

    @property
    def head(self) -> _Member:
        return self.members[0]

    def party_member(self) -> _Member | None:
        return next((m for m in self.members if m.row["political_status"] == "中共党员"), None)


@dataclass
class _VillagePlan:
    town: int
    name: str
    community: bool
    households: int
    code: str


def generate(ws: Workspace, scale: str = "village", seed: int = 1,
             progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Fill an empty database with demo data of the given scale ("village", "town" or "county")."""
    started = time.perf_counter()
    if scale not in PLANS:
        raise RuleViolation(f"未知的演示数据规模“{scale}”，应为 village（村）、town（镇）或 county（县）。")
    with ws.read() as s:
        if s.scalar(select(Household.id).limit(1)) is not None:
            raise RuleViolation("数据库中已有住户数据，不能生成演示数据。"
                                "演示数据只能生成到空数据库中，请新建一个数据库后再试。")
    office = ws.office
    known = office is not None and _usable_county(office.county_code)
    county = office.county_code if known else DEFAULT_COUNTY
    if office is None:
        office = ws.init_office(OFFICE_NAMES[scale], county)
    with ws.write(SYSTEM) as tx:
        builder = _Builder(tx.session, ws.clock, office.id, county, PLANS[scale], seed, progress)
        builder.run()
        tx.stamp.tables.update(model.__tablename__ for model in TABLE_ORDER)
        demo_cases.fill(ws, tx, scale, seed, TODAY)
        counts = builder.counts
        summary = DemoSummary(
            grid_nodes=counts[GridNode], households=counts[Household], persons=counts[Person],
            houses=counts[House], places=counts[Place], tags=counts[PersonTag], workers=counts[GridWorker],
            seconds=round(time.perf_counter() - started, 2),
        )
        tx.session.add(AuditEntry(user_name=SYSTEM.name, action="demo", table_name=GridNode.__tablename__,
                                  record_id=builder.root_id,
                                  detail={"scale": scale, "seed": seed, **asdict(summary)}))
    return replace(summary, seconds=round(time.perf_counter() - started, 2))  # the commit included


def _usable_county(code: str) -> bool:
    """A current county-level code (not a province or prefecture) that names a place."""
    return divisions.is_current(code) and [c for c, _ in divisions.counties_under(code)] == [code]


@cache
def _division_years() -> dict[str, tuple[int, int]]:
    """code -> (first year, last year) seen in the GB/T 2260 releases."""
    years = {}
    for line in resource_path("codes", "gb2260-divisions.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("code\t"):
            code, _name, first, last = line.split("\t")
            years[code] = (int(first[:4]), int(last[:4]))
    return years


def _weighted(pairs: tuple[tuple[str, float], ...]) -> tuple[tuple[str, ...], list[float]]:
    return tuple(p[0] for p in pairs), list(accumulate(p[1] for p in pairs))


class _Builder:
    def __init__(self, session: Any, clock: Any, office_id: str, county: str, plan: _Plan, seed: int,
                 progress: Callable[[int, int], None] | None) -> None:
        self.s = session
        self.clock = clock
        self.office_id = office_id
        self.county = county
        self.county_name = divisions.counties_under(county)[0][1]
        self.plan = plan
        self.rng = random.Random(seed)
        self.progress = progress
        self.now = utcnow()
        self.rows: dict[type, list[dict[str, Any]]] = {model: [] for model in TABLE_ORDER}
        self.pending = 0
        self.counts: dict[type, int] = dict.fromkeys(TABLE_ORDER, 0)
        self.done_households = 0
        self.root_id = ""
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()
        self.surnames = _weighted(names.SURNAMES)
        self.minorities = _weighted(MINORITIES)
        self.education = [(year, _weighted(pairs)) for year, pairs in EDUCATION_BY_BIRTH_YEAR]
        self.occupations = _weighted(OCCUPATIONS)
        self.provinces = _weighted(names.ORIGIN_PROVINCES)
        self.origin_counties = {p: divisions.counties_under(p) for p in self.provinces[0]}
        nearby = [c for c, _ in divisions.counties_under(county[:4]) if c != county]
        province = [c for c, _ in divisions.counties_under(county[:2]) if c != county]
        self.nearby = nearby or province or [county]
        years = _division_years()
        self.historic = [(code, years.get(code, (0, 0))[1])
                         for code, name in divisions.counties_under(county[:2], include_abolished=True)
                         if name == self.county_name and not divisions.is_current(code)]
        self.override_surnames = list(names.OVERRIDE_SURNAMES)

    # -- plumbing --------------------------------------------------------------------------------------------

    def uid(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4).hex

    def add(self, model: type, **values: Any) -> dict[str, Any]:
        row = {"id": self.uid(), "created_at": self.now, "updated_at": self.now, "hlc": self.clock.now(),
               "office_id": self.office_id, "deleted": False, **values}
        self.rows[model].append(row)
        self.pending += 1
        return row

    def flush(self, force: bool = False) -> None:
        if not force and self.pending < BATCH_ROWS:
            return
        for model in TABLE_ORDER:
            rows = self.rows[model]
            if rows:
                self.s.execute(insert(model.__table__), rows)
                self.counts[model] += len(rows)
                self.rows[model] = []
        self.pending = 0
        if self.progress is not None:
            self.progress(self.done_households, self.plan.households)

    # -- the tree --------------------------------------------------------------------------------------------

    def run(self) -> None:
        if self.progress is not None:
            self.progress(0, self.plan.households)
        villages = self.plan_villages()
        towns = self.town_names()
        neighbours = [n for _, n in divisions.counties_under(self.county[:4]) if n != self.county_name]
        neighbours = (neighbours * 4 + ["邻县"] * 4)[:4]
        root = self.node(None, 1, self.county_name, self.county, 0,
                         party_org=f"中共{self.county_name}委员会政法委员会",
                         **self.boundaries(neighbours), **self.head())
        self.root_id = root["id"]
        for t, town in enumerate(towns):
            around = [towns[(t + k) % len(towns)] for k in (1, 2, 3, 4)] if len(towns) > 4 else neighbours
            code = self.county + self.town_code(town, t)
            town_node = self.node(root, 2, town, code, t, party_org=f"中共{town}委员会",
                                  **self.boundaries(around), **self.head())
            mine = [v for v in villages if v.town == t]
            for i, village in enumerate(mine):
                self.village(town_node, village, i, [v.name for v in mine])
                self.flush()
        self.flush(force=True)

    def plan_villages(self) -> list[_VillagePlan]:
        plan = self.plan
        per_town = self.split(plan.villages, plan.towns, 0.3)
        towns = self.town_names()
        used: set[str] = {"幸福村"}
        result: list[_VillagePlan] = []
        for t, count in enumerate(per_town):
            street = towns[t].endswith("街道")
            township = towns[t].endswith("乡")
            communities = count if street else 0 if township or count < 5 else self.rng.randint(1, 2)
            if plan.villages > 1 and not street and t == 0:
                communities = max(communities, 3)
            numbers = {"village": 200, "community": 0}
            offset = 1 if t == 0 else 0  # 幸福村 comes first
            for i in range(count):
                community = offset <= i < communities + offset
                if t == 0 and i == 0:
                    name = "幸福村"
                else:
                    name = self.community_name(used) if community else self.village_name(used)
                kind = "community" if community else "village"
                numbers[kind] += 1
                result.append(_VillagePlan(t, name, community, 0, f"{numbers[kind]:03d}"))
        weights = [self.rng.uniform(0.5, 1.5) * (1.6 if v.community else 1.0) for v in result]
        for v, n in zip(result, self.split(plan.households, len(result), weights=weights), strict=True):
            v.households = n
        return result

    def town_names(self) -> list[str]:
        if self.plan.towns == 1:
            return [names.TOWNS[0]]
        towns = list(names.TOWNS[: self.plan.towns])
        streets = [t for t in towns if t.endswith("街道")]
        return [towns[0], *streets, *[t for t in towns[1:] if t not in streets]]

    @staticmethod
    def town_code(town: str, index: int) -> str:
        if town.endswith("街道"):
            return f"{index + 1:03d}"
        return f"{(200 if town.endswith('乡') else 100) + index + 1:03d}"

    def village_name(self, used: set[str]) -> str:
        rng = self.rng
        while True:
            surname = rng.choices(self.surnames[0][:40], cum_weights=self.surnames[1][:40])[0]
            name = rng.choice(names.VILLAGE_PREFIXES) + surname + rng.choice(names.VILLAGE_SUFFIXES) + "村"
            if name not in used:
                used.add(name)
                return name

    def community_name(self, used: set[str]) -> str:
        for direction in ("", "东", "西", "南", "北", "新"):
            candidates = [word + direction + "社区" for word in names.COMMUNITY_WORDS]
            free = [name for name in candidates if name not in used]
            if free:
                name = self.rng.choice(free)
                used.add(name)
                return name
        raise RuntimeError("out of community names")

    def split(self, total: int, parts: int, spread: float = 0.4,
              weights: list[float] | None = None) -> list[int]:
        """``total`` divided into ``parts`` random shares of at least 1 each (when total allows)."""
        if weights is None:
            weights = [self.rng.uniform(1 - spread, 1 + spread) for _ in range(parts)]
        floor = 1 if total >= parts else 0
        free = total - floor * parts
        whole = sum(weights)
        shares = [floor + int(free * w / whole) for w in weights]
        for i in range(total - sum(shares)):
            shares[i % parts] += 1
        return shares

    def node(self, parent: dict[str, Any] | None, level: int, name: str, code: str, order: int,
             **fields: Any) -> dict[str, Any]:
        row = self.add(GridNode, parent_id=parent["id"] if parent else None, path="", level=level,
                       kind="综合网格", code=code, name=name, boundary_east="", boundary_south="",
                       boundary_west="", boundary_north="", head_name="", head_phone="", party_org="",
                       notes="", plan_image=None, sort_order=order, retired=False)
        row["path"] = (parent["path"] if parent else "/") + row["id"] + "/"
        row.update(fields)
        return row

    @staticmethod
    def boundaries(around: list[str]) -> dict[str, str]:
        east, south, west, north = around
        return {"boundary_east": f"东至{east}", "boundary_south": f"南至{south}",
                "boundary_west": f"西至{west}", "boundary_north": f"北至{north}"}

    def head(self) -> dict[str, str]:
        sex = "男" if self.rng.random() < 0.8 else "女"
        return {"head_name": self.full_name(self.surname(), sex, self.rng.randint(1966, 1986)),
                "head_phone": self.phone()}

    def village(self, town: dict[str, Any], plan: _VillagePlan, order: int, siblings: list[str]) -> None:
        rng = self.rng
        short = plan.name.removesuffix("社区").removesuffix("村")
        others = [n for n in siblings if n != plan.name] or ["邻村"]
        around = [rng.choice(others) if rng.random() < 0.6 else rng.choice(names.ROADS) for _ in range(4)]
        org = f"{plan.name}党总支" if plan.community else f"{plan.name}党支部"
        vnode = self.node(town, 3, plan.name, town["code"] + plan.code, order, party_org=org,
                          **self.boundaries(around))
        p = self.plan
        n_grids = p.fixed_grids or max(2, round(plan.households / p.households_per_grid))
        leaves: list[dict[str, Any]] = []
        grids: list[tuple[dict[str, Any], list[int]]] = []
        for g in range(n_grids):
            west = f"第{names.ORDINALS[g - 1]}网格" if g else "村界"
            east = f"第{names.ORDINALS[g + 1]}网格" if g + 1 < n_grids else "村界"
            around = [east, rng.choice(names.ROADS), west, rng.choice(names.ROADS)]
            gnode = self.node(vnode, 4, f"第{names.ORDINALS[g]}网格", vnode["code"] + f"{g + 1:02d}", g,
                              **self.boundaries(around))
            if rng.random() < 0.7:
                gnode["party_org"] = f"{org}{gnode['name']}党小组"
            micro = rng.choice(p.micro_choices)
            if micro == 0:
                grids.append((gnode, [len(leaves)]))
                leaves.append(gnode)
                continue
            indices = []
            for m in range(micro):
                mnode = self.node(gnode, 5, f"第{names.ORDINALS[m]}微网格", gnode["code"] + f"{m + 1:02d}", m)
                indices.append(len(leaves))
                leaves.append(mnode)
            grids.append((gnode, indices))
        streets = [_Street(plan, i + 1, rng) for i in range(len(leaves))]
        counts = self.split(plan.households, len(leaves))
        slots = [(leaf, streets[leaf].next()) for leaf, count in enumerate(counts) for _ in range(count)]
        floating_share = 0.16 if plan.community else 0.11
        floating = [rng.random() < floating_share for _ in slots]
        homes: dict[int, _Home] = {}
        for number, (leaf, address) in enumerate(slots, start=1):
            if not floating[number - 1]:
                homes[number] = self.local_home(plan, leaves[leaf], leaf, number, address)
        locals_ = list(homes.values())
        rentals: dict[int, dict[str, Any]] = {}  # lowest-level grid -> the last house let to tenants there
        for number, (leaf, address) in enumerate(slots, start=1):
            if floating[number - 1]:
                landlord = rng.choice(locals_) if locals_ else None
                shared = rentals.get(leaf) if rng.random() < 0.35 else None  # rooms let to several households
                home = self.floating_home(plan, leaves[leaf], leaf, number, address, landlord, shared)
                rentals[leaf] = home.house
                homes[number] = home
        ordered = [homes[n] for n in sorted(homes)]
        self.done_households += len(ordered)
        for _ in range(round(len(ordered) * 0.03)):
            leaf = rng.randrange(len(leaves))
            owner = rng.choice(locals_).head.row if locals_ else None
            self.house(plan, leaves[leaf], streets[leaf].next(), "空置", owner)
        self.places(plan, short, leaves, ordered)
        self.workers(vnode, grids, town["name"], plan)
        self.centres(grids, ordered)
        for leaf, lnode in enumerate(leaves):
            if lnode["level"] == 5:
                mine = [h for h in ordered if h.leaf == leaf and h.local]
                if mine:
                    members = [h for h in mine if h.party_member()]
                    pick = members[0] if members else rng.choice(mine)
                    lnode["head_name"] = pick.head.row["name"]
                    lnode["head_phone"] = pick.head.row["phone"] or pick.row["phone"]
                    first, last = mine[0].row["address"], mine[-1].row["address"]
                    lnode.update(self.boundaries([f"{last}东侧", rng.choice(names.ROADS), f"{first}西侧",
                                                  rng.choice(names.ROADS)]))

    # -- households ------------------------------------------------------------------------------------------

    def local_home(self, plan: _VillagePlan, leaf: dict[str, Any], leaf_index: int, number: int,
                   address: str) -> _Home:
        rng = self.rng
        specs, away = self.local_family()
        head_spec = specs[0]
        if self.override_surnames and number % 3 == 0:
            head_surname = self.override_surnames.pop(0)
        else:
            head_surname = self.surname()
        husband = next((s for s in specs if s.role == "spouse" and s.sex == "男"), None)
        # Children carry the father's surname: the head's, the husband's (set below), or a late husband's.
        family = head_surname if head_spec.sex == "男" else "" if husband else self.surname()
        household = self.add(Household, number=f"{number:03d}", kind="户籍户", grid_id=leaf["id"],
                             house_id=None, address=address, phone="", colour="绿", colour_reason="",
                             notes="")
        ethnicity = "汉族" if rng.random() < 0.975 else self.pick(self.minorities)
        city = rng.choice(names.WORK_CITIES)
        members: list[_Member] = []
        taken: set[str] = set()
        for order, spec in enumerate(specs):
            if spec.role == "head":
                surname = head_surname
            elif spec.role == "spouse":
                surname = self.surname()
                if spec.sex == "男":
                    family = surname
            elif spec.role in ("child", "grandchild"):
                surname = family
            elif spec.role == "parent":
                surname = head_surname if spec.sex == "男" else self.surname()
            else:
                surname = self.surname()
            married_in = spec.role in ("spouse", "inlaw")
            kind, origin, arrival, birthplace = "户籍人口", "", None, None
            if married_in and spec.age < 45 and rng.random() < 0.15:
                birthplace, origin = self.origin()
                kind = "流动人口"
                arrival = min(TODAY - timedelta(days=rng.randrange(30, 400)),
                              TODAY - timedelta(days=int((spec.age - rng.randint(21, 26)) * 365.25)))
            elif married_in and rng.random() < 0.3:
                birthplace = rng.choice(self.nearby)
            eth = "汉族" if married_in and ethnicity != "汉族" and rng.random() < 0.3 else ethnicity
            row = self.person(household["id"], order, spec, surname, taken, birthplace=birthplace,
                              residence=kind, origin=origin, arrival=arrival, ethnicity=eth, city=city)
            members.append(_Member(row, spec.age, spec.role, spec.away))
        household["phone"] = next((m.row["phone"] for m in members if m.row["phone"] and not m.away), "")
        head = members[0].row
        house = self.house(plan, leaf, address, "自住", None, head=head, household=household)
        home = _Home(household, house, members, leaf_index, True)
        self.tags(home, plan, city if away else "")
        self.colour(home)
        return home

    def floating_home(self, plan: _VillagePlan, leaf: dict[str, Any], leaf_index: int, number: int,
                      address: str, landlord: _Home | None, shared: dict[str, Any] | None) -> _Home:
        rng = self.rng
        household = self.add(Household, number=f"{number:03d}", kind="流动户", grid_id=leaf["id"],
                             house_id=None, address=address, phone="", colour="绿", colour_reason="",
                             notes="")
        code, origin = self.origin()
        arrival = TODAY - timedelta(days=rng.randrange(30, 11 * 365))
        age = rng.randint(22, 55)
        married = rng.random() < 0.85
        head_sex = "男" if rng.random() < (0.85 if married else 0.65) else "女"
        specs = [_Spec(HEAD, head_sex, age, "head", "已婚" if married else "未婚")]
        youngest = age
        if married:
            other = "女" if head_sex == "男" else "男"
            spouse_age = max(20, age - rng.randint(-1, 4) if head_sex == "男" else age + rng.randint(-1, 4))
            specs.append(_Spec("配偶", other, spouse_age, "spouse", "已婚"))
            youngest = min(age, spouse_age)
            births = self.pick_count((15, 35, 40, 10))
            for child_age in sorted((youngest - rng.randint(21, 34) for _ in range(births)), reverse=True):
                if 0 <= child_age <= 17 and rng.random() < 0.9:
                    sex = "男" if rng.random() < 0.52 else "女"
                    specs.append(_Spec(PLAIN_CHILD[sex], sex, child_age, "child", "未婚"))
        head_surname = self.surname()
        family = head_surname
        members: list[_Member] = []
        taken: set[str] = set()
        for order, spec in enumerate(specs):
            if spec.role == "spouse":
                surname = self.surname()
                if spec.sex == "男":
                    family = surname
            elif spec.role == "child":
                surname = family
            else:
                surname = head_surname
            row = self.person(household["id"], order, spec, surname, taken, birthplace=code,
                              residence="流动人口", origin=origin, arrival=arrival, ethnicity="汉族", city="")
            if row["birth_date"] > arrival:
                row["arrival_date"] = row["birth_date"]
            members.append(_Member(row, spec.age, spec.role, False))
        household["phone"] = members[0].row["phone"]
        if shared is not None:
            house = shared
            house["tenant_count"] += len(members)
            household["house_id"], household["address"] = house["id"], house["address"]
        else:
            house = self.house(plan, leaf, address, "出租", landlord.head.row if landlord else None,
                               household=household, tenants=len(members))
        home = _Home(household, house, members, leaf_index, False)
        self.tags(home, plan, "")
        self.colour(home)
        return home

    def local_family(self) -> tuple[list[_Spec], bool]:
        rng = self.rng
        age = self.pick_age()
        single = 0.15 if age >= 70 else 0.06 if age >= 60 else 0.03
        if rng.random() < single:
            sex = "女" if rng.random() < (0.62 if age >= 60 else 0.3) else "男"
            marital = "丧偶" if age >= 55 else rng.choice(("未婚", "离婚"))
            return [_Spec(HEAD, sex, age, "head", marital)], False
        married = rng.random() < (0.95 if age < 70 else 0.78 if age < 80 else 0.55)
        head_sex = "男" if rng.random() < (0.9 if married else 0.45) else "女"
        specs = [_Spec(HEAD, head_sex, age, "head", "已婚" if married else "丧偶" if age >= 50 else "离婚")]
        youngest = age
        if married:
            other = "女" if head_sex == "男" else "男"
            gap = rng.randint(-1, 5)
            spouse_age = min(96, max(20, age - gap if head_sex == "男" else age + gap))
            label = "配偶" if rng.random() < 0.8 else ("妻" if other == "女" else "夫")
            specs.append(_Spec(label, other, spouse_age, "spouse", "已婚"))
            youngest = min(age, spouse_age)
        n = self.pick_count((2, 25, 50, 23) if age < 45 else (0, 20, 50, 30) if age < 60
                            else (0, 10, 30, 35, 25))
        ages = sorted((youngest - rng.randint(21, 36) for _ in range(n)), reverse=True)
        children: list[_Spec] = []
        married_son: _Spec | None = None
        for child_age in ages:
            if child_age < 0:
                continue
            sex = "男" if rng.random() < 0.52 else "女"
            if child_age < 18:
                stay = rng.random() < 0.97
            elif child_age < 25:
                stay = rng.random() < 0.85
            elif sex == "男":
                stay = married_son is None and rng.random() < (0.75 if age >= 50 else 0.4)
            else:
                stay = rng.random() < 0.08
            if not stay:
                continue
            child = _Spec("", sex, child_age, "child", "未婚")
            if sex == "男" and child_age >= 24 and married_son is None and rng.random() < 0.85:
                child.marital = "已婚"
                married_son = child
            children.append(child)
        for sex in ("男", "女"):
            same = [c for c in children if c.sex == sex]
            for i, child in enumerate(same):
                if len(same) == 1:
                    only = n == 1 and rng.random() < 0.5
                    child.relation = ("独生子" if sex == "男" else "独生女") if only else PLAIN_CHILD[sex]
                else:
                    child.relation = ORDINAL_SIBLINGS[sex][i] if i < 2 else PLAIN_CHILD[sex]
        specs.extend(children)
        away = False
        if married_son is not None:
            wife = _Spec("儿媳", "女", max(20, married_son.age - rng.randint(-1, 4)), "inlaw", "已婚")
            specs.append(wife)
            young = min(married_son.age, wife.age)
            grandchildren = []
            for _ in range(self.pick_count((5, 25, 45, 25))):
                grand_age = young - rng.randint(21, 32)
                if grand_age >= 0 and (grand_age < 22 or rng.random() < 0.4):  # grown-up ones often moved out
                    sex = "男" if rng.random() < 0.53 else "女"
                    label = "孙子" if sex == "男" else "孙女"
                    grandchildren.append(_Spec(label, sex, grand_age, "grandchild", "未婚"))
            specs.extend(sorted(grandchildren, key=lambda g: -g.age))
            if grandchildren and rng.random() < 0.3:
                away = married_son.away = wife.away = True
        if age < 62 and rng.random() < 0.35:
            parents = [("母亲", "女")] if rng.random() < 0.6 else [("父亲", "男")]
            if rng.random() < 0.3:
                parents = [("父亲", "男"), ("母亲", "女")]
            base = age + rng.randint(22, 34)
            for label, sex in parents:
                parent_age = base + (rng.randint(0, 4) if sex == "男" else 0)
                if parent_age <= 96:
                    marital = "已婚" if len(parents) == 2 else "丧偶"
                    specs.append(_Spec(label, sex, parent_age, "parent", marital))
        return specs, away

    def pick_age(self) -> int:
        band = self.pick_count((0, 0, 0, 15, 20, 25, 20, 14, 6))
        low = band * 10
        return self.rng.randint(low, min(low + 9, 85))

    def pick_count(self, weights: tuple[int, ...]) -> int:
        return self.rng.choices(range(len(weights)), weights=weights)[0]

    def pick(self, table: tuple[tuple[str, ...], list[float]]) -> str:
        return self.rng.choices(table[0], cum_weights=table[1])[0]

    # -- people ----------------------------------------------------------------------------------------------

    def person(self, household_id: str, order: int, spec: _Spec, surname: str, taken: set[str], *,
               birthplace: str | None, residence: str, origin: str, arrival: date | None, ethnicity: str,
               city: str) -> dict[str, Any]:
        rng = self.rng
        birth = TODAY - timedelta(days=int(spec.age * 365.25) + rng.randrange(365))
        if birthplace is None:
            birthplace = self.county
            for code, last_year in self.historic:
                if birth.year <= last_year and rng.random() < 0.85:
                    birthplace = code
        number = self.id_number(birthplace, birth, spec.sex)
        name = self.full_name(surname, spec.sex, birth.year)
        for _ in range(5):
            if name not in taken:
                break
            name = self.full_name(surname, spec.sex, birth.year)
        taken.add(name)
        initials = pinyin.initials(name)
        age = spec.age
        phone_share = 0.5 if age < 18 else 0.95 if age < 70 else 0.7 if age < 80 else 0.4
        has_phone = age >= 16 and rng.random() < phone_share
        occupation, employer = self.work(age, spec.sex, spec.away, city, residence)
        phone = self.phone() if has_phone else ""
        return self.add(
            Person, household_id=household_id, sort_order=order, relation=spec.relation, name=name,
            name_initials=initials, id_number=number, id_reversed=number[::-1], sex=spec.sex,
            birth_date=birth,
            ethnicity=ethnicity, political_status=self.political(age, spec.sex, occupation),
            education=self.schooling(age, birth.year, spec.sex), marital_status=self.marital(spec),
            occupation=occupation, employer=employer, phone=phone, phone_reversed=phone[::-1],
            residence_kind=residence, origin=origin, arrival_date=arrival, status="在册", notes="",
        )

    def id_number(self, code6: str, birth: date, sex: str) -> str:
        stem = f"{code6}{birth.year:04d}{birth.month:02d}{birth.day:02d}"
        odd = 1 if sex == "男" else 0
        while True:
            first17 = f"{stem}{self.rng.randrange(500) * 2 + odd:03d}"
            if first17 not in self.used_ids:
                self.used_ids.add(first17)
                return first17 + idnumber.check_digit(first17)

    def phone(self) -> str:
        while True:
            number = self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(100_000_000):08d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def surname(self) -> str:
        return self.pick(self.surnames)

    def full_name(self, surname: str, sex: str, year: int) -> str:
        era = "old" if year < 1960 else "mid" if year < 1980 else "young" if year < 2000 else "new"
        pool = names.GIVEN[(era, sex)]
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            given = rng.choice(pool["whole"])
        elif roll < 0.5:
            given = rng.choice(pool["single"])
        else:
            first = rng.choice(pool["first"])
            second = rng.choice([c for c in pool["second"] if c != first])
            given = first + second
        return surname + given

    def origin(self) -> tuple[str, str]:
        while True:
            counties = self.origin_counties[self.pick(self.provinces)]
            if counties:
                code = self.rng.choice(counties)[0]
                return code, divisions.name_of(code) or ""

    def schooling(self, age: int, year: int, sex: str) -> str:
        rng = self.rng
        if age < 6:
            return ""
        if age < 12:
            return "小学"
        if age < 15:
            return "初中"
        if age < 18:
            return rng.choice(("高中", "高中", "初中", "中等专科"))
        for last, table in self.education:
            if year <= last:
                label = self.pick(table)
                if sex == "女" and year <= 1965 and label != "文盲或半文盲" and rng.random() < 0.15:
                    label = "文盲或半文盲"
                return label
        return "初中"

    def political(self, age: int, sex: str, occupation: str) -> str:
        roll = self.rng.random()
        if age < 14:
            return "群众"
        if age < 29:
            if age >= 18 and roll < 0.03:
                return "中共党员"
            if age >= 18 and roll < 0.04:
                return "中共预备党员"
            return "共青团员" if roll < (0.6 if occupation == "学生" else 0.3) else "群众"
        party = 0.09 if sex == "男" else 0.03
        shares = (("中共党员", party), ("中共预备党员", 0.004), ("无党派人士", 0.002), ("民盟盟员", 0.001))
        for label, share in shares:
            if roll < share:
                return label
            roll -= share
        return "群众"

    def marital(self, spec: _Spec) -> str:
        if spec.marital == "已婚":
            roll = self.rng.random()
            return "初婚" if roll < 0.1 else "再婚" if roll < 0.14 else "已婚"
        return spec.marital

    def work(self, age: int, sex: str, away: bool, city: str, residence: str) -> tuple[str, str]:
        rng = self.rng
        if age < 6:
            return "学龄前儿童", ""
        if age < 18 or (age < 23 and rng.random() < 0.5):
            return "学生", ""
        if away:
            return "外出务工", self.company(city or rng.choice(names.WORK_CITIES))
        if residence == "流动人口":
            job = rng.choice(("企业职工", "个体经营", "建筑工人", "企业职工"))
            return job, self.company(self.county_name) if job == "企业职工" else ""
        if age >= 65:
            return ("务农", "") if rng.random() < 0.55 else ("无", "")
        job = self.pick(self.occupations)
        if job == "家务" and sex == "男":
            job = "务农"
        if job == "外出务工":
            return job, self.company(rng.choice(names.WORK_CITIES))
        if job == "企业职工":
            return job, self.company(self.county_name)
        return job, ""

    def company(self, where: str) -> str:
        city = where.split("省")[-1].split("自治区")[-1]
        return f"{city}{self.rng.choice(names.EMPLOYER_WORDS)}{self.rng.choice(names.INDUSTRIES)}有限公司"

    # -- houses, places, workers, party centres --------------------------------------------------------------

    def house(self, plan: _VillagePlan, leaf: dict[str, Any], address: str, use: str,
              owner: dict[str, Any] | None, *, head: dict[str, Any] | None = None,
              household: dict[str, Any] | None = None, tenants: int | None = None) -> dict[str, Any]:
        rng = self.rng
        owner = owner if owner is not None else head
        if plan.community:
            structure, floors = "钢混", rng.choice((6, 6, 11, 18))
            area = round(rng.uniform(60, 140), 1)
            rating = "A级（安全）" if rng.random() < 0.85 else "B级（基本安全）"
        else:
            structure = self.pick((("砖混", "钢混", "砖木", "土木", "其他"), [60, 80, 95, 99, 100]))
            floors = rng.choice((1, 1, 2, 2, 2, 3))
            area = round(rng.uniform(80, 300), 1)
            roll = rng.random()
            rating = ("A级（安全）" if roll < 0.55 else "B级（基本安全）" if roll < 0.89 else
                      "C级（局部危险）" if roll < 0.995 else "D级（危房）")
            if structure == "土木" and rating == "A级（安全）":
                rating = "B级（基本安全）"
        rent = {"rent_purpose": "", "rent_start": None, "rent_end": None, "tenant_count": None}
        if use == "出租":
            start = TODAY - timedelta(days=rng.randrange(30, 3 * 365))
            rent = {"rent_purpose": rng.choice(("居住", "居住", "居住", "生产经营")), "rent_start": start,
                    "rent_end": start + timedelta(days=365 * rng.randint(1, 3)), "tenant_count": tenants}
        row = self.add(House, grid_id=leaf["id"], address=address, use=use, structure=structure, area=area,
                       floors=floors, safety_rating=rating, owner_name=owner["name"] if owner else "",
                       owner_phone=owner["phone"] if owner else "",
                       owner_id_number=owner["id_number"] if owner else "", notes="", **rent)
        if household is not None:
            household["house_id"] = row["id"]
        return row

    def places(self, plan: _VillagePlan, short: str, leaves: list[dict[str, Any]],
               homes: list[_Home]) -> None:
        rng = self.rng
        locals_ = [h for h in homes if h.local] or homes
        if not locals_:
            return
        count = rng.randint(12, 18) + (4 if plan.community else 0)
        chosen = list(range(8))  # shops, pharmacy, eateries, school, kindergarten: every village has these
        extra = list(range(8, len(names.PLACES)))
        rng.shuffle(extra)
        chosen += extra[: max(0, count - len(chosen))]
        seen: set[str] = set()
        for index in chosen:
            kind, pattern, risk = names.PLACES[index]
            host = rng.choice(locals_)
            name = pattern.format(v=short, s=host.head.row["name"][0], c=self.county_name)
            if name in seen:
                continue
            seen.add(name)
            if kind in ("学校", "幼儿园", "医疗机构", "其他"):
                address = f"{plan.name}{rng.choice(('村委会东侧', '文化广场南侧', '主街中段', '村口'))}"
                licence = ""
            else:
                address = host.row["address"]
                licence = ("91" if kind == "企业" else "92") + self.county + "MA" + "".join(
                    rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
                shop = kind in ("商超", "餐饮", "九小场所")
                if shop and host.house["use"] == "自住" and rng.random() < 0.5:
                    host.house["use"] = "商用"
            if risk == "中" and rng.random() < 0.2:
                risk = "高"
            contact = host.head.row
            self.add(Place, grid_id=leaves[host.leaf]["id"], name=name, type=kind, address=address,
                     contact_name=contact["name"], contact_phone=contact["phone"] or host.row["phone"],
                     licence_no=licence, risk_level=risk, notes="")

    def workers(self, vnode: dict[str, Any], grids: list[tuple[dict[str, Any], list[int]]], town: str,
                plan: _VillagePlan) -> None:
        rng = self.rng
        chief = self.worker("男" if rng.random() < 0.85 else "女", rng.randint(1962, 1982), "兼职", "",
                            True, f"{plan.name}{'党总支' if plan.community else '党支部'}书记")
        self.assign(chief, vnode, "网格长")
        vnode["head_name"], vnode["head_phone"] = chief["name"], chief["phone"]
        guide = self.worker("男" if rng.random() < 0.6 else "女", rng.randint(1970, 1995), "兼职",
                            f"{town}{'办事处' if town.endswith('街道') else '人民政府'}", True, "包村干部")
        self.assign(guide, vnode, "网格指导员")
        department = rng.choice(names.DEPARTMENTS)
        expert = self.worker("男" if rng.random() < 0.7 else "女", rng.randint(1970, 1998), "专业",
                             f"{town.removesuffix('街道').removesuffix('镇').removesuffix('乡')}{department}",
                             rng.random() < 0.6, "")
        self.assign(expert, vnode, "网格员")
        for gnode, _ in grids:
            kind = "专职" if rng.random() < 0.65 else "兼职"
            member = self.worker("女" if rng.random() < 0.5 else "男", rng.randint(1968, 2000), kind, "",
                                 rng.random() < 0.4, "")
            self.assign(member, gnode, "网格员")
            gnode["head_name"], gnode["head_phone"] = member["name"], member["phone"]

    def worker(self, sex: str, year: int, kind: str, department: str, party: bool,
               notes: str) -> dict[str, Any]:
        return self.add(GridWorker, name=self.full_name(self.surname(), sex, year), sex=sex,
                        phone=self.phone(), kind=kind, department=department, party_member=party, notes=notes)

    def assign(self, worker: dict[str, Any], node: dict[str, Any], role: str) -> None:
        self.add(GridAssignment, worker_id=worker["id"], grid_id=node["id"], role=role)

    def centres(self, grids: list[tuple[dict[str, Any], list[int]]], homes: list[_Home]) -> None:
        rng = self.rng
        for _gnode, indices in grids:
            mine = [h for h in homes if h.leaf in indices]
            if len(mine) < 6:
                continue
            candidates = [h for h in mine if h.local and h.party_member()]
            used = set()
            for _ in range(1 if len(mine) < 40 else 2):
                free = [h for h in candidates if h.row["id"] not in used]
                if not free:
                    break
                centre_home = rng.choice(free)
                member = centre_home.party_member()
                used.add(centre_home.row["id"])
                start = mine.index(centre_home)
                neighbours = [mine[(start + k) % len(mine)] for k in range(1, len(mine))]
                neighbours = [h for h in neighbours if h.row["id"] not in used][: rng.randint(5, 10)]
                centre = self.add(PartyCenter, household_id=centre_home.row["id"],
                                  member_id=member.row["id"] if member else None,
                                  notes=f"{member.row['name'] if member else ''}联系{len(neighbours)}户")
                for h in neighbours:
                    used.add(h.row["id"])
                    self.add(PartyCenterLink, center_id=centre["id"], household_id=h.row["id"])

    # -- tags and colour -------------------------------------------------------------------------------------

    def tags(self, home: _Home, plan: _VillagePlan, away_city: str) -> None:
        rng = self.rng
        members = home.members
        head = home.head.row
        contact_phone = home.row["phone"] or head["phone"]

        def tag(m: _Member, category: str, details: dict[str, str], since: date | None = None,
                until: date | None = None) -> None:
            details = {key: value for key, value in details.items() if value}
            self.add(PersonTag, person_id=m.row["id"], category=category, details=details, since=since,
                     until=until, notes="")

        def day(years_back: float) -> date:
            return TODAY - timedelta(days=int(years_back * 365) + rng.randrange(365))

        everyone_old = all(m.age >= 60 for m in members)
        disabled = False
        for m in members:
            row, age = m.row, m.age
            if len(members) == 1 and age >= 60 and rng.random() < 0.85:
                tag(m, "elderly_alone", {"contact": self.full_name(row["name"][0], "男", 1975),
                                         "contact_phone": self.phone()})
            elif everyone_old and len(members) > 1 and rng.random() < 0.7:
                tag(m, "empty_nest_elderly", {"contact": self.full_name(head["name"][0], "男", 1978),
                                              "contact_phone": self.phone()})
            if away_city and age >= 60:
                tag(m, "left_behind_elderly", {"children_location": away_city, "contact": head["name"],
                                               "contact_phone": contact_phone})
            if away_city and m.role == "grandchild" and age < 16:
                spouse = next((x for x in members if x.role == "spouse"), members[0])
                guardian = members[0] if members[0].age < 75 else spouse
                tag(m, "left_behind_child", {"guardian": guardian.row["name"],
                                             "guardian_phone": guardian.row["phone"] or contact_phone,
                                             "parents_location": away_city})
            if rng.random() < (0.04 if age >= 60 else 0.012):
                disabled = True
                kind = rng.choices(("视力", "听力", "言语", "肢体", "智力", "精神", "多重"),
                                   weights=(12, 12, 3, 45, 10, 10, 8))[0]
                grade = rng.choices(("一级", "二级", "三级", "四级"), weights=(10, 25, 30, 35))[0]
                certificate = (row["id_number"] + str("视力听力言语肢体智力精神多重".index(kind) // 2 + 1)
                               + str("一二三四".index(grade[0]) + 1))
                tag(m, "disabled",
                    {"disability_type": kind, "disability_grade": grade, "certificate_no": certificate},
                    since=day(rng.uniform(1, 15)))
            if row["sex"] == "男" and 25 <= age <= 80 and rng.random() < 0.03:
                discharged = row["birth_date"] + timedelta(days=int(365.25 * rng.randint(20, 24)))
                tag(m, "veteran", {"discharge_date": discharged.isoformat(),
                                   "preferential_card_no": f"{self.county}{rng.randrange(10**8):08d}"})
                if rng.random() < 0.1:
                    tag(m, "entitled_group", {"entitled_type": rng.choice(("在乡复员军人", "带病回乡退伍军人",
                                                                           "参战参试退役人员", "残疾军人"))})
            if age >= 45 and rng.random() < 0.07:
                tag(m, "serious_illness", {"disease": rng.choice(names.DISEASES),
                                           "family_doctor": "是" if rng.random() < 0.7 else "否"},
                    since=day(rng.uniform(0, 10)))
            if (row["sex"] == "女" and 20 <= age <= 40 and m.role in ("spouse", "inlaw", "head")
                    and row["marital_status"] != "未婚" and rng.random() < 0.04):
                tag(m, "pregnant", {"due_date": (TODAY + timedelta(days=rng.randint(10, 270))).isoformat(),
                                    "hospital": rng.choice((f"{self.county_name}人民医院",
                                                            f"{self.county_name}妇幼保健院"))})
            if age < 16 and rng.random() < 0.004:
                difficulty = rng.choice(("家庭贫困", "自身残疾", "监护缺失或不当"))
                tag(m, "child_in_difficulty", {"difficulty_type": difficulty, "guardian": head["name"],
                                               "guardian_phone": contact_phone})
            if 14 <= age <= 25 and rng.random() < 0.003:
                tag(m, "key_youth", {"youth_type": rng.choice(("闲散青少年", "有不良行为青少年", "其他")),
                                     "guardian": head["name"] if m.role != "head" else "",
                                     "guardian_phone": contact_phone})
            if 18 <= age <= 60 and rng.random() < 0.002:
                start = TODAY - timedelta(days=rng.randint(30, 700))
                end = start + timedelta(days=365 * rng.randint(1, 3))
                tag(m, "community_correction",
                    {"correction_type": rng.choices(("缓刑", "假释", "管制", "暂予监外执行"),
                                                    weights=(80, 10, 5, 5))[0],
                     "crime": rng.choice(names.CRIMES), "start_date": start.isoformat(),
                     "end_date": end.isoformat()},
                    since=start, until=end)
            if 20 <= age <= 65 and rng.random() < 0.003:
                released = day(rng.uniform(0, 5))
                tag(m, "released_prisoner", {"release_date": released.isoformat(),
                                             "original_crime": rng.choice(names.CRIMES),
                                             "original_sentence": rng.choice(names.SENTENCES),
                                             "helper": self.full_name(self.surname(), "男", 1975)},
                    since=released)
            if age >= 18 and rng.random() < 0.004:
                guardian = next((x for x in members if x is not m and x.age >= 18), None)
                tag(m, "mental_disorder",
                    {"risk_level": rng.choices(("0级", "1级", "2级", "3级", "4级", "5级"),
                                               weights=(40, 30, 15, 10, 3, 2))[0],
                     "guardian": guardian.row["name"] if guardian else "",
                     "guardian_phone": (guardian.row["phone"] if guardian else "") or contact_phone,
                     "medication": rng.choices(("规律服药", "间断服药", "不服药"), weights=(70, 22, 8))[0]})
            if 18 <= age <= 55 and rng.random() < 0.0015:
                status = rng.choice(("社区戒毒", "社区康复", "已戒断三年未复吸"))
                tag(m, "drug_user", {"control_status": status})
            if age >= 40 and rng.random() < 0.001:
                tag(m, "key_petitioner", {"demand": rng.choice(names.PETITION_DEMANDS),
                                          "petition_level": rng.choice(("县级", "市级", "省级"))})
        first = members[0]
        if not home.local:
            return
        if rng.random() < (0.18 if disabled else 0.026):
            year = rng.randint(2012, 2025)
            certificate = f"{self.county}{year}{rng.randrange(10**5):05d}"
            tag(first, "subsistence_allowance",
                {"amount": str(rng.choice((380, 420, 450, 480, 520))), "certificate_no": certificate},
                since=date(year, rng.randint(1, 12), 1))
        if len(members) == 1 and first.age >= 65 and rng.random() < 0.12:
            tag(first, "extreme_poverty", {"support_mode": "分散供养" if rng.random() < 0.85 else "集中供养"})
        if not plan.community and rng.random() < 0.05:
            year = rng.randint(2016, 2020)
            tag(first, "poverty_alleviated", {"year": str(year)}, since=date(year, 12, 1))
        if rng.random() < 0.01:
            monitor_type = rng.choice(("脱贫不稳定户", "边缘易致贫户", "突发严重困难户"))
            tag(first, "monitored", {"monitor_type": monitor_type,
                                     "main_risk": rng.choice(("因病", "因学", "因残", "因灾", "因意外事故",
                                                              "因务工就业不稳", "缺劳动力")),
                                     "risk_eliminated": "未消除" if rng.random() < 0.6 else "已消除"},
                since=day(rng.uniform(0, 3)))

    def colour(self, home: _Home) -> None:
        rng = self.rng
        ids = {m.row["id"] for m in home.members}
        categories: dict[str, dict[str, str]] = {}
        for tag in reversed(self.rows[PersonTag]):
            if tag["person_id"] not in ids:
                break
            categories[tag["category"]] = tag["details"]
        red: list[str] = []
        yellow: list[str] = []
        if home.house["safety_rating"] == "D级（危房）":
            red.append("居住房屋为D级危房")
        if home.house["safety_rating"] == "C级（局部危险）" and rng.random() < 0.2:
            yellow.append("房屋局部危险")
        if "community_correction" in categories:
            red.append("户内有社区矫正对象")
        if "drug_user" in categories:
            red.append("户内有吸毒人员")
        if "key_petitioner" in categories:
            red.append("户内有重点上访人员")
        if "mental_disorder" in categories:
            if categories["mental_disorder"]["risk_level"] in ("3级", "4级", "5级"):
                red.append("户内有3级以上风险严重精神障碍患者")
            else:
                yellow.append("户内有严重精神障碍患者")
        if "released_prisoner" in categories:
            yellow.append("户内有刑满释放人员")
        if categories.get("monitored", {}).get("risk_eliminated") == "未消除":
            yellow.append("防返贫监测对象，风险未消除")
        if "elderly_alone" in categories and home.head.age >= 80:
            yellow.append("高龄独居老人")
        roll = rng.random()
        if not red and roll < 0.001:
            red.append(rng.choice(names.RED_REASONS))
        if red:
            home.row["colour"], home.row["colour_reason"] = "红", "；".join(red)
        elif (yellow and roll < 0.6) or roll < 0.025:
            home.row["colour"] = "黄"
            home.row["colour_reason"] = "；".join(yellow) or rng.choice(names.YELLOW_REASONS)


class _Street:
    """Addresses of one lowest-level grid: "幸福村3组12号" in a village, flats in a community."""

    def __init__(self, plan: _VillagePlan, group: int, rng: random.Random) -> None:
        self.plan = plan
        self.group = group
        self.rng = rng
        self.door = 0
        self.estate = rng.choice(names.ESTATES) if plan.community else ""
        self.top = rng.choice((6, 6, 11, 18))

    def next(self) -> str:
        self.door += 1 + (1 if self.rng.random() < 0.08 else 0)
        if not self.plan.community:
            return f"{self.plan.name}{self.group}组{self.door}号"
        per_unit = self.top * 2
        unit, rest = divmod(self.door - 1, per_unit)
        floor, room = divmod(rest, 2)
        return f"{self.plan.name}{self.estate}{self.group}号楼{unit + 1}单元{floor + 1}{room + 1:02d}室"

"""The 采集簿 booklet of a grid node, in the order of the paper one: grid overview (四至, the plan map with its
pins, counts, workers, 党员中心户), one page per household with its members and their tags, then the category lists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from gridapp.dto import PIN_COLOURS
from gridapp.ledgers.fields import attr, field, text
from gridapp.ledgers.model import Column, Mark, Part, Rows, Section, SectionRun
from gridapp.ledgers.organisation import party_centers, workers
from gridapp.ledgers.people import grid_batches, persons_of, persons_per_grid, tags_by_person
from gridapp.ledgers.persons import (
    BORN,
    EDUCATION,
    ETHNICITY,
    ID_NUMBER,
    MARITAL,
    PHONE,
    POLITICAL,
    RELATION,
    SEX,
    tag_summary,
)
from gridapp.ledgers.scope import Scope
from gridapp.ledgers.statistics import household_counts, tag_counts
from gridapp.models import GridNode, House, Household

if TYPE_CHECKING:
    from gridapp.ledgers.model import Ledger

HOUSEHOLD_PAGE = "住户信息表"
HOUSEHOLD_SHEET = "住户信息"
HOUSEHOLD_BATCH = 500  # households read at a time
KIND_ORDER = {"household": 0, "house": 1, "place": 2}
KIND_LABELS = {"household": "住户", "house": "房屋", "place": "场所"}
PIN_COLUMNS = (Column("编号", 12, "center"), Column("类别", 14, "center"), Column("住户/房屋/场所", 90),
               Column("颜色", 14, "center"))


def booklet(scope: Scope, lists: Sequence[Ledger]) -> list[Part]:
    """Overview, household pages, then each ledger of ``lists`` starting on a page of its own."""
    sections: list[Part] = [*overview(scope), *household_pages(scope)]
    for ledger in lists:
        for i, section in enumerate(ledger.sections(scope)):
            title = f"{ledger.title}：{section.title}" if section.title else ledger.title
            sections.append(replace(section, title=title, new_page=i == 0, sheet=title))
    return sections


def overview(scope: Scope) -> list[Section]:
    """The grid's own page: name, code, 四至, head, counts, plan; then counts per child, workers, 党员中心户."""
    node = scope.node
    counts = household_counts(scope, "下级网格统计" if scope.top else "住户、人口与房屋")
    totals = dict(zip((c.header for c in counts.columns), counts.rows[-1], strict=True))
    fields = (
        ("网格名称", node.name), ("网格编码", node.code),
        ("层级", f"{node.level_label}（{node.kind}）"), ("上级", " / ".join(node.path_names[:-1])),
        ("东至", node.boundary_east), ("南至", node.boundary_south),
        ("西至", node.boundary_west), ("北至", node.boundary_north),
        ("网格长/负责人", f"{node.head_name}　{node.head_phone}".strip()), ("党组织", node.party_org),
        ("住户", f"{totals['户数']}户（户籍户{totals['户籍户']}户，流动户{totals['流动户']}户）"),
        ("实有人口", f"{totals['人口数']}人（户籍{totals['户籍人口']}人，流动{totals['流动人口']}人）"),
        ("60岁以上", f"{totals['60岁以上']}人（80岁以上{totals['其中80岁以上']}人）"),
        ("房屋/场所", f"房屋{totals['房屋']}处（出租{totals['出租房屋']}处），场所{totals['场所']}个"),
        ("下级网格", "、".join(name for _, name in scope.branches()) if scope.top else "无"),
        ("备注", node.notes),
    )
    return [
        Section("网格概况", fields=fields),
        *plan_map(scope),
        counts,
        tag_counts(scope),
        *workers(scope, "网格员"),
        *party_centers(scope, "党员中心户"),
    ]


MEMBER_FIELDS = (
    attr("姓名", 16, "name", "center"), RELATION, SEX, ID_NUMBER, BORN, ETHNICITY, POLITICAL, EDUCATION, MARITAL,
    field("职业/工作单位", 30, lambda p: "，".join(v for v in (p.occupation, p.employer) if v)),
    PHONE,
    field("人口类别", 26, lambda p: p.residence_kind + (
        f"（{p.origin}，{text(p.arrival_date)}来本地）" if p.residence_kind != "户籍人口" and p.origin else "")),
)
MEMBER_COLUMNS = (*(f.column for f in MEMBER_FIELDS), Column("特殊人群", 44))


def household_pages(scope: Scope) -> list[Part]:
    """One section per household, each on a page of its own, members in the household's order; read about
    HOUSEHOLD_BATCH households (whole grids, in tree order) at a time while the booklet is written."""
    with scope.ws.read() as s:
        counts = s.execute(
            select(Household.grid_id, func.count()).join(GridNode, GridNode.id == Household.grid_id)
            .where(scope.subtree(), ~Household.deleted).group_by(Household.grid_id)
        ).all()
    persons = sum(n for _, n in persons_per_grid(scope))
    batches = grid_batches(scope, counts, HOUSEHOLD_BATCH)

    def read() -> Iterator[Section]:
        for grids in batches:
            yield from _household_batch(scope, grids)

    pages = Rows(sum(n for _, n in counts), read)
    return [SectionRun(HOUSEHOLD_PAGE, HOUSEHOLD_SHEET, MEMBER_COLUMNS, pages, persons)] if pages else []


def _household_batch(scope: Scope, grids: list[str]) -> list[Section]:
    with scope.ws.read() as s:
        households = s.execute(
            select(Household, House.use, House.structure, House.safety_rating)
            .outerjoin(House, House.id == Household.house_id)
            .where(Household.grid_id.in_(grids), ~Household.deleted)
        ).all()
    members: dict[str, list[Any]] = {}
    for person in persons_of(scope, grids):
        members.setdefault(person.household_id, []).append(person)
    tags = tags_by_person(scope, grids=grids)
    households = sorted(households, key=lambda r: (scope.rank[r[0].grid_id], r[0].number, r[0].id))
    return [_household_page(scope, row, members.get(row[0].id, []), tags) for row in households]


def _household_page(scope: Scope, row: Any, members: list[Any], tags: dict[str, list[Any]]) -> Section:
    h, use, structure, safety = row
    head = next((m.name for m in members if m.relation == "户主"), "")
    colour = f"{h.colour}（{h.colour_reason}）" if h.colour_reason else h.colour
    fields = (
        ("户号", h.number), ("户别", h.kind),
        ("户主", head), ("在册人数", f"{len(members)}人"),
        ("住址", h.address), ("联系电话", h.phone),
        ("所属网格", scope.path_of(h.grid_id)),
        ("房屋", "，".join(v for v in (use, structure, safety) if v)),
        ("监测等级", colour), ("备注", h.notes),
    )
    rows = tuple(
        (*(text(f.value(m)) for f in MEMBER_FIELDS), "；".join(tag_summary(t) for t in tags.get(m.id, ())))
        for m in members
    )
    return Section(f"{HOUSEHOLD_PAGE}　户号：{h.number}　户主：{head}", MEMBER_COLUMNS, rows, fields,
                   new_page=True, sheet=HOUSEHOLD_SHEET)



def plan_map(scope: Scope) -> list[Section]:
    """The 网格平面图 page: the picture with numbered pins and a legend, the key of the numbers, and the
    households not yet on it (不缺户、不漏人); nothing when the node has no picture."""
    view = scope.ws.query.plan_map(scope.node.id)
    if view.picture is None or not view.picture.path.is_file():
        return []
    pins = sorted(view.pins, key=lambda p: (KIND_ORDER[p.target.kind], p.target.label))
    marks = tuple(Mark(str(i), p.x, p.y, PIN_COLOURS.get(p.target.colour, PIN_COLOURS[""]))
                  for i, p in enumerate(pins, 1))
    rows = tuple((str(i), KIND_LABELS[p.target.kind], p.target.label, p.target.colour or "—")
                 for i, p in enumerate(pins, 1))
    missing = "、".join(t.label for t in view.unplaced if t.kind == "household") or "无"
    covered = (("已上图", f"{view.households_placed} / {view.households_total} 户"),)
    return [Section("网格平面图", PIN_COLUMNS, rows, texts=covered, image=str(view.picture.path), marks=marks,
                    new_page=True, sheet="网格平面图"),
            Section("", texts=(("未上图住户", missing),), sheet="网格平面图")]

"""统计汇总: counts per direct child of the scope (households, persons, elderly, premises, special groups),
each table closed by a totals row, from a handful of GROUP BY queries over the whole subtree; then the charts
of the home page's dashboard (ws.query.dashboard), each with the table of its figures."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import case, func, select

from gridapp import codes
from gridapp.dto import Chart
from gridapp.ledgers.model import Column, Section, number_column
from gridapp.ledgers.persons import ELDERLY_AGE, OLDEST_AGE, years_before
from gridapp.ledgers.scope import Scope
from gridapp.models import GridNode, House, Household, Person, PersonTag, Place
from gridapp.queries.common import LIVE_PERSON

GRID = Column("网格", 32)
TOTAL = "合计"

# A column, the counts it reads ((branch id, key) -> n) and the keys it adds up (None: all of them).
Measure = tuple[Column, Counter[tuple[str, str]], tuple[str, ...] | None]


def statistics(scope: Scope) -> list[Section]:
    return [household_counts(scope), tag_counts(scope), *chart_sections(scope)]


def chart_sections(scope: Scope) -> list[Section]:
    return [chart_section(chart) for chart in scope.ws.query.dashboard(scope.node.id).charts]


def chart_section(chart: Chart) -> Section:
    """A chart with its figures under it: a row per category, a column per series; a chart with nothing to draw
    (all zero, as in an empty grid) prints its table only."""
    drawn = None if chart.empty else chart
    columns = (Column("", 32), *(number_column(s.name, 18) for s in chart.series))
    rows = tuple((category, *(str(s.values[i]) for s in chart.series)) for i, category in enumerate(chart.categories))
    return Section(chart.title, columns, rows, texts=(("说明", chart.note),) if chart.note else (), chart=drawn,
                   sheet="图表")


def household_counts(scope: Scope, title: str = "住户、人口与房屋") -> Section:
    kinds = codes.labels("household_kind")
    residences = codes.labels("residence_kind")
    old, oldest = years_before(scope.today, ELDERLY_AGE), years_before(scope.today, OLDEST_AGE)
    age = case((Person.birth_date <= oldest, "80"), else_="60")
    with scope.ws.read() as s:
        households = _tally(scope, s, _households(Household.grid_id, Household.kind, func.count(Household.id)))
        persons = _tally(scope, s, _persons(Household.grid_id, Person.residence_kind, func.count(Person.id)))
        ages = _tally(scope, s, _persons(Household.grid_id, age, func.count(Person.id))
                      .where(Person.birth_date <= old))
        houses = _tally(scope, s, select(House.grid_id, House.use, func.count(House.id))
                        .join(GridNode, GridNode.id == House.grid_id).where(~House.deleted))
        places = _tally(scope, s, select(Place.grid_id, Place.type, func.count(Place.id))
                        .join(GridNode, GridNode.id == Place.grid_id).where(~Place.deleted))
    columns: list[Measure] = [
        (number_column("户数"), households, None),
        *((number_column(k), households, (k,)) for k in kinds),
        (number_column("人口数"), persons, None),
        *((number_column(r), persons, (r,)) for r in residences),
        (number_column("60岁以上"), ages, None),
        (number_column("其中80岁以上"), ages, ("80",)),
        (number_column("房屋"), houses, None),
        (number_column("出租房屋"), houses, ("出租",)),
        (number_column("场所"), places, None),
    ]
    return branch_table(scope, title, columns)


def tag_counts(scope: Scope, title: str = "特殊人群（人数）") -> Section:
    groups = codes.special_groups()
    query = _persons(Household.grid_id, PersonTag.category, func.count(func.distinct(Person.id)))
    with scope.ws.read() as s:
        counts = _tally(scope, s, query.join(PersonTag, PersonTag.person_id == Person.id)
                        .where(~PersonTag.deleted))
    columns: list[Measure] = [(number_column(g.label, 11), counts, (g.code,)) for g in groups]
    columns.append((number_column("合计人次", 13), counts, None))
    return branch_table(scope, title, columns)


def _households(*columns: Any) -> Any:
    return select(*columns).join(GridNode, GridNode.id == Household.grid_id).where(~Household.deleted)


def _persons(*columns: Any) -> Any:
    return _households(*columns).join(Person, Person.household_id == Household.id).where(*LIVE_PERSON)


def _tally(scope: Scope, s: Any, query: Any) -> Counter[tuple[str, str]]:
    """(branch id, key) -> count for a query selecting (grid id, key, count), grouped here by its first two
    columns; every grid of the subtree is folded into the scope's child it lies under."""
    grouped = query.where(scope.subtree()).group_by(*list(query.selected_columns)[:2])
    counts: Counter[tuple[str, str]] = Counter()
    for grid_id, key, n in s.execute(grouped):
        counts[scope.branch[grid_id], key] += n
    return counts


def branch_table(scope: Scope, title: str, columns: list[Measure]) -> Section:
    """One row per branch (plus the scope's own records when it has children), then the totals row."""
    branches = scope.branches()
    if scope.top and any(branch == scope.node.id for _, counts, _ in columns for branch, _ in counts):
        branches.append((scope.node.id, f"{scope.node.name}（本级）"))
    values = [[sum(n for (b, k), n in counts.items() if b == branch and (keys is None or k in keys))
               for _, counts, keys in columns] for branch, _ in branches]
    totals = [sum(column) for column in zip(*values, strict=True)]
    rows = [(name, *map(str, row)) for (_, name), row in zip(branches, values, strict=True)]
    rows.append((TOTAL, *map(str, totals)))
    return Section(title, (GRID, *(c for c, _, _ in columns)), tuple(rows), total=True)

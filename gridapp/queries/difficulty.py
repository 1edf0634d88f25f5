"""Grid difficulty (网格难度): a weighted score per grid from what makes a grid hard to manage — households,
floating population, rented houses, places, special groups, red and yellow households, recent cases — with the
workers it has and how many it should have (Changzhou Xinbei: "500 户，其中 400 户群租：两名以上网格员")."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from gridapp.dto import GridDifficulty
from gridapp.models import (
    Case,
    GridAssignment,
    GridNode,
    GridWorker,
    House,
    Household,
    Person,
    PersonTag,
    Place,
    User,
)
from gridapp.queries.common import LIVE_PERSON, QueryBase, live_node, path_names
from gridapp.queries.difficulty_weights import DifficultyWeights, weights_of
from gridapp.services.common import in_subtree

GRID_LEVEL = 4  # 网格 (grid_level.json); 微网格 roll up into their 网格
FLOATING = "流动人口"
RENTED = "出租"
NINE_SMALL = "九小场所"
WORKER_ROLES = ("网格员", "网格长")  # users whose scope is a grid and who work in it


class DifficultyQueries(QueryBase):
    def grid_difficulty(self, scope_grid_id: str | None = None, level: int = GRID_LEVEL) -> list[GridDifficulty]:
        """Every 网格 in the subtree of ``scope_grid_id`` (None: the user's scope), most difficult first; with a
        ``level`` above it (村 3, 镇 2) the grids are rolled up into their village or town for display, the
        suggested workers summed. A scope at or below the level is one row itself; micro-grids count in their
        网格."""
        with self.ws.for_reports().read() as s:
            path = self._subtree(s, scope_grid_id)
            weights = weights_of(s)
            nodes = s.execute(select(GridNode.id, GridNode.path, GridNode.level, GridNode.name, GridNode.head_name)
                              .where(~GridNode.deleted, ~GridNode.retired,
                                     *((in_subtree(GridNode.path, path),) if path else ()))
                              .order_by(GridNode.path)).all()
            grids = _units(nodes, GRID_LEVEL, path)
            shown = _units(nodes, min(level, GRID_LEVEL), path)
            if not grids:
                return []
            counts = _counts(s, path, weights, self.ws.today())
            workers = _workers(s, path, shown, {n.id: n.head_name for n in nodes})
            above = path_names(s, live_node(s, _ids(path)[-1]))[:-1] if path else ()
        totals: dict[str, Counter[str]] = {}
        for (grid_id, measure), n in counts.items():
            if grid_id in grids:
                totals.setdefault(grids[grid_id], Counter())[measure] += n
        suggested: Counter[str] = Counter()
        shown_totals: dict[str, Counter[str]] = {}
        for grid in set(grids.values()):
            counted = totals.get(grid, Counter())
            unit = shown.get(grid)
            if unit is not None:
                suggested[unit] += weights.suggested_workers(_score(weights, counted))
                shown_totals.setdefault(unit, Counter()).update(counted)
        names = {n.id: n.name for n in nodes}
        paths = {n.id: n.path for n in nodes}
        rows = []
        for unit, counted in shown_totals.items():
            chain = [names[i] for i in _ids(paths[unit]) if i in names]
            rows.append(GridDifficulty(unit, names[unit], " / ".join((*above, *chain)), _score(weights, counted),
                                       {p.label: counted[p.key] * p.weight for p in weights.parts},
                                       tuple(workers.get(unit, ())), suggested[unit],
                                       {p.label: counted[p.key] for p in weights.parts}))
        return sorted(rows, key=lambda r: (-r.score, r.path_text))

    def difficulty_weights(self) -> DifficultyWeights:
        with self.ws.read() as s:
            return weights_of(s)


def _score(weights: DifficultyWeights, counted: Counter[str]) -> float:
    return round(sum(counted[p.key] * p.weight for p in weights.parts), 2)


def _ids(path: str) -> list[str]:
    return [p for p in path.split("/") if p]


def _units(nodes: list[Any], level: int, scope: str | None) -> dict[str, str]:
    """grid id -> the node of ``level`` it lies in (itself, or an ancestor); grids above that level belong to none.
    When the scope node itself lies at or below ``level``, everything belongs to it."""
    by_id = {n.id: n for n in nodes}
    if scope is not None:
        root = by_id.get(_ids(scope)[-1])
        if root is not None and root.level >= level:
            return {n.id: root.id for n in nodes}
    units = {}
    for n in nodes:
        unit = next((i for i in _ids(n.path) if i in by_id and by_id[i].level == level), None)
        if unit is not None:
            units[n.id] = unit
    return units


def _counts(s: Session, path: str | None, weights: DifficultyWeights, today: Any) -> Counter[tuple[str, str]]:
    """(grid id, measure) -> count, for the measures the weights use, one grouped query each."""
    def scoped(q: Any, grid_id: Any) -> Any:
        if path is None:
            return q
        return q.join(GridNode, GridNode.id == grid_id).where(in_subtree(GridNode.path, path))

    households = scoped(select(Household.grid_id).where(~Household.deleted), Household.grid_id)
    persons = scoped(select(Household.grid_id).join(Person, Person.household_id == Household.id)
                     .where(~Household.deleted, *LIVE_PERSON), Household.grid_id)
    since = datetime.combine(today - timedelta(days=weights.case_days), time.min)
    queries = {
        "households": households.add_columns(func.count()),
        "floating": persons.add_columns(func.count()).where(Person.residence_kind == FLOATING),
        "special_groups": persons.add_columns(func.count(func.distinct(Person.id)))
        .join(PersonTag, PersonTag.person_id == Person.id)
        .where(~PersonTag.deleted, or_(PersonTag.until.is_(None), PersonTag.until >= today)),
        "red": households.add_columns(func.count()).where(Household.colour == "红"),
        "yellow": households.add_columns(func.count()).where(Household.colour == "黄"),
        "rented_houses": scoped(select(House.grid_id, func.count()).where(~House.deleted, House.use == RENTED),
                                House.grid_id),
        "places": scoped(select(Place.grid_id, func.count()).where(~Place.deleted, Place.type != NINE_SMALL),
                         Place.grid_id),
        "nine_small": scoped(select(Place.grid_id, func.count()).where(~Place.deleted, Place.type == NINE_SMALL),
                             Place.grid_id),
        "cases": scoped(select(Case.grid_id, func.count()).where(~Case.deleted, Case.accepted_at >= since),
                        Case.grid_id),
    }
    counts: Counter[tuple[str, str]] = Counter()
    for measure in {p.key for p in weights.parts}:
        q = queries[measure]
        for grid_id, n in s.execute(q.group_by(q.selected_columns[0])):
            counts[grid_id, measure] += n
    return counts


def _workers(s: Session, path: str | None, units: dict[str, str], heads: dict[str, str]) -> dict[str, list[str]]:
    """unit id -> the names of its people: the 网格长 named on the node, the workers assigned to it or below, and the
    active 网格员/网格长 users whose scope is it or below — each name once, in that order."""
    found: dict[str, list[str]] = {}

    def add(grid_id: str | None, name: str) -> None:
        unit = units.get(grid_id or "")
        if unit is not None and name and name not in found.setdefault(unit, []):
            found[unit].append(name)

    for unit in sorted(set(units.values())):
        add(unit, heads.get(unit, ""))
    for grid_id in units:  # in path order: the heads of the grids below a rolled-up unit
        add(grid_id, heads.get(grid_id, ""))
    assigned = s.execute(select(GridAssignment.grid_id, GridWorker.name)
                         .join(GridWorker, GridWorker.id == GridAssignment.worker_id)
                         .where(~GridAssignment.deleted, ~GridWorker.deleted, *_in(GridAssignment.grid_id, path))
                         .order_by(GridAssignment.role, GridWorker.name)).all()
    users = s.execute(select(User.scope_grid_id, func.coalesce(func.nullif(User.display_name, ""), User.username))
                      .where(User.active, User.role.in_(WORKER_ROLES), User.scope_grid_id.is_not(None),
                             *_in(User.scope_grid_id, path)).order_by(User.display_name)).all()
    for grid_id, name in (*assigned, *users):
        add(grid_id, name)
    return found


def _in(grid_id: Any, path: str | None) -> tuple[Any, ...]:
    if path is None:
        return ()
    return (grid_id.in_(select(GridNode.id).where(in_subtree(GridNode.path, path))),)

"""How big each scale is and how its towns and villages are laid out; the fixed day that ages count from."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from gridapp.demo import names
from gridapp.demo.draws import Weighted

TODAY = date(2026, 11, 1)
VILLAGE_SURNAMES = Weighted(names.SURNAMES[:40])  # villages are named after common surnames


@dataclass(frozen=True)
class Plan:
    """The size of one scale."""

    households: int
    towns: int
    villages: int
    households_per_grid: int  # 0: a fixed number of grids
    fixed_grids: int
    micro_choices: tuple[int, ...]  # micro-grids under a grid, drawn uniformly

    def grids(self, households: int) -> int:
        """How many grids a village of ``households`` is divided into."""
        return self.fixed_grids or max(2, round(households / self.households_per_grid))


PLANS = {
    "village": Plan(300, 1, 1, 0, 6, (2, 3)),
    "town": Plan(8000, 1, 25, 65, 0, (2, 2, 3)),
    "county": Plan(50000, 15, 300, 70, 0, (0, 0, 1, 1, 2, 3)),
}
SCALES = tuple(PLANS)


@dataclass
class VillagePlan:
    """A village or community to be built: its town (an index into town_names), name, size and code."""

    town: int
    name: str
    community: bool
    households: int
    code: str


def town_names(plan: Plan) -> list[str]:
    """The towns of a plan, the first town first, then the streets (街道), then the other towns."""
    if plan.towns == 1:
        return [names.TOWNS[0]]
    towns = list(names.TOWNS[: plan.towns])
    streets = [t for t in towns if t.endswith("街道")]
    return [towns[0], *streets, *[t for t in towns[1:] if t not in streets]]


def town_code(town: str, index: int) -> str:
    """The three digits a town adds to the county's code: 0xx streets, 1xx towns, 2xx townships."""
    if town.endswith("街道"):
        return f"{index + 1:03d}"
    return f"{(200 if town.endswith('乡') else 100) + index + 1:03d}"


def plan_villages(rng: random.Random, plan: Plan) -> list[VillagePlan]:
    """Every village and community of the plan, 幸福村 first, with its share of the households."""
    per_town = split(rng, plan.villages, plan.towns, 0.3)
    towns = town_names(plan)
    used: set[str] = {"幸福村"}
    result: list[VillagePlan] = []
    for t, count in enumerate(per_town):
        street = towns[t].endswith("街道")
        township = towns[t].endswith("乡")
        communities = count if street else 0 if township or count < 5 else rng.randint(1, 2)
        if plan.villages > 1 and not street and t == 0:
            communities = max(communities, 3)
        numbers = {"village": 200, "community": 0}
        offset = 1 if t == 0 else 0  # 幸福村 comes first
        for i in range(count):
            community = offset <= i < communities + offset
            if t == 0 and i == 0:
                name = "幸福村"
            else:
                name = _community_name(rng, used) if community else _village_name(rng, used)
            kind = "community" if community else "village"
            numbers[kind] += 1
            result.append(VillagePlan(t, name, community, 0, f"{numbers[kind]:03d}"))
    weights = [rng.uniform(0.5, 1.5) * (1.6 if v.community else 1.0) for v in result]
    for v, n in zip(result, split(rng, plan.households, len(result), weights=weights), strict=True):
        v.households = n
    return result


def split(rng: random.Random, total: int, parts: int, spread: float = 0.4,
          weights: list[float] | None = None) -> list[int]:
    """``total`` divided into ``parts`` random shares of at least 1 each (when total allows)."""
    if weights is None:
        weights = [rng.uniform(1 - spread, 1 + spread) for _ in range(parts)]
    floor = 1 if total >= parts else 0
    free = total - floor * parts
    whole = sum(weights)
    shares = [floor + int(free * w / whole) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares


def _village_name(rng: random.Random, used: set[str]) -> str:
    while True:
        surname = VILLAGE_SURNAMES.draw(rng)
        name = rng.choice(names.VILLAGE_PREFIXES) + surname + rng.choice(names.VILLAGE_SUFFIXES) + "村"
        if name not in used:
            used.add(name)
            return name


def _community_name(rng: random.Random, used: set[str]) -> str:
    for direction in ("", "东", "西", "南", "北", "新"):
        candidates = [word + direction + "社区" for word in names.COMMUNITY_WORDS]
        free = [name for name in candidates if name not in used]
        if free:
            name = rng.choice(free)
            used.add(name)
            return name
    raise RuntimeError("out of community names")

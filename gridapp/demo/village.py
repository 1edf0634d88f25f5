"""One village or community: its grids and micro-grids, households, vacant houses, places, workers and
party centres, and the heads and boundaries of its micro-grids."""

from __future__ import annotations

import random
from typing import Any

from gridapp.demo import names
from gridapp.demo.homes import Home
from gridapp.demo.households import Households
from gridapp.demo.nodes import Nodes, boundaries
from gridapp.demo.plan import Plan, VillagePlan, split
from gridapp.demo.premises import Premises, Street
from gridapp.demo.workers import Grids, Workers


class Villages:
    """Builds one village after another with the shared collaborators."""

    def __init__(self, rng: random.Random, plan: Plan, nodes: Nodes, households: Households, premises: Premises,
                 workers: Workers) -> None:
        self.rng = rng
        self.plan = plan
        self.nodes = nodes
        self.households = households
        self.premises = premises
        self.workers = workers

    def build(self, town: dict[str, Any], plan: VillagePlan, order: int, siblings: list[str]) -> int:
        """Write the village ``plan`` under the ``town`` node; returns its number of households."""
        rng = self.rng
        others = [n for n in siblings if n != plan.name] or ["邻村"]
        around = [rng.choice(others) if rng.random() < 0.6 else rng.choice(names.ROADS) for _ in range(4)]
        org = f"{plan.name}党总支" if plan.community else f"{plan.name}党支部"
        vnode = self.nodes.node(town, 3, plan.name, town["code"] + plan.code, order, party_org=org,
                                **boundaries(around))
        leaves, grids = self._grids(vnode, plan, org)
        streets = [Street(plan, i + 1, rng) for i in range(len(leaves))]
        homes = self._homes(plan, leaves, streets)
        locals_ = [h for h in homes if h.local]
        for _ in range(round(len(homes) * 0.03)):  # vacant houses
            leaf = rng.randrange(len(leaves))
            owner = rng.choice(locals_).head.row if locals_ else None
            self.premises.house(plan, leaves[leaf], streets[leaf].next(), "空置", owner)
        self.premises.places(plan, leaves, homes)
        self.workers.staff(vnode, grids, town["name"], plan)
        self.workers.centres(grids, homes)
        self._micro_grid_heads(leaves, homes)
        return len(homes)

    def _grids(self, vnode: dict[str, Any], plan: VillagePlan, org: str) -> tuple[list[dict[str, Any]], Grids]:
        """The grid nodes and, under some, micro-grids; the lowest-level nodes (leaves) hold the households."""
        rng = self.rng
        n_grids = self.plan.grids(plan.households)
        leaves: list[dict[str, Any]] = []
        grids: Grids = []
        for g in range(n_grids):
            west = f"第{names.ORDINALS[g - 1]}网格" if g else "村界"
            east = f"第{names.ORDINALS[g + 1]}网格" if g + 1 < n_grids else "村界"
            around = [east, rng.choice(names.ROADS), west, rng.choice(names.ROADS)]
            gnode = self.nodes.node(vnode, 4, f"第{names.ORDINALS[g]}网格", vnode["code"] + f"{g + 1:02d}", g,
                                    **boundaries(around))
            if rng.random() < 0.7:
                gnode["party_org"] = f"{org}{gnode['name']}党小组"
            micro = rng.choice(self.plan.micro_choices)
            if micro == 0:
                grids.append((gnode, [len(leaves)]))
                leaves.append(gnode)
                continue
            indices = []
            for m in range(micro):
                mnode = self.nodes.node(gnode, 5, f"第{names.ORDINALS[m]}微网格", gnode["code"] + f"{m + 1:02d}",
                                        m)
                indices.append(len(leaves))
                leaves.append(mnode)
            grids.append((gnode, indices))
        return leaves, grids

    def _homes(self, plan: VillagePlan, leaves: list[dict[str, Any]], streets: list[Street]) -> list[Home]:
        """The households in address order: the local ones first drawn, then the floating ones renting."""
        rng = self.rng
        counts = split(rng, plan.households, len(leaves))
        slots = [(leaf, streets[leaf].next()) for leaf, count in enumerate(counts) for _ in range(count)]
        floating_share = 0.16 if plan.community else 0.11
        floating = [rng.random() < floating_share for _ in slots]
        homes: dict[int, Home] = {}
        for number, (leaf, address) in enumerate(slots, start=1):
            if not floating[number - 1]:
                homes[number] = self.households.local(plan, leaves[leaf], leaf, number, address)
        locals_ = list(homes.values())
        rentals: dict[int, dict[str, Any]] = {}  # lowest-level grid -> the last house let to tenants there
        for number, (leaf, address) in enumerate(slots, start=1):
            if floating[number - 1]:
                landlord = rng.choice(locals_) if locals_ else None
                shared = rentals.get(leaf) if rng.random() < 0.35 else None  # rooms let to several households
                home = self.households.floating(plan, leaves[leaf], leaf, number, address, landlord, shared)
                rentals[leaf] = home.house
                homes[number] = home
        return [homes[n] for n in sorted(homes)]

    def _micro_grid_heads(self, leaves: list[dict[str, Any]], homes: list[Home]) -> None:
        """A micro-grid is headed by a party member of its local households, else by any local head."""
        rng = self.rng
        for leaf, lnode in enumerate(leaves):
            if lnode["level"] == 5:
                mine = [h for h in homes if h.leaf == leaf and h.local]
                if mine:
                    members = [h for h in mine if h.party_member()]
                    pick = members[0] if members else rng.choice(mine)
                    lnode["head_name"] = pick.head.row["name"]
                    lnode["head_phone"] = pick.head.row["phone"] or pick.row["phone"]
                    first, last = mine[0].row["address"], mine[-1].row["address"]
                    lnode.update(boundaries([f"{last}东侧", rng.choice(names.ROADS), f"{first}西侧",
                                             rng.choice(names.ROADS)]))

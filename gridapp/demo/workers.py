"""Grid workers and their posts (网格长, 网格指导员, 网格员), and the 党员中心户 that look after their neighbours."""

from __future__ import annotations

import random
from typing import Any

from gridapp.demo import names
from gridapp.demo.homes import Home
from gridapp.demo.people import People
from gridapp.demo.plan import VillagePlan
from gridapp.demo.rows import Rows
from gridapp.models import GridAssignment, GridWorker, PartyCenter, PartyCenterLink

Grids = list[tuple[dict[str, Any], list[int]]]  # a village's grid nodes, each with the indices of its leaves


class Workers:
    """Writes the workers, their posts and the party centres of a village once its households exist."""

    def __init__(self, rng: random.Random, rows: Rows, people: People) -> None:
        self.rng = rng
        self.rows = rows
        self.people = people

    def staff(self, vnode: dict[str, Any], grids: Grids, town: str, plan: VillagePlan) -> None:
        """The village's chief, the town's guide and a professional worker, and one worker per grid."""
        rng = self.rng
        chief = self._worker("男" if rng.random() < 0.85 else "女", rng.randint(1962, 1982), "兼职", "",
                             True, f"{plan.name}{'党总支' if plan.community else '党支部'}书记")
        self._assign(chief, vnode, "网格长")
        vnode["head_name"], vnode["head_phone"] = chief["name"], chief["phone"]
        guide = self._worker("男" if rng.random() < 0.6 else "女", rng.randint(1970, 1995), "兼职",
                             f"{town}{'办事处' if town.endswith('街道') else '人民政府'}", True, "包村干部")
        self._assign(guide, vnode, "网格指导员")
        department = rng.choice(names.DEPARTMENTS)
        expert = self._worker("男" if rng.random() < 0.7 else "女", rng.randint(1970, 1998), "专业",
                              f"{town.removesuffix('街道').removesuffix('镇').removesuffix('乡')}{department}",
                              rng.random() < 0.6, "")
        self._assign(expert, vnode, "网格员")
        for gnode, _ in grids:
            kind = "专职" if rng.random() < 0.65 else "兼职"
            member = self._worker("女" if rng.random() < 0.5 else "男", rng.randint(1968, 2000), kind, "",
                                  rng.random() < 0.4, "")
            self._assign(member, gnode, "网格员")
            gnode["head_name"], gnode["head_phone"] = member["name"], member["phone"]

    def centres(self, grids: Grids, homes: list[Home]) -> None:
        """One or two 党员中心户 per grid of six households or more, each linked to its next neighbours."""
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
                centre = self.rows.add(PartyCenter, household_id=centre_home.row["id"],
                                       member_id=member.row["id"] if member else None,
                                       notes=f"{member.row['name'] if member else ''}联系{len(neighbours)}户")
                for h in neighbours:
                    used.add(h.row["id"])
                    self.rows.add(PartyCenterLink, center_id=centre["id"], household_id=h.row["id"])

    def _worker(self, sex: str, year: int, kind: str, department: str, party: bool, notes: str) -> dict[str, Any]:
        people = self.people
        return self.rows.add(GridWorker, name=people.full_name(people.surname(), sex, year), sex=sex,
                             phone=people.phone(), kind=kind, department=department, party_member=party,
                             notes=notes)

    def _assign(self, worker: dict[str, Any], node: dict[str, Any], role: str) -> None:
        self.rows.add(GridAssignment, worker_id=worker["id"], grid_id=node["id"], role=role)

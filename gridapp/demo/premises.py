"""Houses and places: who owns or rents each house, how sound it is, and the shops, schools and firms.

Addresses come from one Street per lowest-level grid, so house numbers rise along the grid.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from gridapp.demo import names
from gridapp.demo.draws import Weighted
from gridapp.demo.geography import County
from gridapp.demo.homes import Home
from gridapp.demo.plan import TODAY, VillagePlan
from gridapp.demo.rows import Rows
from gridapp.models import House, Place

RURAL_STRUCTURES = Weighted((("砖混", 60), ("钢混", 20), ("砖木", 15), ("土木", 4), ("其他", 1)))
LICENCE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


class Street:
    """Addresses of one lowest-level grid: "幸福村3组12号" in a village, flats in a community."""

    def __init__(self, plan: VillagePlan, group: int, rng: random.Random) -> None:
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


class Premises:
    def __init__(self, rng: random.Random, rows: Rows, county: County) -> None:
        self.rng = rng
        self.rows = rows
        self.county = county

    def house(self, plan: VillagePlan, leaf: dict[str, Any], address: str, use: str,
              owner: dict[str, Any] | None, *, head: dict[str, Any] | None = None,
              household: dict[str, Any] | None = None, tenants: int | None = None) -> dict[str, Any]:
        """A house row owned by ``owner`` (else ``head``), which ``household`` (if any) lives in."""
        rng = self.rng
        owner = owner if owner is not None else head
        if plan.community:
            structure, floors = "钢混", rng.choice((6, 6, 11, 18))
            area = round(rng.uniform(60, 140), 1)
            rating = "A级（安全）" if rng.random() < 0.85 else "B级（基本安全）"
        else:
            structure = RURAL_STRUCTURES.draw(rng)
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
        row = self.rows.add(House, grid_id=leaf["id"], address=address, use=use, structure=structure, area=area,
                            floors=floors, safety_rating=rating, owner_name=owner["name"] if owner else "",
                            owner_phone=owner["phone"] if owner else "",
                            owner_id_number=owner["id_number"] if owner else "", notes="", **rent)
        if household is not None:
            household["house_id"] = row["id"]
        return row

    def places(self, plan: VillagePlan, leaves: list[dict[str, Any]], homes: list[Home]) -> None:
        """The village's shops, pharmacy, eateries, school and kindergarten, and a random choice of others."""
        rng = self.rng
        locals_ = [h for h in homes if h.local] or homes
        if not locals_:
            return
        short = plan.name.removesuffix("社区").removesuffix("村")
        count = rng.randint(12, 18) + (4 if plan.community else 0)
        chosen = list(range(8))  # shops, pharmacy, eateries, school, kindergarten: every village has these
        extra = list(range(8, len(names.PLACES)))
        rng.shuffle(extra)
        chosen += extra[: max(0, count - len(chosen))]
        seen: set[str] = set()
        for index in chosen:
            kind, pattern, risk = names.PLACES[index]
            host = rng.choice(locals_)
            name = pattern.format(v=short, s=host.head.row["name"][0], c=self.county.name)
            if name in seen:
                continue
            seen.add(name)
            if kind in ("学校", "幼儿园", "医疗机构", "其他"):
                address = f"{plan.name}{rng.choice(('村委会东侧', '文化广场南侧', '主街中段', '村口'))}"
                licence = ""
            else:
                address = host.row["address"]
                licence = ("91" if kind == "企业" else "92") + self.county.code + "MA" + "".join(
                    rng.choice(LICENCE_CHARACTERS) for _ in range(8))
                shop = kind in ("商超", "餐饮", "九小场所")
                if shop and host.house["use"] == "自住" and rng.random() < 0.5:
                    host.house["use"] = "商用"
            if risk == "中" and rng.random() < 0.2:
                risk = "高"
            contact = host.head.row
            self.rows.add(Place, grid_id=leaves[host.leaf]["id"], name=name, type=kind, address=address,
                          contact_name=contact["name"], contact_phone=contact["phone"] or host.row["phone"],
                          licence_no=licence, risk_level=risk, notes="")

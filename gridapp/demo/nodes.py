"""Grid node rows (县, 镇/街道, 村/社区, 网格, 微网格) with their boundaries and heads."""

from __future__ import annotations

import random
from typing import Any

from gridapp.demo.people import People
from gridapp.demo.rows import Rows
from gridapp.models import GridNode


def boundaries(around: list[str]) -> dict[str, str]:
    """The four boundary fields from what lies east, south, west and north."""
    east, south, west, north = around
    return {"boundary_east": f"东至{east}", "boundary_south": f"南至{south}",
            "boundary_west": f"西至{west}", "boundary_north": f"北至{north}"}


class Nodes:
    def __init__(self, rng: random.Random, rows: Rows, people: People) -> None:
        self.rng = rng
        self.rows = rows
        self.people = people

    def node(self, parent: dict[str, Any] | None, level: int, name: str, code: str, order: int,
             **fields: Any) -> dict[str, Any]:
        """A node row under ``parent`` with its materialised path; ``fields`` override the empty defaults."""
        row = self.rows.add(GridNode, parent_id=parent["id"] if parent else None, path="", level=level,
                            kind="综合网格", code=code, name=name, boundary_east="", boundary_south="",
                            boundary_west="", boundary_north="", head_name="", head_phone="", party_org="",
                            notes="", plan_attachment_id=None, sort_order=order, retired=False)
        row["path"] = (parent["path"] if parent else "/") + row["id"] + "/"
        row.update(fields)
        return row

    def head(self) -> dict[str, str]:
        """The head fields of a county or town node: a made-up official."""
        sex = "男" if self.rng.random() < 0.8 else "女"
        people = self.people
        return {"head_name": people.full_name(people.surname(), sex, self.rng.randint(1966, 1986)),
                "head_phone": people.phone()}

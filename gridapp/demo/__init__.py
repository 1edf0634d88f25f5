"""Demo data: a plausible village, town or county of households, people, houses, places, grid workers and cases.

Everything is drawn from ``random.Random(seed)``, ids included, and ages count from a fixed day (TODAY), so
the same seed gives the same data on any machine (only the HLC stamps and creation times differ, and the ids
of the 预警 cases that the 红黄绿 judgement at the end raises through the case service). Coded
columns always hold the label of their code table, and tag details are valid against the special-group
definitions. This module holds the public API; tree builds the households' side, cases the cases and visits.
"""

from __future__ import annotations

import random
import time
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import select

from gridapp.access import Forbidden
from gridapp.demo import cases, geography, tree
from gridapp.demo.plan import PLANS, SCALES, TODAY
from gridapp.demo.rows import Rows
from gridapp.dto import SYSTEM
from gridapp.errors import RuleViolation
from gridapp.models import (
    AuditEntry,
    GridNode,
    GridWorker,
    House,
    Household,
    Person,
    PersonTag,
    Place,
)
from gridapp.monitoring.recolour import recolour
from gridapp.progress import Progress
from gridapp.services.setup import add_local_office

if TYPE_CHECKING:
    from gridapp.workspace import Workspace

__all__ = ["SCALES", "TODAY", "DemoSummary", "generate"]

OFFICE_NAMES = {"village": "幸福村村民委员会", "town": "清河镇人民政府", "county": "宁陵县网格化服务管理中心"}


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


def generate(ws: Workspace, scale: str = "village", seed: int = 1,
             progress: Progress | None = None) -> DemoSummary:
    """Fill an empty, open database (no passwords yet, see ws.users.is_open) with demo data of the given scale
    (one of SCALES: village, town or county).

    The demo lies in the office's county when it has a usable one, else in the default county; a database
    without an office gets one named for the scale.
    """
    started = time.perf_counter()
    if scale not in PLANS:
        raise RuleViolation(f"未知的演示数据规模“{scale}”，应为 village（村）、town（镇）或 county（县）。")
    if not ws.users.is_open():
        raise Forbidden("这个数据库已经设置了登录密码，不能生成演示数据。演示数据只能生成到新建的空数据库中。")
    with ws.read() as s:
        if s.scalar(select(Household.id).limit(1)) is not None:
            raise RuleViolation("数据库中已有住户数据，不能生成演示数据。"
                                "演示数据只能生成到空数据库中，请新建一个数据库后再试。")
    office = ws.office
    county = geography.county(office.county_code if office is not None else "")
    with ws.write(SYSTEM) as tx:
        if office is None:  # in the same transaction: a failed or killed run leaves no office behind either
            tx.stamp.office_id = add_local_office(tx.session, OFFICE_NAMES[scale], county.code).id
        rng = random.Random(seed)
        rows = Rows(tx, rng, tree.TABLES)
        root_id = tree.build(rows, rng, county, PLANS[scale], progress or Progress())
        cases.fill(tx, scale, seed)
        recolour(tx.session, ws, SYSTEM, None, cases.NOW)  # the rules judge every household; 预警 raised
        counts = rows.counts
        summary = DemoSummary(
            grid_nodes=counts[GridNode], households=counts[Household], persons=counts[Person],
            houses=counts[House], places=counts[Place], tags=counts[PersonTag], workers=counts[GridWorker],
            seconds=round(time.perf_counter() - started, 2),
        )
        tx.session.add(AuditEntry(user_name=SYSTEM.name, action="demo", table_name=GridNode.__tablename__,
                                  record_id=root_id, detail={"scale": scale, "seed": seed, **asdict(summary)}))
    ws.reload_office()
    return replace(summary, seconds=round(time.perf_counter() - started, 2))  # the commit included

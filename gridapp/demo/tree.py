"""The whole grid tree from the county down, town by town and village by village, written in batches."""

from __future__ import annotations

import random

from gridapp.demo.geography import County
from gridapp.demo.households import Households
from gridapp.demo.nodes import Nodes, boundaries
from gridapp.demo.people import People
from gridapp.demo.plan import Plan, plan_villages, town_code, town_names
from gridapp.demo.premises import Premises
from gridapp.demo.rows import Rows
from gridapp.demo.tags import Tagger
from gridapp.demo.village import Villages
from gridapp.demo.workers import Workers
from gridapp.models import (
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
from gridapp.progress import Progress

# Parents are inserted before children so that foreign keys hold at every batch.
TABLES = (GridNode, GridWorker, House, Household, Person, PersonTag, Place, GridAssignment, PartyCenter,
          PartyCenterLink)


def build(rows: Rows, rng: random.Random, county: County, plan: Plan,
          progress: Progress) -> str:
    """Write the tree of ``plan`` under ``county`` with all it holds; returns the id of the county node.

    ``progress`` is told (households done, households planned) at the start and after every batch.
    """
    report = progress.report
    report(0, plan.households)
    people = People(rng, rows, county)
    nodes = Nodes(rng, rows, people)
    premises = Premises(rng, rows, county)
    households = Households(rng, rows, county, people, premises, Tagger(rng, rows, people, county))
    villages = Villages(rng, plan, nodes, households, premises, Workers(rng, rows, people))
    planned = plan_villages(rng, plan)
    towns = town_names(plan)
    neighbours = (list(county.neighbours) * 4 + ["邻县"] * 4)[:4]
    root = nodes.node(None, 1, county.name, county.code, 0, party_org=f"中共{county.name}委员会政法委员会",
                      **boundaries(neighbours), **nodes.head())
    done = 0
    for t, town in enumerate(towns):
        around = [towns[(t + k) % len(towns)] for k in (1, 2, 3, 4)] if len(towns) > 4 else neighbours
        town_node = nodes.node(root, 2, town, county.code + town_code(town, t), t, party_org=f"中共{town}委员会",
                               **boundaries(around), **nodes.head())
        mine = [v for v in planned if v.town == t]
        for i, village in enumerate(mine):
            done += villages.build(town_node, village, i, [v.name for v in mine])
            if rows.full:
                rows.flush()
                report(done, plan.households)
    rows.flush()
    report(done, plan.households)
    return root["id"]

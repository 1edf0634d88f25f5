"""County-scale figures for the foundation: generation, size, search latency, subtree counts.

    .venv/bin/python benchmarks/county.py [--rebuild]

Search latency is compared with the same SQL run on a bare sqlite3 connection (ratio = bare ÷ ours; 1.0 means
the service adds nothing over SQLite itself).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    Timings,
    county_workspace,
    measured,
    median_p95,
    ms,
    peak_rss_mb,
    print_table,
    timings,
)
from gridapp.dto import Actor
from gridapp.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true", help="generate the county data set again")
    args = parser.parse_args()
    ws, generation = county_workspace(args.rebuild)
    stats = ws.query.stats()
    rows = [
        ("generation time", f"{generation:.1f} s" if generation else "(cached; --rebuild to measure)"),
        ("database size", f"{ws.db_file.stat().st_size / 1e6:.0f} MB"),
        ("households / persons", f"{stats['households']:,} / {stats['persons']:,}"),
        ("grid nodes", f"{sum(stats['grid_nodes'].values()):,}"),
    ]

    rng = random.Random(7)
    sample = [ws.query.household(h).members[0] for h in rng.sample(ws.query.household_ids(None), 6)]
    queries = ["王", "建国", "秀英", "李明", "东街", "zjg", "wxy", "lh", "zsf"]  # 东街: an address found nowhere
    queries += [p.id_number[-4:] for p in sample[:3]] + [p.id_number[-8:] for p in sample[3:]]
    queries += [p.id_number for p in sample[:2]] + [p.phone for p in sample if p.phone][:2]
    queries += [p.phone[-4:] for p in sample if p.phone][:2]
    rows.append((f"search latency ({len(queries)} queries × 5)", ms(_searches(ws, queries))))

    raw = sqlite3.connect(ws.db_file)
    raw_sql = ("SELECT p.id, h.id, g.name FROM persons p JOIN households h ON h.id = p.household_id "
               "JOIN grid_nodes g ON g.id = h.grid_id WHERE p.deleted = 0 AND h.deleted = 0 AND p.name LIKE ? "
               "ORDER BY p.name LIMIT 50")
    bare = median_p95(timings(lambda: raw.execute(raw_sql, ("%建国%",)).fetchall(), 20))[0]
    ours = median_p95(timings(lambda: ws.search("建国"), 20))[0]
    rows.append(("name search vs bare sqlite3", f"{ours * 1000:.1f} ms vs {bare * 1000:.1f} ms, ratio {bare / ours:.2f}"))

    [county] = ws.query.grid_children(None)
    town = ws.query.grid_children(county.id)[0]
    children = timings(lambda: ws.query.grid_children(town.id), 5)
    ids = timings(lambda: ws.query.household_ids(town.id), 5)
    root = timings(lambda: ws.query.grid_children(None), 5)
    rows += [
        (f"subtree counts, children of town {town.name}", ms(children)),
        ("subtree counts, county root", ms(root)),
        (f"household ids of town ({town.household_count:,})", ms(ids)),
    ]
    rows += _scoped(ws, town.id, queries)
    rows.append(("peak RSS (whole process)", f"{peak_rss_mb():.0f} MB"))
    print_table("gridapp county benchmark", rows)
    ws.close()


def _scoped(ws: Workspace, town_id: str, queries: list[str]) -> list[tuple[str, str]]:
    """The same searches for users scoped to a town and to one grid (their reads carry the scope condition),
    and the scoped counts a home page shows."""
    grid = ws.query.grid_children(ws.query.grid_children(town_id)[0].id)[0]
    rows = []
    for label, actor in (("a town", Actor("镇管理员", role="镇(街道)管理员", scope_grid_id=town_id)),
                         (f"a grid ({grid.household_count} households)",
                          Actor("网格员", role="网格员", scope_grid_id=grid.id))):
        view = ws.as_user(actor)
        rows += [(f"search latency, user scoped to {label}", ms(_searches(view, queries))),
                 (f"stats, user scoped to {label}", ms(timings(view.query.stats, 3)))]
    return rows


def _searches(ws: Workspace, queries: list[str]) -> Timings:
    """Each query five times after one warm-up (the page cache warm, as a user's second search would find it)."""
    samples = Timings()
    with measured() as m:
        for q in queries:
            ws.search(q)
            samples += timings(lambda q=q: ws.search(q), 5)
    samples.peak_mb = m.peak_mb
    return samples


if __name__ == "__main__":
    main()

"""The county data set on a PostgreSQL server beside the same data in SQLite, in one run, with ratios.

    .venv/bin/python benchmarks/server.py [--url postgresql+psycopg://…/empty_db]

Without --url a throw-away PostgreSQL cluster is started (tests/postgres_cluster.py: Debian's server programs)
and stopped afterwards. The county file is loaded with ``gridapp server init --from`` (gridapp.server.setup) —
the loader is itself measured. Then, on both back ends: search p95 (names, pinyin initials, ID and phone tails),
the county household list opening (all ids + the first page), a household form's data, the case list opening,
the due visits of a town, and the import of a village's sync package. Ratio = PostgreSQL ÷ SQLite (aim ≤ 2).
Targets from the issue: search p95 ≤ 30 ms, list ≤ 300 ms, form ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent / "tests"))  # postgres_cluster

from benchmarks.common import DATA, county_workspace, median_p95, print_table, timings
from benchmarks.sync import PASS, change_places
from gridapp.demo import TODAY
from gridapp.dto import SYSTEM
from gridapp.server.setup import init_server
from gridapp.workspace import Workspace

PAGE = 100  # rows a list model asks for at once
TARGETS = {"search": 0.030, "list": 0.300, "form": 0.150}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="an empty PostgreSQL database to load the county into")
    args = parser.parse_args()
    county, _ = county_workspace()
    county.close()
    work = Path(tempfile.mkdtemp(prefix="server-bench-"))
    lite = _copy(DATA / "county.sqlite3", work / "county.sqlite3")
    cluster = None
    url = args.url
    if url is None:
        from postgres_cluster import Cluster

        cluster = Cluster()
        url = cluster.create_database("county")
    try:
        start = time.perf_counter()
        loaded = init_server(url, password="benchmark1", source=lite)
        load = time.perf_counter() - start
        pg = Workspace.open(url)
        sqlite_ws = Workspace.open(lite)
        package = _village_package(sqlite_ws, work)
        rows = [("load: server init --from county.sqlite3",
                 f"{load:.1f} s, {loaded.copied_rows:,} rows, counts and digest equal")]
        rows += compare(sqlite_ws, pg, package)
        rows.append(("peak RSS (whole process)", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"))
        print_table("gridapp on PostgreSQL 15 beside SQLite, county data set (ratio = PostgreSQL ÷ SQLite)", rows)
        pg.close()
        sqlite_ws.close()
    finally:
        if cluster is not None:
            cluster.stop()


def compare(lite: Workspace, pg: Workspace, package: Path) -> list[tuple[str, str]]:
    q = lite.query
    [county] = q.grid_children(None)
    town = q.grid_children(county.id)[0]
    rng = random.Random(3)
    sample = [q.household(h).members[0] for h in rng.sample(q.household_ids(None), 6)]
    queries = ["王", "建国", "秀英", "张三丰", "东街", "zjg", "wxy", "lh"] + [p.id_number[-6:] for p in sample]
    queries += [p.phone[-4:] for p in sample if p.phone]
    forms = rng.sample(q.household_ids(None), 20)

    def measures(ws: Workspace) -> dict[str, list[float]]:
        for text in queries:  # warm caches once, as a user's second search would find them
            ws.search(text)
        return {
            "search": [t for text in queries for t in timings(lambda text=text: ws.search(text), 3)],
            "list": timings(lambda: ws.query.household_rows(ws.query.household_ids(county.id)[:PAGE]), 5),
            "form": [t for h in forms for t in timings(lambda h=h: ws.query.household(h), 1)],
            "cases": timings(lambda: _case_list(ws), 5),
            "due": timings(lambda: ws.query.due_visits(town.id, TODAY), 5),
            "sync": [_import(ws, package)],
        }

    a, b = measures(lite), measures(pg)
    labels = {
        "search": f"search ({len(queries)} queries × 3, incl. pinyin initials)",
        "list": f"county household list open ({county.household_count:,}: ids + {PAGE} rows)",
        "form": "household form data (20 households)",
        "cases": f"case list open (ids + {PAGE} rows + step counts)",
        "due": f"due visits of {town.name} ({town.household_count:,} households)",
        "sync": "sync import of a village package (SQLite: incl. its pre-import file backup)",
    }
    rows = []
    for key, label in labels.items():
        (lite_med, lite_p95), (pg_med, pg_p95) = median_p95(a[key]), median_p95(b[key])
        figure = pg_p95 if key == "search" else pg_med
        target = f"  (target ≤ {TARGETS[key] * 1000:.0f} ms: {'ok' if figure <= TARGETS[key] else 'MISSED'})" \
            if key in TARGETS else ""
        what = "p95" if key == "search" else "median"
        rows.append((label, f"{what} SQLite {_ms(lite_p95 if key == 'search' else lite_med)}, PostgreSQL "
                            f"{_ms(figure)}, ratio {figure / (lite_p95 if key == 'search' else lite_med):.2f}{target}"))
    return rows


def _case_list(ws: Workspace) -> None:
    now = datetime.combine(TODAY, dtime(10, 0))
    ids = ws.query.case_ids(now=now)
    ws.query.case_rows(ids[:PAGE], now)
    ws.query.case_counts(now=now)


def _village_package(county: Workspace, work: Path) -> Path:
    """What a village office sends back: it received its village from the county, changed places, and exports everything the county has not acknowledged."""
    [root] = county.query.grid_children(None)
    town = county.query.grid_children(root.id)[0]
    village_node = max(county.query.grid_children(town.id), key=lambda v: v.household_count)
    village = Workspace.open(work / "village.sqlite3")
    village.init_office("基准测试村", county.office.county_code)
    first = county.sync.export_package(SYSTEM, work / "usb", None, village_node.id, PASS)
    village.sync.apply(SYSTEM, village.sync.read_package(first.path, PASS))
    change_places(village)
    back = village.sync.export_package(SYSTEM, work / "usb", county.office.id, None, PASS)
    village.close()
    return back.path


def _import(ws: Workspace, package: Path) -> float:
    start = time.perf_counter()
    ws.sync.apply(SYSTEM, ws.sync.read_package(package, PASS))
    return time.perf_counter() - start


def _copy(path: Path, target: Path) -> Path:
    src, dst = sqlite3.connect(f"file:{path}?mode=ro", uri=True), sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    return target


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"

if __name__ == "__main__":
    main()

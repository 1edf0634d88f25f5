"""County-scale figures for grid difficulty and worker assessment (考核): the ranked difficulty of every grid
of the county (≈2,000 grid nodes, 50,000 households, 195,000 persons) and of one town, the county rolled up to
its towns, the 网格难度 ledger of the county, and one quarter's assessment of a town's and the county's workers.

    .venv/bin/python benchmarks/grading.py [--rebuild]

Times are medians (p95) of repeated runs at the demo's today. The ratio compares the difficulty query with
the very SQL it sends replayed on a bare sqlite3 connection (bare ÷ ours; 1.0 means it adds nothing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.cases import versus_bare
from benchmarks.common import county_workspace, ms, peak_rss_mb, print_table, timings
from gridapp.demo import TODAY
from gridapp.ledgers import build_ledger
from gridapp.queries.assessment import period_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true", help="generate the county data set again")
    args = parser.parse_args()
    ws, _ = county_workspace(args.rebuild)
    ws.today = lambda: TODAY
    county = ws.query.grid_children(None)[0]
    town = ws.query.grid_children(county.id)[0]
    quarter = period_of("季", TODAY)
    grids = ws.query.grid_difficulty(None)
    rows = [
        ("grids ranked (county)", f"{len(grids)}; hardest {grids[0].path_text} {grids[0].score:g}, "
                                  f"easiest {grids[-1].score:g}"),
        ("grids short of workers", str(sum(1 for g in grids if len(g.workers) < g.suggested_workers))),
        ("difficulty, county", ms(timings(lambda: ws.query.grid_difficulty(None), 5))),
        versus_bare(ws, "difficulty, county vs bare SQL", lambda: ws.query.grid_difficulty(None), 5),
        ("difficulty, one town", ms(timings(lambda: ws.query.grid_difficulty(town.id), 5))),
        ("difficulty, county by town", ms(timings(lambda: ws.query.grid_difficulty(None, level=2), 5))),
        ("网格难度 ledger data, county", ms(timings(lambda: build_ledger(ws, "difficulty", county.id), 3))),
        ("assessment, one town, a quarter", ms(timings(lambda: ws.query.worker_assessment(town.id, quarter), 3))),
        ("assessment, county, a quarter", ms(timings(lambda: ws.query.worker_assessment(None, quarter), 3))),
        ("workers assessed (county)", str(len(ws.query.worker_assessment(None, quarter)))),
        ("peak RSS (whole process)", f"{peak_rss_mb():.0f} MB"),
    ]
    print_table(f"Grid difficulty and assessment at county scale ({TODAY}, quarter {quarter[0]}–{quarter[1]})",
                rows)
    ws.close()


if __name__ == "__main__":
    main()

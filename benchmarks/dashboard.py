"""County-scale figures for the home page's dashboard: ws.query.dashboard for the whole county (aim ≤ 1 s, off
the UI thread) and for one town (aim ≤ 200 ms), each chart source on its own, and peak RSS.

    .venv/bin/python benchmarks/dashboard.py [--rebuild]

Times are medians (p95) at the demo's "now"; the first county read (cold caches) is shown apart.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import county_workspace, measured, ms, peak_rss_mb, print_table, timings
from gridapp.demo import TODAY
from gridapp.queries.dashboard import CHART_SOURCES

NOW = datetime.combine(TODAY, datetime.min.time()).replace(hour=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true")
    ws, _ = county_workspace(parser.parse_args().rebuild)
    q = ws.query
    with measured() as cold:
        county = q.dashboard(None, NOW)
    town = max(q.grid_children(county.scope_id), key=lambda n: n.household_count)
    rows = [
        (f"county {county.scope_name}, first read (cold)", f"{cold.seconds * 1000:.1f} ms, peak RSS {cold.peak_mb:.0f} MB"),
        ("county, whole dashboard (aim ≤ 1 s)", ms(timings(lambda: q.dashboard(None, NOW), 7))),
        (f"town {town.name} ({town.household_count:,} households, aim ≤ 200 ms)",
         ms(timings(lambda: q.dashboard(town.id, NOW), 7))),
    ]
    for label, node in (("county", None), ("town", town.id)):
        area = q.dashboard_area(node, NOW)
        for source in CHART_SOURCES:
            rows.append((f"  {label}: {source.__name__}", ms(timings(lambda s=source, a=area: s(a), 7))))
    rows.append(("peak RSS (whole process)", f"{peak_rss_mb():.0f} MB"))
    print_table("dashboard data (ws.query.dashboard)", rows)
    ws.close()


if __name__ == "__main__":
    main()

"""County-scale figures for the 红黄绿 monitoring: judging every household of the county data set (50,000
households, ≈195,000 persons) against the rules, as a rule or line change does.

    .venv/bin/python benchmarks/monitoring.py [--rebuild]

The county data set is copied to a temporary file first, so the first recomputation is always a first one:
every household gets its computed colour and causes, and each red or yellow cause raises its 预警 (a 帮扶
case with its timeline). The second recomputation finds nothing changed and writes nothing; a line change
then judges everyone again and writes only what moves. One household page saved shows the cost of the write
hook (gridapp.monitoring.recolour) on an ordinary save. Peak RSS is the whole process's.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import county_workspace, measured, ms, peak_rss_mb, print_table, timings
from gridapp.demo import TODAY
from gridapp.dto import SYSTEM
from gridapp.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true", help="generate the county data set again")
    args = parser.parse_args()
    source, _generation = county_workspace(args.rebuild)
    source.close()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "county.sqlite3"
        shutil.copyfile(source.db_file, path)
        ws = Workspace.open(path)
        ws.today = lambda: TODAY
        rows = run(ws)
        ws.close()
    print_table("gridapp 红黄绿 monitoring benchmark", rows)


def run(ws: Workspace) -> list[tuple[str, str]]:
    stats = ws.query.stats()
    with measured() as first_m:
        first = ws.monitoring.recompute(SYSTEM)
    report = ws.query.monitor_report()
    raised = sum(c.raised for c in ws.query.warning_counts(None))
    with measured() as second_m:
        second = ws.monitoring.recompute(SYSTEM)
    with measured() as line_m:
        line = ws.monitoring.set_line(SYSTEM, report.line + 2000)
    hid = ws.query.household_ids(None)[0]

    def override_one() -> None:
        ws.monitoring.set_override(SYSTEM, hid, "" if ws.query.household(hid).colour_override else "黄", "基准测试")

    colours = "  ".join(f"{c} {n:,}" for c, n in report.colours.items())
    return [
        ("households / persons", f"{stats['households']:,} / {stats['persons']:,}"),
        ("first recompute (all computed, 预警 raised)", f"{first_m}, {int(first.id):,} households changed, "
                                                       f"{raised:,} 预警 raised"),
        ("colours after it", colours),
        ("most frequent causes", "  ".join(f"{cause} {n:,}" for cause, n in list(report.causes.items())[:4])),
        ("second recompute (nothing changes)", f"{second_m}, {int(second.id):,} households changed"),
        (f"monitoring line {report.line:,} → {report.line + 2000:,} (all judged again)",
         f"{line_m}, {len(line.changes.ids):,} records written"),
        ("one household's 人工认定 set or withdrawn (write hook)", ms(timings(override_one, 10))),
        ("peak RSS (whole process)", f"{peak_rss_mb():.0f} MB"),
    ]


if __name__ == "__main__":
    main()

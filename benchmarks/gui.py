"""The registration desk in the real widgets (offscreen Qt) on the county data set.

    .venv/bin/python benchmarks/gui.py [--rebuild]

Targets from the issue: household list open ≤ 300 ms, search ≤ 100 ms p95, household form open ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import county_workspace, median_p95, print_table
from ui.app import make_application, make_context


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    app = make_application(sys.argv[:1])
    ws, _ = county_workspace(args.rebuild)
    from ui.forms.household_form import HouseholdForm
    from ui.pages.household_page import HouseholdPage
    from ui.search_box import SearchBox

    ctx = make_context(ws, str(Path(tempfile.mkdtemp()) / "settings.ini"))
    page = HouseholdPage(ctx)
    page.resize(1300, 800)
    page.show()
    app.processEvents()
    [county] = ws.query.grid_children(None)
    town = ws.query.grid_children(county.id)[0]

    def open_list(scope: str) -> float:
        start = time.perf_counter()
        page.model.set_scope(scope)
        for row in range(min(40, page.model.rowCount())):  # what the first screen shows
            for col in range(page.model.columnCount()):
                page.model.index(row, col).data()
        app.processEvents()
        return time.perf_counter() - start

    county_open = median_p95([open_list(county.id) for _ in range(5)])[0]
    town_open = median_p95([open_list(town.id) for _ in range(5)])[0]

    box = SearchBox(ctx)
    box.show()
    rng = random.Random(3)
    sample = [ws.query.household(h).members[0] for h in rng.sample(ws.query.household_ids(None), 6)]
    queries = ["王", "建国", "秀英", "zjg", "wxy", "lh"] + [p.id_number[-6:] for p in sample]
    queries += [p.phone[-4:] for p in sample if p.phone]
    samples = []
    for q in queries * 3:
        box.setText(q)
        start = time.perf_counter()
        box.run_search()
        app.processEvents()
        samples.append(time.perf_counter() - start)
    search_med, search_p95 = median_p95(samples)

    ids = rng.sample(ws.query.household_ids(None), 20)
    form_times = []
    for hid in ids:
        start = time.perf_counter()
        form = HouseholdForm(ctx, household_id=hid)
        form.show()
        app.processEvents()
        form_times.append(time.perf_counter() - start)
        form.close()
        app.processEvents()
    form_med, form_p95 = median_p95(form_times)

    print_table("gridapp registration desk, county data set, offscreen Qt", [
        (f"household list open, county ({ws.query.stats()['households']:,})", f"{ms(county_open)}  (target ≤ 300 ms)"),
        (f"household list open, town ({town.household_count:,})", f"{ms(town_open)}  (target ≤ 300 ms)"),
        (f"search, type → results ({len(samples)} runs)", f"median {ms(search_med)}, p95 {ms(search_p95)}  (target p95 ≤ 100 ms)"),
        ("household form open (20 households)", f"median {ms(form_med)}, p95 {ms(form_p95)}  (target ≤ 150 ms)"),
    ])
    ws.close()


if __name__ == "__main__":
    main()

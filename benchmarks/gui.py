"""The program's start and the registration desk in the real widgets (offscreen Qt) on the county data set.

    .venv/bin/python benchmarks/gui.py [--rebuild] [--runs N]

Targets from the issues: cold start to the shown main window on the county database ≤ 1.5 s and within 0.5 s of
the same start on an empty database (a fresh process each time, timed from its start to the first paint of the
window: the program's hidden --first-paint option, ui/first_paint.py); 房屋 and 场所 list open ≤ 300 ms;
household list open ≤ 300 ms, search ≤ 100 ms p95, household form open ≤ 150 ms. Peak RSS beside each time:
the started process's own VmHWM at its first paint, and ``measured()`` for the operations in this process.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DATA, county_workspace, measured, median_p95, print_table
from gridapp.workspace import Workspace
from ui.app import make_application, make_context
from ui.first_paint import MARK

ROOT = Path(__file__).resolve().parent.parent


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def runs(op: Callable[[], object], n: int) -> tuple[float, float, float]:
    """Median and p95 wall time of ``op`` over ``n`` runs, and the highest of their own peak RSS (MB)."""
    times, peaks = [], []
    for _ in range(n):
        with measured() as m:
            op()
        times.append(m.seconds)
        peaks.append(m.peak_mb)
    return *median_p95(times), max(peaks)


def cold_start(db: Path, config: Path) -> tuple[float, float]:
    """A fresh program on ``db``: seconds from starting the process to its window's first paint, and the
    process's peak RSS (MB) until then. The program closes its window right after and ends."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as an installed program is
    start = time.time()
    child = subprocess.Popen([sys.executable, "-m", "ui", "--db", str(db), "--first-paint"], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    painted, peak = None, 0.0
    for line in child.stdout:
        if line.startswith(MARK):
            painted = float(line.removeprefix(MARK))
            status = Path(f"/proc/{child.pid}/status").read_text(encoding="utf-8")
            peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
            break
    child.communicate()
    if painted is None:
        raise SystemExit(f"the program on {db} never painted its window (exit code {child.returncode})")
    return painted - start, peak


def empty_database(folder: Path, office: str) -> Path:
    """A database with the office set up and nothing else."""
    path = folder / "empty.sqlite3"
    ws = Workspace.open(path)
    ws.init_office(office, "411423")
    ws.close()
    return path


def start_figures(county_db: Path, office: str, n: int) -> list[tuple[str, str]]:
    folder = Path(tempfile.mkdtemp())
    empty_db = empty_database(folder, office)
    cold_start(empty_db, folder / "config")  # compiles the program's modules once, not counted
    rows, medians = [], {}
    for name, db in (("empty", empty_db), ("county", county_db)):
        samples = [cold_start(db, folder / "config") for _ in range(n)]
        medians[name] = median_p95([s for s, _ in samples])[0]
        rows.append((f"cold start to the first paint, {name} database ({n} runs)",
                     f"median {ms(medians[name])} (runs: {', '.join(ms(s) for s, _ in samples)}), "
                     f"peak RSS {max(p for _, p in samples):.0f} MB  (target county ≤ 1500 ms)"))
    rows.append(("cold start, county − empty", f"{ms(medians['county'] - medians['empty'])}  (target ≤ 500 ms)"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per database for the cold start")
    args = parser.parse_args()
    app = make_application(sys.argv[:1])
    ws, _ = county_workspace(args.rebuild)
    rows = start_figures(DATA / "county.sqlite3", ws.office.name, args.runs)

    from PySide6.QtCore import QEvent

    from ui.forms.household_form import HouseholdForm
    from ui.main_window import MainWindow
    from ui.search_box import SearchBox

    ctx = make_context(ws, str(Path(tempfile.mkdtemp()) / "settings.ini"))
    ctx = ctx.signed_in(ws.users.open_actor(), "")

    def first_screen(model) -> None:
        for row in range(min(40, model.rowCount())):  # what the first screen shows
            for col in range(model.columnCount()):
                model.index(row, col).data()

    def new_window() -> MainWindow:
        """A window as the program shows it, its home page's figures loaded (pages are built on first show)."""
        window = MainWindow(ctx)
        window.resize(1300, 800)
        window.show()
        app.processEvents()
        ctx.tasks.wait()
        app.processEvents()
        return window

    counts = {"houses": len(ws.query.house_ids(None)), "places": len(ws.query.place_ids(None))}
    for key, label in (("houses", "房屋"), ("places", "场所")):
        times, peaks = [], []
        for _ in range(5):  # a new window each time: switched to the page until its first screen of rows shows
            window = new_window()
            with measured() as m:
                first_screen(window.show_page(key).model)
                app.processEvents()
            times.append(m.seconds)
            peaks.append(m.peak_mb)
            window.close()
            window.deleteLater()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone before the next one is measured
        rows.append((f"{label} list open, county ({counts[key]:,})",
                     f"median {ms(median_p95(times)[0])}, peak RSS {max(peaks):.0f} MB  (target ≤ 300 ms)"))

    window = new_window()
    page = window.show_page("households")
    app.processEvents()
    [county] = ws.query.grid_children(None)
    town = ws.query.grid_children(county.id)[0]

    def open_list(scope: str) -> Callable[[], None]:
        def op() -> None:
            page.model.set_scope(scope)
            first_screen(page.model)
            app.processEvents()
        return op

    county_open, _, county_peak = runs(open_list(county.id), 5)
    town_open, _, town_peak = runs(open_list(town.id), 5)

    box = SearchBox(ctx)
    box.show()
    rng = random.Random(3)
    sample = [ws.query.household(h).members[0] for h in rng.sample(ws.query.household_ids(None), 6)]
    queries = iter((["王", "建国", "秀英", "zjg", "wxy", "lh"] + [p.id_number[-6:] for p in sample]
                    + [p.phone[-4:] for p in sample if p.phone]) * 3)

    def search() -> None:
        box.setText(next(queries))
        box.run_search()
        app.processEvents()

    n_search = (12 + sum(1 for p in sample if p.phone)) * 3
    search_med, search_p95, search_peak = runs(search, n_search)

    ids = iter(rng.sample(ws.query.household_ids(None), 20))

    def open_form() -> None:
        form = HouseholdForm(ctx, household_id=next(ids))
        form.show()
        app.processEvents()
        form.close()
        app.processEvents()

    form_med, form_p95, form_peak = runs(open_form, 20)

    print_table("gridapp start and registration desk, county data set, offscreen Qt", [*rows,
        (f"household list open, county ({ws.query.stats()['households']:,})",
         f"{ms(county_open)}, peak RSS {county_peak:.0f} MB  (target ≤ 300 ms)"),
        (f"household list open, town ({town.household_count:,})",
         f"{ms(town_open)}, peak RSS {town_peak:.0f} MB  (target ≤ 300 ms)"),
        (f"search, type → results ({n_search} runs)",
         f"median {ms(search_med)}, p95 {ms(search_p95)}, peak RSS {search_peak:.0f} MB  (target p95 ≤ 100 ms)"),
        ("household form open (20 households)",
         f"median {ms(form_med)}, p95 {ms(form_p95)}, peak RSS {form_peak:.0f} MB  (target ≤ 150 ms)")])
    window.close()
    ctx.tasks.wait()
    ws.close()


if __name__ == "__main__":
    main()

"""County-scale figures for the case log and visits: the case list (open, filter, counts), one case window,
the visit log and the due-visit list of a town, on the county data set (20,000 cases, 100,000 visits); then
the same in the real widgets (offscreen Qt): the 事件 page opening, a filter change, a case window opening.

    .venv/bin/python benchmarks/cases.py [--rebuild] [--no-gui]

Times are medians (p95) of repeated runs at the demo's "now". Ratios compare a query with the very SQL it
sends, replayed on a bare sqlite3 connection (ratio = bare ÷ ours; 1.0 means the query adds nothing over
SQLite itself).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event

from benchmarks.common import county_workspace, measured, median_p95, print_table, timings
from gridapp.demo import TODAY
from gridapp.dto import CaseFilter, VisitFilter
from gridapp.workspace import Workspace

NOW = datetime.combine(TODAY, time(10, 0))
PAGE = 100  # rows the list model asks for at once


def ms(samples: list[float]) -> str:
    med, p95 = median_p95(samples)
    return f"median {med * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def sql_of(ws: Workspace, fn: Callable[[], object]) -> list[tuple[str, tuple]]:
    """The statements ``fn`` sends, with their parameters, to replay them on a bare connection."""
    sent: list[tuple[str, tuple]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        sent.append((statement, tuple(parameters)))

    event.listen(ws.engine, "before_cursor_execute", record)
    fn()
    event.remove(ws.engine, "before_cursor_execute", record)
    return sent


def versus_bare(ws: Workspace, label: str, fn: Callable[[], object], repeat: int) -> tuple[str, str]:
    statements = sql_of(ws, fn)
    raw = sqlite3.connect(ws.db_file)
    bare = median_p95(timings(lambda: [raw.execute(s, p).fetchall() for s, p in statements], repeat))[0]
    ours = median_p95(timings(fn, repeat))[0]
    raw.close()
    return label, f"{ours * 1000:.1f} ms vs {bare * 1000:.1f} ms bare, ratio {bare / ours:.2f}"


def due_rows(q, county, town, village) -> list[tuple[str, str]]:
    """The due list (one SQL statement) of the county, a town and a village, and the home page's counts, each
    timed twice, each with its own peak RSS (``measured``)."""
    rows = []
    for node, label in ((None, "the whole county"), (town, town.name), (village, village.name)):
        scope = node.id if node else None
        for run in (1, 2):
            with measured() as m:
                found = q.due_visits(scope, TODAY)
            with measured() as c:
                counts = q.due_counts(scope, TODAY, within_days=7)
            rows.append((f"due visits of {label} ({len(found):,} due), run {run}", str(m)))
            rows.append((f"home counts of {label} ({counts.due:,} due in 7 days, {counts.overdue:,} overdue), "
                         f"run {run}", str(c)))
    rows.append((f"work_counts of {town.name}", ms(timings(lambda: q.work_counts(town.id, NOW), 5))))
    return rows


def first_screen(model, rows: int = 40) -> None:
    """Ask for what the first screen of a list shows, as the view would."""
    for row in range(min(rows, model.rowCount())):
        for col in range(model.columnCount()):
            model.index(row, col).data()


def gui_rows(ws: Workspace, case_id: str) -> list[tuple[str, str]]:
    """The 事件 page and case window in the real widgets, offscreen, at the demo's "now"."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import make_application, make_context
    from ui.dialogs.case_window import CaseWindow
    from ui.pages.case_page import CasePage

    app = make_application(sys.argv[:1])
    ctx = make_context(ws, str(Path(tempfile.mkdtemp()) / "settings.ini"))
    ctx.clock = lambda: NOW

    def open_page() -> None:
        page = CasePage(ctx)
        page.show()
        first_screen(page.model)
        app.processEvents()
        page.close()
        page.deleteLater()

    page = CasePage(ctx)
    page.show()
    steps = list(range(page.status.count()))

    def change_filter() -> None:
        page.status.setCurrentIndex(steps[(page.status.currentIndex() + 1) % len(steps)])
        first_screen(page.model)
        app.processEvents()

    def open_window() -> None:
        window = CaseWindow(ctx, case_id)
        window.show()
        app.processEvents()
        window.close()

    rows = [("GUI: 事件 page open (tree, all ids, first screen, counts)", ms(timings(open_page, 5))),
            ("GUI: status filter change (ids, first screen, counts)", ms(timings(change_filter, 20))),
            ("GUI: case window open", ms(timings(open_window, 10)))]
    page.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true", help="generate the county data set again")
    parser.add_argument("--no-gui", action="store_true", help="leave out the widgets (queries only)")
    args = parser.parse_args()
    ws, generation = county_workspace(args.rebuild)
    q = ws.query
    stats = q.stats()
    [county] = q.grid_children(None)
    town = max(q.grid_children(county.id), key=lambda t: t.household_count)
    village = max(q.grid_children(town.id), key=lambda v: v.household_count)
    some_case = q.case_ids(CaseFilter(steps=("归档销号",)), NOW)[123]

    def open_list() -> None:
        ids = q.case_ids(now=NOW)
        q.case_rows(ids[:PAGE], NOW)
        q.case_counts(now=NOW)

    def filtered(flt: CaseFilter) -> Callable[[], None]:
        def run() -> None:
            ids = q.case_ids(flt, NOW)
            q.case_rows(ids[:PAGE], NOW)
            q.case_counts(flt, NOW)
        return run

    filters = {
        "step 跟踪问效": CaseFilter(steps=("跟踪问效",)),
        "category 环境保护": CaseFilter(category="环境保护"),
        "overdue": CaseFilter(overdue=True),
        f"town {town.name} subtree": CaseFilter(scope_id=town.id),
        "accepted in the last 30 days": CaseFilter(accepted_from=TODAY - timedelta(days=30), accepted_to=TODAY),
        "text 垃圾": CaseFilter(text="垃圾"),
    }
    rows = [
        ("generation time (whole county demo)", f"{generation:.1f} s" if generation else "(cached; --rebuild)"),
        ("cases / visits", f"{stats['cases']:,} / {stats['visits']:,}"),
        (f"case list open (all ids + {PAGE} rows + step counts)", ms(timings(open_list, 10))),
    ]
    counts = {label: len(q.case_ids(flt, NOW)) for label, flt in filters.items()}
    rows += [(f"filter: {label} ({counts[label]:,})", ms(timings(filtered(flt), 10)))
             for label, flt in filters.items()]
    rows.append(("case window (timeline, links, state)", ms(timings(lambda: q.case(some_case, NOW), 20))))
    visit_log = VisitFilter(scope_id=town.id)
    rows.append((f"visit log of {town.name} ({len(q.visit_ids(visit_log)):,}) + {PAGE} rows",
                 ms(timings(lambda: q.visit_rows(q.visit_ids(visit_log)[:PAGE]), 10))))
    rows += due_rows(q, county, town, village)
    rows.append(versus_bare(ws, "case list ids vs bare sqlite3", lambda: q.case_ids(now=NOW), 10))
    rows.append(versus_bare(ws, f"due visits of {town.name} vs bare sqlite3",
                            lambda: q.due_visits(town.id, TODAY), 7))
    rows.append(versus_bare(ws, "due visits of the whole county vs bare sqlite3",
                            lambda: q.due_visits(None, TODAY), 3))
    if not args.no_gui:
        rows += gui_rows(ws, some_case)
    print_table("gridapp case log benchmark", rows)
    ws.close()


if __name__ == "__main__":
    main()

"""County-scale figures for the ledgers: 实有人口台账 of the whole county data set (≈200,000 persons).

    .venv/bin/python benchmarks/ledgers.py [--sizes 5000,10000,20000]

Prints the time to read the rows, pages per second and peak memory for the whole county PDF, and the Excel
export. The ratio compares our PDF writer with a bare reportlab LongTable (repeatRows=1) of the same rows and
columns, built in the same run (ratio = bare time ÷ our time; 1.0 means the ledger engine costs nothing over
reportlab itself). A bare LongTable re-creates the rest of itself at every page break, so its time grows with
the square of the rows: it is measured on the first N rows of the same ledger, not on all of them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import county_workspace, peak_rss_mb, print_table
from gridapp.excel.ledger_export import export_xlsx
from gridapp.ledgers import LedgerData, build_ledger, write_pdf

T = TypeVar("T")


def first_rows(data: LedgerData, n: int) -> LedgerData:
    [section] = data.sections
    return replace(data, sections=(replace(section, rows=section.rows[:n]),))


def bare_longtable(data: LedgerData, path: Path) -> int:
    """The same header, rows and column widths as one plain reportlab LongTable: no wrapping, no page template."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    from gridapp.ledgers.fonts import font_name
    from gridapp.ledgers.pdf import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X

    [section] = data.sections
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, initialFontName=font_name())
    declared = sum(c.width for c in section.columns)
    widths = [c.width * doc.width / declared for c in section.columns]
    rows = [[c.header for c in section.columns], *map(list, section.rows)]
    style = TableStyle([("FONT", (0, 0), (-1, -1), font_name(), 8.5, 10.5),
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    doc.build([LongTable(rows, colWidths=widths, repeatRows=1, style=style)])
    return doc.page


def timed(fn: Callable[..., T], *args: Any) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5000,10000,20000", help="row counts for the bare LongTable ratio")
    args = parser.parse_args()
    ws, _ = county_workspace()
    [root] = ws.query.grid_children(None)
    folder = Path(tempfile.mkdtemp(prefix="gridapp-ledger-bench-"))
    rows: list[tuple[str, str]] = []

    before = peak_rss_mb()
    data, read = timed(build_ledger, ws, "population", root.id)
    persons = data.row_count
    rows.append((f"read {persons:,} persons into the ledger", f"{read:.1f} s"))
    pages, seconds = timed(write_pdf, data, folder / "county.pdf")
    size = (folder / "county.pdf").stat().st_size / 1e6
    rows += [
        ("county PDF", f"{pages:,} pages, {size:.0f} MB, {seconds:.0f} s"),
        ("pages per second (PDF writing)", f"{pages / seconds:.1f}  ({persons / seconds:,.0f} rows/s)"),
        ("peak RSS (whole process)", f"{peak_rss_mb():.0f} MB (before the ledger: {before:.0f} MB)"),
    ]
    _, seconds = timed(export_xlsx, data, folder / "county.xlsx")
    rows.append(("county Excel export", f"{seconds:.0f} s, {(folder / 'county.xlsx').stat().st_size / 1e6:.0f} MB"))

    sample = first_rows(data, 20000)
    tracemalloc.start()
    write_pdf(sample, folder / "traced.pdf")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append(("peak Python memory of writing 20,000 rows", f"{peak / 1e6:.0f} MB (tracemalloc)"))

    for n in (int(s) for s in args.sizes.split(",")):
        part = first_rows(data, n)
        pages, ours = timed(write_pdf, part, folder / f"ours-{n}.pdf")
        bare_pages, bare = timed(bare_longtable, part, folder / f"bare-{n}.pdf")
        rows.append((f"first {n:,} rows: ours vs bare LongTable",
                     f"{ours:.1f} s ({pages} pages) vs {bare:.1f} s ({bare_pages} pages), ratio {bare / ours:.2f}"))
    print_table("gridapp ledger benchmark (实有人口台账, whole county)", rows)
    ws.close()


if __name__ == "__main__":
    main()

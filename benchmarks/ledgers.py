"""County-scale figures for the ledgers: 实有人口台账 of the whole county data set (≈200,000 persons).

    .venv/bin/python benchmarks/ledgers.py [--rows 20000] [--skip-county-pdf]

Each line gives the wall time and the operation's own peak RSS (``measured``, each operation run in a fresh
interpreter; target ≤ 500 MB for the county PDF). Two ratios (bare time ÷ our time; 1.0 means the ledger engine costs nothing over the bare library):

- PDF: our writer against a bare reportlab ``SimpleDocTemplate`` + ``Table`` (repeatRows=1) of the same
  ``--rows`` rows, columns, widths and font, both from rows already in memory;
- Excel: our county export (rows read from the database in batches) against a bare openpyxl write-only
  workbook of the same rows read with plain sqlite3.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DATA, county_workspace, measured, print_table
from gridapp.excel.ledger_export import export_xlsx
from gridapp.ledgers import LedgerData, Section, build_ledger, write_pdf

BARE_QUERY = """
SELECT p.name, p.sex, p.id_number, p.birth_date, p.ethnicity, p.relation, h.number, h.address,
       p.residence_kind, p.phone, g.name
FROM persons p JOIN households h ON h.id = p.household_id JOIN grid_nodes g ON g.id = h.grid_id
WHERE NOT p.deleted AND p.status = '在册' AND NOT h.deleted AND NOT g.deleted
ORDER BY g.path, h.number, h.id, p.sort_order
"""


def first_rows(data: LedgerData, n: int) -> LedgerData:
    """The ledger cut to its first ``n`` rows, held in memory (both writers then start from the same list)."""
    [section] = data.sections
    assert isinstance(section, Section)
    return replace(data, sections=(replace(section, rows=tuple(islice(section.rows, n))),))


def bare_table(data: LedgerData, path: Path) -> int:
    """The same header, rows and column widths as one plain reportlab Table: no wrapping, no page template."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from gridapp.ledgers.fonts import font_name
    from gridapp.ledgers.pdf import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X

    [section] = data.sections
    assert isinstance(section, Section)
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, initialFontName=font_name())
    declared = sum(c.width for c in section.columns)
    widths = [c.width * doc.width / declared for c in section.columns]
    rows = [[c.header for c in section.columns], *map(list, section.rows)]
    style = TableStyle([("FONT", (0, 0), (-1, -1), font_name(), 8.5, 10.5),
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    doc.build([Table(rows, colWidths=widths, repeatRows=1, style=style)])
    return doc.page


def bare_xlsx(database: Path, path: Path) -> int:
    """The county's persons read with plain sqlite3 and appended to a write-only openpyxl sheet as they come."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("实有人口台账")
    sheet.append(["序号", "姓名", "性别", "身份证号", "出生日期", "民族", "与户主关系", "户号", "住址", "人口类别",
                  "联系电话", "所属网格"])
    connection = sqlite3.connect(database)
    n = 0
    for n, row in enumerate(connection.execute(BARE_QUERY), start=1):
        sheet.append([str(n), *("" if v is None else str(v) for v in row)])
    connection.close()
    book.save(path)
    return n


def run_part(part: str, rows: int) -> dict[str, float]:
    """One measured operation in this process: seconds, its own peak RSS, what it made (pages or rows) and
    the file's size."""
    ws, _ = county_workspace()
    [root] = ws.query.grid_children(None)
    folder = Path(tempfile.mkdtemp(prefix="gridapp-ledger-bench-"))
    path = folder / f"{part}.{'xlsx' if part.endswith('xlsx') else 'pdf'}"
    try:
        if part == "build":
            with measured() as m:
                data = build_ledger(ws, "population", root.id)
            return {"seconds": m.seconds, "peak_mb": m.peak_mb, "made": data.row_count}
        if part == "bare-xlsx":
            with measured() as m:
                made = bare_xlsx(DATA / "county.sqlite3", path)
            return {"seconds": m.seconds, "peak_mb": m.peak_mb, "made": made, "mb": path.stat().st_size / 1e6}
        data = build_ledger(ws, "population", root.id)
        if part in ("ours-pdf", "bare-pdf"):
            data = first_rows(data, rows)
        writer = {"county-pdf": write_pdf, "ours-pdf": write_pdf, "bare-pdf": bare_table,
                  "ours-xlsx": lambda d, p: export_xlsx(d, p) or data.row_count}[part]
        with measured() as m:
            made = writer(data, path)
        return {"seconds": m.seconds, "peak_mb": m.peak_mb, "made": made, "mb": path.stat().st_size / 1e6}
    finally:
        ws.close()
        shutil.rmtree(folder, ignore_errors=True)


def measure(part: str, rows: int) -> dict[str, float]:
    """``run_part`` in a fresh interpreter, so that each peak RSS is that operation's alone."""
    done = subprocess.run([sys.executable, __file__, "--part", part, "--rows", str(rows)], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000, help="rows of the PDF ratio against bare reportlab")
    parser.add_argument("--skip-county-pdf", action="store_true", help="leave out the 2-minute county PDF")
    parser.add_argument("--part", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        print(json.dumps(run_part(args.part, args.rows)))
        return

    def line(m: dict[str, float]) -> str:
        return f"{m['seconds']:.2f} s, peak RSS {m['peak_mb']:.0f} MB"

    build = measure("build", args.rows)
    out = [(f"count {build['made']:,.0f} persons, plan the batches", line(build))]
    if not args.skip_county_pdf:
        pdf = measure("county-pdf", args.rows)
        out += [("county PDF (rows read in batches)", f"{line(pdf)}; {pdf['made']:,.0f} pages, {pdf['mb']:.0f} MB"),
                ("  pages per second", f"{pdf['made'] / pdf['seconds']:.1f} "
                                       f"({build['made'] / pdf['seconds']:,.0f} rows/s)")]
    ours, bare = measure("ours-pdf", args.rows), measure("bare-pdf", args.rows)
    out += [(f"first {args.rows:,} rows: ours", f"{line(ours)}; {ours['made']:.0f} pages, "
                                                f"{ours['made'] / ours['seconds']:.1f} pages/s"),
            (f"first {args.rows:,} rows: bare reportlab Table", f"{line(bare)}; {bare['made']:.0f} pages"),
            ("  PDF ratio bare ÷ ours", f"{bare['seconds'] / ours['seconds']:.2f}")]
    ours, bare = measure("ours-xlsx", args.rows), measure("bare-xlsx", args.rows)
    out += [("county Excel export: ours", f"{line(ours)}; {ours['mb']:.0f} MB"),
            ("county Excel: bare sqlite3 + openpyxl write-only", f"{line(bare)}; {bare['made']:,.0f} rows, "
                                                                  f"{bare['mb']:.0f} MB"),
            ("  Excel ratio bare ÷ ours", f"{bare['seconds'] / ours['seconds']:.2f}")]
    print_table(f"gridapp ledger benchmark (实有人口台账, whole county, {date.today().isoformat()})", out)


if __name__ == "__main__":
    main()

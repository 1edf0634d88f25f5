"""Imports without the copy of the database file: 100 changed rows through Excel and through a sync package on the
county data set, each applied with its undo journal (what a small import does now) and with the whole-file
backup (what every import did before), and the undo from the journal — wall time and peak RSS of each.

    .venv/bin/python benchmarks/import_undo.py

The sync case needs a receiving office that holds the county: a full import first (timed by benchmarks/sync.py,
not here), then incremental packages of 100 changed places.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook

import gridapp.sync.journal as journal
from benchmarks.common import DATA, Measure, county_workspace, measured, print_table
from benchmarks.sync import CHANGES, PASS, copy_of
from gridapp.dto import SYSTEM
from gridapp.excel import importer
from gridapp.idnumber import check_digit
from gridapp.workspace import Workspace


def main() -> None:
    county, _ = county_workspace()
    county.close()
    work = Path(tempfile.mkdtemp(prefix="undo-bench-"))
    try:
        rows = excel_figures(work) + sync_figures(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(f"Imports of {CHANGES} changed rows, county data set: journal instead of the file copy", rows)


def excel_figures(work: Path) -> list[tuple[str, str]]:
    ws = copy_of(DATA / "county.sqlite3", work / "excel" / "db.sqlite3")
    grid = ws.query.household(ws.query.household_ids(None)[0]).grid_id
    sheet = write_sheet(work / "100户.xlsx")
    journaled, result = apply_sheet(ws, sheet, grid)
    assert result.backup is None and result.households.created == CHANGES, result.households
    with measured() as undo:
        ws.imports.undo(SYSTEM, result.import_id)
    journal.JOURNAL_LIMIT = 0
    copied, again = apply_sheet(ws, sheet, grid)
    journal.JOURNAL_LIMIT = 20_000
    assert again.backup is not None and again.households.created == CHANGES, again.households
    ws.close()
    return [(f"Excel import, {CHANGES} new households: with the journal", str(journaled)),
            ("Excel import, the same: with the whole-file backup (before)", str(copied)),
            ("Excel import: undo from the journal", str(undo))]


def write_sheet(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["户号", "姓名", "与户主关系", "公民身份号码", "民族", "联系电话"])
    for n in range(CHANGES):
        first17 = f"41142319800101{n:03d}"
        sheet.append([f"B{n:03d}", f"基准{n}", "户主", first17 + check_digit(first17), "汉族", f"1390000{n:04d}"])
    book.save(path)
    return path


def apply_sheet(ws: Workspace, path: Path, grid: str) -> tuple[Measure, importer.ImportResult]:
    source = importer.read_sheet(path)
    plan = importer.dry_run(ws, source, importer.propose_mapping(ws, source.headers),
                            importer.ImportOptions(grid, "update"))
    with measured() as m:
        result = importer.apply(ws, plan, SYSTEM)
    return m, result


def sync_figures(work: Path) -> list[tuple[str, str]]:
    """The receiving office is built here; the small imports are measured in a fresh process, so their peak RSS is
    their own and not what the full import left resident."""
    source = copy_of(DATA / "county.sqlite3", work / "county" / "db.sqlite3")
    target = Workspace.open(work / "town" / "db.sqlite3")
    target.init_office("基准测试接收单位", source.office.county_code)
    usb = work / "usb"
    full = source.sync.export_package(SYSTEM, usb, None, None, PASS)
    target.sync.apply(SYSTEM, target.sync.read_package(full.path, PASS))  # big: backed up whole, not journaled
    hello = target.sync.export_package(SYSTEM, usb, source.office.id, None, PASS)
    source.sync.apply(SYSTEM, source.sync.read_package(hello.path, PASS))
    source.close()
    target.close()
    child = subprocess.run([sys.executable, __file__, "--small-syncs", str(work)], capture_output=True, text=True,
                           check=True)
    return [tuple(row) for row in json.loads(child.stdout)]


def small_syncs(work: Path) -> list[tuple[str, str]]:
    source = Workspace.open(work / "county" / "db.sqlite3")
    target = Workspace.open(work / "town" / "db.sqlite3")
    usb = work / "usb"
    figures = []
    for label, limit in (("with the journal", 20_000), ("with the whole-file backup (before)", 0)):
        change_places(source, label)
        delta = source.sync.export_package(SYSTEM, usb, target.office.id, None, PASS)
        package = target.sync.read_package(delta.path, PASS)
        journal.JOURNAL_LIMIT = limit
        with measured() as m:
            summary = target.sync.apply(SYSTEM, package)
        journal.JOURNAL_LIMIT = 20_000
        assert summary.totals.updated == CHANGES and bool(summary.backup_path) == (limit == 0), summary
        figures.append((f"sync import, {CHANGES} changed places: {label}", str(m)))
        if limit:
            with measured() as undo:
                target.imports.undo(SYSTEM, summary.import_id)
            again = target.sync.apply(SYSTEM, target.sync.read_package(delta.path, PASS))  # forgotten: imports again
            assert again.totals.updated == CHANGES, again.totals
            figures.append(("sync import: undo from the journal", str(undo)))
    source.close()
    target.close()
    return figures


def change_places(ws: Workspace, tag: str) -> None:
    """Edit the notes of CHANGES places (with ``tag``, so every round really changes them)."""
    with ws.read() as s:
        ids = [r[0] for r in s.connection().exec_driver_sql(
            f"SELECT id FROM places WHERE NOT deleted ORDER BY id LIMIT {CHANGES}")]
    for n, place_id in enumerate(ids):
        ws.places.update(SYSTEM, place_id, notes=f"撤销基准测试 {tag} {n}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--small-syncs"]:
        print(json.dumps(small_syncs(Path(sys.argv[2]))))
    else:
        main()

"""Excel import throughput at county scale, its ratio to the bare floor, and its speed-up over the old reader.

    .venv/bin/python benchmarks/excel_import.py [--persons 50000] [--repeat 2]

The first persons of the county data set (household by household, 户号 and grid code on every row) go to a
sheet and imported into a fresh database that has only the county's grid tree. The floor is what no importer
can beat: one python-calamine pass over the same sheet (the reader the import uses) plus a bulk sqlite3 insert
of the same rows (ratio = floor ÷ import; 1.0 would mean validation, grouping and stamping cost nothing).
The import read sheets with openpyxl's own sheet parser before: 19.0 s for the same 50,000 persons on the
2-core machine (OLD_IMPORT_SECONDS); an openpyxl read-only pass over the sheet is timed once beside it.
The machine is shared: the figures are the fastest of interleaved runs, and still noisy.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from benchmarks.common import DATA, county_workspace, measured, print_table
from gridapp.dto import SYSTEM
from gridapp.excel.importer import ImportOptions, apply, dry_run, import_file, propose_mapping, read_sheet
from gridapp.workspace import Workspace

T = TypeVar("T")

COLUMNS = (
    ("户号", "h.number"), ("姓名", "p.name"), ("与户主关系", "p.relation"), ("公民身份号码", "p.id_number"),
    ("性别", "p.sex"), ("出生日期", "p.birth_date"), ("民族", "p.ethnicity"), ("政治面貌", "p.political_status"),
    ("文化程度", "p.education"), ("婚姻状况", "p.marital_status"), ("职业", "p.occupation"),
    ("工作单位", "p.employer"), ("联系电话", "p.phone"), ("人口类别", "p.residence_kind"), ("户籍地", "p.origin"),
    ("家庭住址", "h.address"), ("所属网格", "g.code"),
)
WAIT_SECONDS = 1800  # another process may be (re)generating the county data set
OLD_IMPORT_SECONDS = 19.0  # the openpyxl-based import of the default 50,000 persons, as measured in the issue


@dataclass(frozen=True)
class Lap:
    """Elapsed and CPU seconds: the machine is shared, and CPU time is the steadier of the two."""

    wall: float
    cpu: float
    peak_mb: float = 0.0

    def __add__(self, other: Lap) -> Lap:
        return Lap(self.wall + other.wall, self.cpu + other.cpu, max(self.peak_mb, other.peak_mb))

    def __str__(self) -> str:
        return f"{self.wall:.1f} s ({self.cpu:.1f} s CPU), peak RSS {self.peak_mb:.0f} MB"


def timed(fn: Callable[[], T]) -> tuple[T, Lap]:
    cpu = time.process_time()
    with measured() as m:
        value = fn()
    return value, Lap(m.seconds, time.process_time() - cpu, m.peak_mb)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=2, help="imports (and floors) to run; the fastest counts")
    args = parser.parse_args()
    county = wait_for_county()
    work = Path(tempfile.mkdtemp(prefix="excel-import-"))
    sheet_path = work / "county.xlsx"
    rows, written = timed(lambda: export_sheet(county, sheet_path, args.persons))
    floors, imports = [], []
    for run in range(args.repeat):  # interleaved, so both sides see the same load on a shared machine
        floors.append(bare_floor(sheet_path, work / f"bare-{run}.sqlite3"))
        imports.append(import_once(sheet_path, fresh_workspace(work / f"fresh-{run}.sqlite3", county), rows))
    floors.append(bare_floor(sheet_path, work / "bare-last.sqlite3"))
    floor_read = min((f[0] for f in floors), key=lambda lap: lap.wall)
    floor_insert = min((f[1] for f in floors), key=lambda lap: lap.wall)
    floor = floor_read + floor_insert
    households, (read, checked, applied) = min(imports, key=lambda i: sum(lap.wall for lap in i[1]))
    ours = read + checked + applied
    _, openpyxl_read = timed(lambda: openpyxl_rows(sheet_path))
    old = f"{OLD_IMPORT_SECONDS / ours.wall:.1f}× (19.0 s = 2,625 rows/s then)" if args.persons == 50_000 else "n/a"

    ws = Workspace.open(work / "fresh-0.sqlite3")
    again, repeated = timed(lambda: import_file(ws, sheet_path, SYSTEM, options=ImportOptions(on_duplicate="update")))
    assert again.persons.unchanged == rows, again.to_json()
    ws.close()

    print_table("Excel import, county data set", [
        ("sheet", f"{rows:,} persons, {households:,} households, {len(COLUMNS)} columns, "
                  f"{sheet_path.stat().st_size / 1e6:.1f} MB (written in {written.wall:.0f} s)"),
        ("import: read", str(read)),
        ("import: check (dry run)", str(checked)),
        ("import: apply (backup, re-check, write)", str(applied)),
        ("import total", f"{ours} = {rows / ours.wall:,.0f} rows/s"),
        ("bare floor: python-calamine read", str(floor_read)),
        ("bare floor: sqlite3 bulk insert", str(floor_insert)),
        ("bare floor total", f"{floor} = {rows / floor.wall:,.0f} rows/s"),
        ("ratio floor ÷ import, elapsed (aim ≥ 0.5)", f"{floor.wall / ours.wall:.2f}"),
        ("ratio floor ÷ import, CPU", f"{floor.cpu / ours.cpu:.2f}"),
        ("openpyxl read-only pass of the same sheet", str(openpyxl_read)),
        ("speed-up over the old openpyxl import (aim ≥ 2×)", old),
        ("re-import of the same sheet (all unchanged)", f"{repeated} = {rows / repeated.wall:,.0f} rows/s"),
        ("runs", f"fastest of {args.repeat} imports and {len(floors)} floors, interleaved"),
    ])


def import_once(sheet_path: Path, ws: Workspace, rows: int) -> tuple[int, tuple[Lap, Lap, Lap]]:
    """One import through the wizard's steps; the households created and the time of each step."""
    sheet, read = timed(lambda: read_sheet(sheet_path))
    options = ImportOptions(on_duplicate="update")
    plan, checked = timed(lambda: dry_run(ws, sheet, propose_mapping(ws, sheet.headers), options))
    result, applied = timed(lambda: apply(ws, plan, SYSTEM))
    assert result.persons.created == rows and not result.refused, result.to_json()
    ws.close()
    return result.households.created, (read, checked, applied)


def wait_for_county() -> Path:
    """The county database once it holds committed households; generated here if nobody else does."""
    path = DATA / "county.sqlite3"
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if path.exists() and _households(path) > 0:
            return path
        print("waiting for benchmarks/.data/county.sqlite3 to be generated …", file=sys.stderr)
        time.sleep(20)
    ws, _ = county_workspace()
    ws.close()
    return path


def _households(path: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM households WHERE NOT deleted").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def export_sheet(county: Path, target: Path, limit: int) -> int:
    """The first ``limit`` live persons, household by household, as a village would keep them."""
    con = sqlite3.connect(f"file:{county}?mode=ro", uri=True)
    query = (f"SELECT {', '.join(c for _, c in COLUMNS)} FROM persons p "
             "JOIN households h ON h.id = p.household_id JOIN grid_nodes g ON g.id = h.grid_id "
             "WHERE NOT p.deleted AND NOT h.deleted ORDER BY g.code, h.number, p.sort_order LIMIT ?")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("人口信息")
    sheet.append([f"{county.stem} 人口信息表"])
    sheet.append([title for title, _ in COLUMNS])
    count = 0
    for row in con.execute(query, (limit,)):
        sheet.append(["" if v is None else v for v in row])
        count += 1
    con.close()
    book.save(target)
    return count


def fresh_workspace(path: Path, county: Path) -> Workspace:
    """An empty database with the county's grid tree, copied row for row."""
    ws = Workspace.open(path)
    ws.init_office("基准测试办公室", "411423")
    con = sqlite3.connect(path)
    con.execute("ATTACH DATABASE ? AS county", (f"file:{county}?mode=ro",))
    mine = [r[1] for r in con.execute("PRAGMA main.table_info(grid_nodes)")]
    theirs = {r[1] for r in con.execute("PRAGMA county.table_info(grid_nodes)")}
    columns = ", ".join(c for c in mine if c in theirs)
    with con:
        con.execute(f"INSERT INTO main.grid_nodes ({columns}) SELECT {columns} FROM county.grid_nodes")
    con.close()
    return ws


def openpyxl_rows(sheet: Path) -> list[tuple[object, ...]]:
    """The rows below the header as openpyxl's read-only mode gives them (what the import's reader was)."""
    book = load_workbook(sheet, read_only=True, data_only=True)
    try:
        return list(book.worksheets[0].iter_rows(min_row=3, values_only=True))
    finally:
        book.close()


def calamine_rows(sheet: Path) -> list[list[object]]:
    """The rows below the header as python-calamine gives them."""
    with CalamineWorkbook.from_path(sheet) as book:
        return book.get_sheet_by_index(0).to_python(skip_empty_area=False)[2:]


def bare_floor(sheet: Path, target: Path) -> tuple[Lap, Lap]:
    """A python-calamine pass over the sheet, and a bulk insert of the rows it read into a plain table."""
    rows, reading = timed(lambda: calamine_rows(sheet))
    con = sqlite3.connect(target)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute(f"CREATE TABLE rows ({', '.join(f'c{i}' for i in range(len(COLUMNS)))})")

    def insert() -> None:
        with con:
            con.executemany(f"INSERT INTO rows VALUES ({', '.join('?' * len(COLUMNS))})", rows)

    _, inserting = timed(insert)
    con.close()
    return reading, inserting


if __name__ == "__main__":
    main()

"""Reading a village's sheet (.xlsx, .xls, .ods or .csv): the rows, merged cells filled in, and the header.

Real sheets have title rows above the header, merged cells (a 户号 or 户主 cell spanning a family's rows, a
two-level header), blank rows and a 合计 row at the bottom. import_files opens the file, whatever its kind,
and refuses what cannot be read; here the cells become rows and the header is found.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from gridapp.excel.import_fields import header_score, skip_reason
from gridapp.excel.import_files import Book, Grid, ImportRefused, open_book
from gridapp.progress import Progress

__all__ = ["ImportRefused", "Sheet", "SheetInfo", "SourceRow", "collector_paused", "list_sheets", "read_sheet"]

HEADER_SEARCH_ROWS = 30  # the header is looked for among this many non-blank rows at the top
MIN_HEADER_SCORE = 2  # a header names at least two known columns (e.g. 姓名 and 身份证号)
PROGRESS_EVERY = 1000



@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an import step builds its hundreds of thousands of objects.

    Each collection walks every object alive, and the sheet, its rows and the plan are all alive until the
    step ends, so at county scale the collector took as long as the work (50,000 persons: 11.7 s → 6.4 s).
    Nothing is left uncollected: it runs again when the step is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()



@dataclass(frozen=True)
class SheetInfo:
    """A visible worksheet as the wizard lists it; ``header_score`` counts the known columns its header names."""

    name: str
    rows: int | None
    header_score: int


@dataclass(frozen=True)
class SourceRow:
    """A non-blank row of the sheet: its Excel row number and its cell values (merged cells filled in)."""

    number: int
    values: tuple[Any, ...]


@dataclass(frozen=True)
class Sheet:
    """A worksheet read into memory, with the row that holds the header."""

    path: Path
    name: str
    rows: tuple[SourceRow, ...]
    header_row: int

    @cached_property
    def headers(self) -> tuple[str, ...]:
        """The header text of every column ("" where the header cell is blank)."""
        row = next(r for r in self.rows if r.number == self.header_row)
        return tuple(_label(v) for v in row.values)

    @cached_property
    def _body(self) -> tuple[list[SourceRow], list[tuple[int, str]]]:
        data, ignored = [], []
        for row in self.rows:
            if row.number <= self.header_row:
                continue
            reason = skip_reason(row.values)
            if reason:
                ignored.append((row.number, reason))
            else:
                data.append(row)
        return data, ignored

    @property
    def data_rows(self) -> list[SourceRow]:
        """The rows below the header that hold people."""
        return self._body[0]

    @property
    def ignored_rows(self) -> list[tuple[int, str]]:
        """Rows below the header passed over on purpose, with why (合计行, 填写说明行, 落款行)."""
        return self._body[1]

    def with_header(self, row_number: int) -> Sheet:
        """The same sheet with another header row, when the user corrects the detected one."""
        if not any(r.number == row_number for r in self.rows):
            raise ImportRefused(f"第{row_number}行是空行，不能作为表头。")
        return _checked(replace(self, header_row=row_number))


def list_sheets(path: str | Path) -> list[SheetInfo]:
    """The visible worksheets, each scored by how well its top rows look like a header."""
    with open_book(path) as book:
        return _visible(book)


def read_sheet(path: str | Path, sheet: str | None = None, progress: Progress | None = None) -> Sheet:
    """Read a worksheet (by default the one whose header names the most columns) and find its header."""
    path = Path(path)
    with collector_paused(), open_book(path) as book:
        name = sheet or max(_visible(book), key=lambda s: s.header_score).name
        if name not in book.names:
            raise ImportRefused(f"工作簿中没有名为“{name}”的工作表（现有：{'、'.join(book.names)}）。")
        rows = _read_rows(book.grid(name), progress or Progress())
    if not rows:
        raise ImportRefused(f"工作表“{name}”是空的，没有任何数据。")
    return _checked(Sheet(path, name, tuple(rows), _find_header(rows, name)))


def _visible(book: Book) -> list[SheetInfo]:
    """The visible sheets; one that cannot be read is listed without rows (reading it says why), unless no
    sheet can be read."""
    result, refusals = [], []
    for entry in book.sheets:
        if entry.visible:
            try:
                grid = book.grid(entry.name, top=HEADER_SEARCH_ROWS)
            except ImportRefused as exc:
                refusals.append(exc)
                result.append(SheetInfo(entry.name, None, 0))
                continue
            top = [r for r in grid.rows if not _blank(r)]
            result.append(SheetInfo(entry.name, grid.height, max((header_score(r) for r in top), default=0)))
    if not result:
        raise ImportRefused(f"“{book.path.name}”中没有可见的工作表。")
    if len(refusals) == len(result):
        raise refusals[0]
    return result


def _checked(sheet: Sheet) -> Sheet:
    if not sheet.data_rows:
        raise ImportRefused(f"工作表“{sheet.name}”第{sheet.header_row}行是表头，但下面没有人员数据。")
    return sheet


def _find_header(rows: list[SourceRow], sheet: str) -> int:
    """The best-scoring row near the top; on a tie the lower one, since a merged two-row header repeats."""
    best = max(rows[:HEADER_SEARCH_ROWS], key=lambda r: (header_score(r.values), r.number))
    if header_score(best.values) < MIN_HEADER_SCORE:
        raise ImportRefused(
            f"在工作表“{sheet}”的前{HEADER_SEARCH_ROWS}行中找不到表头（如“姓名”“公民身份号码”“与户主关系”等列名）。"
            "请确认选择了正确的工作表，或在表格第一行填写列名。"
        )
    return best.number


def _read_rows(grid: Grid, progress: Progress) -> list[SourceRow]:
    """All non-blank rows, empty cells as None, merged ranges filled from their top-left cell."""
    total = len(grid.rows)
    cells: list[list[Any]] = []
    for number, row in enumerate(grid.rows, start=1):
        cells.append([None if v == "" else v for v in row])
        if number % PROGRESS_EVERY == 0:
            progress.report(number, total)
    for area in grid.merged:
        _fill(cells, area)
    width = max((_width(row) for row in cells), default=0)
    rows = [SourceRow(number, tuple(row[:width]) + (None,) * (width - len(row)))
            for number, row in enumerate(cells, start=1) if not _blank(row)]
    progress.report(total, total)
    return rows


def _fill(cells: list[list[Any]], area: tuple[tuple[int, int], tuple[int, int]]) -> None:
    (first_row, first_col), (last_row, last_col) = area
    value = cells[first_row][first_col] if first_row < len(cells) and first_col < len(cells[first_row]) else None
    if value is None:
        return
    while len(cells) <= last_row:
        cells.append([])
    for row in cells[first_row:last_row + 1]:
        if len(row) <= last_col:
            row.extend([None] * (last_col + 1 - len(row)))
        row[first_col:last_col + 1] = [value] * (last_col + 1 - first_col)


def _width(row: list[Any]) -> int:
    """One past the last filled cell."""
    for index in range(len(row) - 1, -1, -1):
        if row[index] is not None:
            return index + 1
    return 0


def _blank(values: tuple[Any, ...] | list[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _label(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())

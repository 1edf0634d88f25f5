"""Reading a village's .xlsx: refuse what is not a workbook, stream the rows, fill merged cells, find the header.

Real sheets have title rows above the header, merged cells (a 户号 or 户主 cell spanning a family's rows, a
two-level header), blank rows and a 合计 row at the bottom. The workbook is opened read-only so a county-size
sheet streams; read-only worksheets do not expose their merged ranges, so the rows are read with openpyxl's
own sheet parser (openpyxl is pinned in pyproject.toml), which collects the merged ranges in the same pass.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser

from gridapp.errors import UserError
from gridapp.excel.import_fields import header_score, skip_reason

Progress = Callable[[int, int], bool]

HEADER_SEARCH_ROWS = 30  # the header is looked for among this many non-blank rows at the top
MIN_HEADER_SCORE = 2  # a header names at least two known columns (e.g. 姓名 and 身份证号)
PROGRESS_EVERY = 1000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls (and .et) files are OLE compound documents, not zip archives


class ImportRefused(UserError):
    """The file as a whole cannot be imported (not a workbook, empty, no header); nothing was changed."""


class ImportCancelled(UserError):
    """The user cancelled; raised from a progress callback's False so any open transaction rolls back."""

    def __init__(self) -> None:
        super().__init__("导入已取消，数据库没有任何改动。")


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell the caller how far we are; a False answer cancels."""
    if progress is not None and progress(done, total) is False:
        raise ImportCancelled()


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
    with _workbook(path) as book:
        return _visible(book, path)


def read_sheet(path: str | Path, sheet: str | None = None, progress: Progress | None = None) -> Sheet:
    """Read a worksheet (by default the one whose header names the most columns) and find its header."""
    path = Path(path)
    with _workbook(path) as book:
        name = sheet or max(_visible(book, path), key=lambda s: s.header_score).name
        if name not in book.sheetnames:
            raise ImportRefused(f"工作簿中没有名为“{name}”的工作表（现有：{'、'.join(book.sheetnames)}）。")
        rows = _read_rows(book[name], progress)
    if not rows:
        raise ImportRefused(f"工作表“{name}”是空的，没有任何数据。")
    return _checked(Sheet(path, name, tuple(rows), _find_header(rows, name)))


def _visible(book: Any, path: str | Path) -> list[SheetInfo]:
    result = []
    for ws in book.worksheets:
        if ws.sheet_state == "visible":
            top = [r for r in ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True) if not _blank(r)]
            result.append(SheetInfo(ws.title, ws.max_row, max((header_score(r) for r in top), default=0)))
    if not result:
        raise ImportRefused(f"“{Path(path).name}”中没有可见的工作表。")
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


@contextmanager
def _workbook(path: str | Path) -> Iterator[Any]:
    """Open the workbook read-only, turning every way a file can be wrong into one clear message."""
    path = Path(path)
    if not path.is_file():
        raise ImportRefused(f"找不到文件“{path}”。")
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ImportRefused(f"无法打开文件“{path.name}”：它可能正在Excel或WPS中打开，或者没有读取权限。"
                            "请关闭打开它的程序后重试。") from exc
    with handle:
        head = handle.read(8)
        if not head:
            raise ImportRefused(f"文件“{path.name}”是空的（0字节），不是Excel工作簿。")
        if head.startswith(_OLE_MAGIC):
            raise ImportRefused(
                f"“{path.name}”是旧版Excel（.xls）或WPS表格格式，本程序只能读取 .xlsx。"
                "请用Excel或WPS打开它，“另存为”Excel工作簿（*.xlsx）后再导入。"
            )
        handle.seek(0)
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
            raise ImportRefused(
                f"“{path.name}”不是有效的Excel工作簿（.xlsx），可能是改了扩展名的其他文件，或者文件已损坏。"
                "请用Excel或WPS打开它，另存为 .xlsx 后再导入。"
            ) from exc
        try:
            yield book
        finally:
            book.close()


def _read_rows(ws: Any, progress: Progress | None) -> list[SourceRow]:
    """All non-blank rows with merged ranges filled from their top-left cell."""
    book = ws.parent
    total = ws.max_row or 0
    cells: dict[int, dict[int, Any]] = {}
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for count, (number, row) in enumerate(parser.parse(), start=1):
            values = {c["column"]: c["value"] for c in row if c["value"] is not None}
            if values:
                cells[number] = values
            if count % PROGRESS_EVERY == 0:
                report(progress, number, max(total, number))
        merged = parser.merged_cells.mergeCell if parser.merged_cells else ()
    for area in merged:
        _fill(cells, area.ref)
    width = max((max(row) for row in cells.values()), default=0)
    rows = []
    for number in sorted(cells):
        values = tuple(cells[number].get(c) for c in range(1, width + 1))
        if not _blank(values):
            rows.append(SourceRow(number, values))
    report(progress, total, total)
    return rows


def _fill(cells: dict[int, dict[int, Any]], ref: str) -> None:
    first_col, first_row, last_col, last_row = range_boundaries(ref)
    value = cells.get(first_row, {}).get(first_col)
    if value is None:
        return
    for number in range(first_row, last_row + 1):
        row = cells.setdefault(number, {})
        for column in range(first_col, last_col + 1):
            row[column] = value


def _blank(values: tuple[Any, ...] | list[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _label(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())

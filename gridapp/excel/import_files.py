"""Opening every kind of spreadsheet a village holds, as cell grids: .xlsx, .xls (also WPS's), .ods and .csv.

Workbooks are read with python-calamine (Rust, pinned in pyproject.toml), several times faster than openpyxl and
the one reader that also understands Excel 97–2003 files. A grid is the sheet's cell values row by row from A1
(row 0 is Excel's row 1, "" an empty cell) plus its merged ranges, 0-based and inclusive. calamine reports merged
ranges for .xlsx and .xls; an .ods file's come from ods_merges. A .csv file is one sheet named after the file.

calamine raises CalamineError for what it cannot read, and on some damaged files a Rust panic, which reaches
Python as pyo3's PanicException (a BaseException); both become an ImportRefused that says what to do. Damage it
cannot survive at all (it would abort the process) is looked for first by xls_guard and xlsx_guard.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from gridapp.errors import UserError
from gridapp.excel import import_csv, ods_merges, xls_guard, xlsx_guard
from gridapp.excel.ods_merges import Merged

CSV_SUFFIXES = (".csv", ".txt")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls and .et files (and encrypted .xlsx) are OLE compound documents
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected .xlsx keeps its data in
SAVE_AS = "请用Excel或WPS打开它，“另存为”Excel工作簿（*.xlsx）后再导入。"


class ImportRefused(UserError):
    """The file as a whole cannot be imported (not a workbook, empty, no header); nothing was changed."""


@dataclass(frozen=True)
class Grid:
    """A sheet's cells from A1, row by row, its merged ranges and its number of rows (all of them, also when
    only the top rows were read)."""

    rows: list[list[Any]]
    merged: list[Merged]
    height: int


@dataclass(frozen=True)
class SheetEntry:
    name: str
    visible: bool


class Book:
    """An open spreadsheet file: its sheets, and each sheet's grid on demand."""

    def __init__(self, path: Path, sheets: list[SheetEntry]) -> None:
        self.path = path
        self.sheets = sheets

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def grid(self, name: str, top: int | None = None) -> Grid:
        """The sheet's cells (only the first ``top`` rows when given, without merged ranges)."""
        raise NotImplementedError


class _CalamineBook(Book):
    def __init__(self, path: Path, book: CalamineWorkbook, data: BinaryIO,
                 oversized: dict[str, tuple[int, int]]) -> None:
        sheets = [SheetEntry(m.name, m.visible == SheetVisibleEnum.Visible) for m in book.sheets_metadata
                  if m.typ == SheetTypeEnum.WorkSheet]
        super().__init__(path, sheets)
        self.book = book
        self.data = data
        self.oversized = oversized  # sheets too large for calamine's dense block, see xlsx_guard
        self.loaded: dict[str, CalamineSheet] = {}  # calamine parses a whole sheet: once for the top and the rest

    def grid(self, name: str, top: int | None = None) -> Grid:
        if name in self.oversized:
            rows, columns = self.oversized[name]
            raise ImportRefused(f"工作表“{name}”用到了第{rows}行、第{columns}列，范围太大，读取会耗尽内存。请在Excel或WPS中"
                                "删除表格右边和下边多余的行和列（或把要导入的内容复制到一个新工作表），保存后再导入。")
        with _translated(self.path, f"工作表“{name}”"):
            sheet = self.loaded.get(name) or self.loaded.setdefault(name, self.book.get_sheet_by_name(name))
            rows = sheet.to_python(skip_empty_area=False, nrows=top)
            height = sheet.end[0] + 1 if sheet.end else 0
            if top is not None:
                return Grid(rows, [], height)
            merged = sheet.merged_cell_ranges
        if merged is None:  # calamine knows no merged cells in .ods files
            self.data.seek(0)
            try:
                merged = ods_merges.merged_ranges(self.data, self.book.sheet_names.index(name))
            except ValueError as exc:
                raise _refusal(self.path, f"工作表“{name}”", exc) from exc
        return Grid(rows, merged, height)


class _CsvBook(Book):
    def __init__(self, path: Path, rows: list[list[Any]]) -> None:
        super().__init__(path, [SheetEntry(path.stem, True)])
        self.rows = rows

    def grid(self, name: str, top: int | None = None) -> Grid:
        return Grid(self.rows[:top] if top is not None else self.rows, [], len(self.rows))


@contextmanager
def open_book(path: str | Path) -> Iterator[Book]:
    """Open a spreadsheet file, turning every way it can be wrong into one clear message."""
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
            raise ImportRefused(f"文件“{path.name}”是空的（0字节），没有任何内容。请确认选对了文件。")
        handle.seek(0)
        if path.suffix.lower() in CSV_SUFFIXES and not head.startswith((_OLE_MAGIC, _ZIP_MAGIC)):
            yield _CsvBook(path, _csv_rows(path, handle.read()))
            return
        oversized = xlsx_guard.oversized_sheets(handle) if head.startswith(_ZIP_MAGIC) else {}
        handle.seek(0)
        if head.startswith(_OLE_MAGIC):
            try:
                xls_guard.check(handle.read())
            except xls_guard.Damaged as exc:
                raise ImportRefused(_damaged(path.name, "")) from exc
            handle.seek(0)
        with _translated(path, ""):
            book = CalamineWorkbook.from_filelike(handle)
        try:
            yield _CalamineBook(path, book, handle, oversized)
        finally:
            book.close()


def _csv_rows(path: Path, data: bytes) -> list[list[str]]:
    text = import_csv.decode(data)
    if text is None:
        raise ImportRefused(f"“{path.name}”不是能识别的文本表格：它既不是UTF-8编码，也不是GBK（GB18030）编码。"
                            "请用Excel或WPS打开它，另存为Excel工作簿（*.xlsx）后再导入。")
    try:
        return import_csv.records(text)
    except csv.Error as exc:
        raise ImportRefused(f"“{path.name}”的内容不是规范的CSV表格。请用Excel或WPS打开它，"
                            "另存为Excel工作簿（*.xlsx）后再导入。") from exc


@contextmanager
def _translated(path: Path, part: str) -> Iterator[None]:
    """calamine's errors (and panics) as an ImportRefused naming the file and what to do."""
    try:
        yield
    except CalamineError as exc:
        raise _refusal(path, part, exc) from exc
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":  # pyo3's, raised when the Rust code panics
            raise
        raise _refusal(path, part, exc) from None


def _damaged(name: str, part: str) -> str:
    return (f"“{name}”已损坏，{part or '文件结构不完整，'}读不出来。请用Excel或WPS打开它（软件会尝试修复），"
            "“另存为”新的Excel工作簿（*.xlsx）后再导入。")


def _refusal(path: Path, part: str, exc: BaseException) -> ImportRefused:
    name = path.name
    if part:
        return ImportRefused(_damaged(name, part))
    content = path.read_bytes()
    if isinstance(exc, PasswordError) or (content.startswith(_OLE_MAGIC) and _ENCRYPTED in content):
        return ImportRefused(f"“{name}”设置了打开密码，本程序读不了。请在Excel或WPS中打开它，取消密码后另存，再导入。")
    if content.startswith(_OLE_MAGIC):
        return ImportRefused(f"“{name}”是本程序读不了的旧格式（例如早期WPS表格的 .et 文件），或者文件已损坏。{SAVE_AS}")
    return ImportRefused(f"“{name}”不是有效的Excel工作簿（.xlsx、.xls）或ODS表格，可能是改了扩展名的其他文件，"
                         f"或者文件已损坏。{SAVE_AS}")

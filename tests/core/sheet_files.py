"""Writers of the other spreadsheet files a village holds (.xls, .ods, .csv), for the import tests.

Each takes rows as the .xlsx builder in test_import_reader does (None for an empty cell) and merged areas as
Excel ranges ("A3:A5"); a .csv keeps only the top-left value of a merged area, as Excel saves one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableProperties
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P
from openpyxl.utils import range_boundaries


def areas(merges: Iterable[str]) -> dict[tuple[int, int], tuple[int, int]]:
    """Top-left (row, column) → (rows, columns) spanned, 0-based."""
    found = {}
    for ref in merges:
        first_col, first_row, last_col, last_row = range_boundaries(ref)
        found[(first_row - 1, first_col - 1)] = (last_row - first_row + 1, last_col - first_col + 1)
    return found


def covered(merges: Iterable[str]) -> set[tuple[int, int]]:
    """The cells of merged areas other than their top-left one."""
    return {(r + i, c + j) for (r, c), (rows, cols) in areas(merges).items() for i in range(rows) for j in range(cols)
            if i or j}


def write_xls(path: Path, rows: Sequence[Sequence[Any]], merges: Iterable[str] = (), sheet: str = "人口",
              hidden: Iterable[str] = ()) -> Path:
    """An Excel 97–2003 workbook (what old Excel and WPS save as .xls)."""
    merges = list(merges)
    book = xlwt.Workbook(encoding="utf-8")
    target = book.add_sheet(sheet)
    spans, skip = areas(merges), covered(merges)
    dated = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in skip or (value is None and (r, c) not in spans):
                continue
            style = dated if isinstance(value, date) else xlwt.Style.default_style
            value = float(value) if isinstance(value, int) and abs(value) > 2**31 else value  # xlwt's RK limit
            if (r, c) in spans:
                height, width = spans[(r, c)]
                target.write_merge(r, r + height - 1, c, c + width - 1, value, style)
            else:
                target.write(r, c, value, style)
    for name in hidden:
        other = book.add_sheet(name)
        other.write(0, 0, "隐藏的表")
        other.visibility = 1
    book.save(str(path))
    return path


def write_ods(path: Path, rows: Sequence[Sequence[Any]], merges: Iterable[str] = (), sheet: str = "人口",
              hidden: Iterable[str] = ()) -> Path:
    """An OpenDocument spreadsheet (LibreOffice, and WPS's "另存为 .ods")."""
    merges = list(merges)
    doc = OpenDocumentSpreadsheet()
    spans, skip = areas(merges), covered(merges)
    table = Table(name=sheet)
    for r, row in enumerate(rows):
        line = TableRow()
        for c, value in enumerate(row):
            if (r, c) in skip:
                line.addElement(CoveredTableCell())
                continue
            height, width = spans.get((r, c), (1, 1))
            extra = {"numberrowsspanned": height, "numbercolumnsspanned": width} if (r, c) in spans else {}
            line.addElement(_ods_cell(value, **extra))
        table.addElement(line)
    doc.spreadsheet.addElement(table)
    if hidden:
        style = Style(name="hiddenTable", family="table")
        style.addElement(TableProperties(display=False))
        doc.automaticstyles.addElement(style)
    for name in hidden:
        other = Table(name=name, stylename="hiddenTable")
        line = TableRow()
        line.addElement(_ods_cell("隐藏的表"))
        other.addElement(line)
        doc.spreadsheet.addElement(other)
    doc.save(str(path))
    return path


def _ods_cell(value: Any, **extra: Any) -> TableCell:
    if value is None:
        return TableCell(**extra)
    if isinstance(value, date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat(), **extra)
    elif isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=value, **extra)
    else:
        cell = TableCell(valuetype="string", **extra)
    cell.addElement(P(text=value.isoformat() if isinstance(value, date) else str(value)))
    return cell


def write_csv(path: Path, rows: Sequence[Sequence[Any]], merges: Iterable[str] = (), *, encoding: str = "gbk",
              delimiter: str = ",") -> Path:
    """A CSV as Excel or WPS saves one: dates as shown (1965/3/2), merged areas only in their first cell."""
    skip = covered(merges)
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    for r, row in enumerate(rows):
        writer.writerow(["" if value is None or (r, c) in skip else _shown(value) for c, value in enumerate(row)])
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return f"{value.year}/{value.month}/{value.day}"
    return str(value)

"""A ledger's plain data (gridapp.ledgers.LedgerData) as an .xlsx workbook with the same columns and rows.

Every text cell is stored as text (format "@"), so an ID number keeps all 18 digits and its X; a value that
starts with = + - @ (or a tab or carriage return) is stored as text with Excel's leading-apostrophe flag
(quotePrefix), so opening, editing or re-saving the sheet can never turn it into a formula. The workbook is
written row by row (openpyxl's write-only mode): a county ledger of 200,000 rows does not sit in memory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from gridapp.errors import StorageError
from gridapp.ledgers import Column, LedgerData, Part, Section, SectionRun, each_section

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHARS_PER_MM = 0.6  # Excel column width units per millimetre of the printed column
HEADER_ROWS = 2  # the ledger's title, then unit, scope and print date
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
STYLES = (
    NamedStyle("台账正文", border=_BORDER, number_format="@", alignment=Alignment(vertical="center")),
    NamedStyle("台账数字", border=_BORDER, alignment=Alignment(vertical="center")),
    NamedStyle("台账表头", font=Font(bold=True), fill=PatternFill("solid", fgColor="DCE6F1"), border=_BORDER,
               number_format="@", alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
    NamedStyle("台账合计", font=Font(bold=True), border=_BORDER),
    NamedStyle("台账标签", font=Font(bold=True), number_format="@"),
    NamedStyle("台账文字", number_format="@"),
    NamedStyle("台账标题", font=Font(bold=True, size=14), number_format="@"),
    NamedStyle("台账小标题", font=Font(bold=True, size=12), number_format="@"),
)
TEXT, NUMBER, HEADER, TOTAL, LABEL, PLAIN, TITLE, SUBTITLE = (s.name for s in STYLES)


def export_xlsx(data: LedgerData, path: str | Path) -> None:
    """Write ``data`` to ``path``: one sheet per distinct ``Section.sheet_name``, a title and a scope (and
    period) line on top, then each section (its fields and texts, its bold filled header row and its rows)."""
    book = Workbook(write_only=True)
    for style in STYLES:
        book.add_named_style(style)
    groups = _sheets(data.sections, data.title) or [(data.title, [])]
    for name, sections in groups:
        _write_sheet(book.create_sheet(_sheet_title(name, book.sheetnames)), data, sections)
    target = Path(path)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        book.save(temp)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise StorageError(f"无法写入文件 {target}：{exc.strerror or exc}") from exc


def _sheets(sections: Iterable[Part], default: str) -> list[tuple[str, list[Part]]]:
    """Sections (and runs of them) grouped by sheet name, in order of first appearance."""
    groups: dict[str, list[Part]] = {}
    for section in sections:
        groups.setdefault(section.sheet_name or default, []).append(section)
    return list(groups.items())


def _sheet_title(name: str, taken: list[str]) -> str:
    """A valid, unused sheet title: at most 31 characters, none of []:*?/\\."""
    base = _SHEET_FORBIDDEN.sub("_", name)[:31] or "Sheet"
    title, n = base, 2
    while title in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    return title


def _write_sheet(sheet: Any, data: LedgerData, parts: list[Part]) -> None:
    """Column widths, merged title rows and the frozen header go first: a write-only sheet is written in order.
    The sections of a run are read only as they are written."""
    columns = _widest(parts)
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(6, round(column.width * CHARS_PER_MM, 1))
    last = get_column_letter(max(len(columns), 4 if any(map(_has_form, parts)) else 1))
    single = len(parts) == 1 and not _has_form(parts[0]) and bool(parts[0].columns)
    sheet.freeze_panes = f"A{HEADER_ROWS + 2}" if single else f"A{HEADER_ROWS + 1}"
    for row in range(1, HEADER_ROWS + 1):
        sheet.merged_cells.add(f"A{row}:{last}{row}")
    masked = "　身份证号、手机号已隐去中间位" if data.masked else ""
    sheet.append([_cell(sheet, data.title, TITLE)])
    period = f"　{data.period_text}" if data.period else ""
    sheet.append([_cell(sheet, f"{data.unit}　范围：{data.scope}{period}　打印日期：{data.printed_on.isoformat()}"
                        f"{masked}", PLAIN)])
    for section in each_section(parts):
        if not single and section.title:
            sheet.append([_cell(sheet, section.title, SUBTITLE)])
        for i in range(0, len(section.fields), 2):
            sheet.append([_cell(sheet, text, style) for pair in section.fields[i:i + 2]
                          for text, style in zip(pair, (LABEL, PLAIN), strict=True)])
        for label, value in section.texts:
            sheet.append([_cell(sheet, label, LABEL), _cell(sheet, value, PLAIN)])
        if section.columns:
            _write_table(sheet, section)
        if not single:
            sheet.append([])


def _write_table(sheet: Any, section: Section) -> None:
    sheet.append([_cell(sheet, c.header, HEADER) for c in section.columns])
    kinds = [NUMBER if c.number else TEXT for c in section.columns]
    last = len(section.rows) - 1
    cells = _ReusedCells(sheet)
    for n, values in enumerate(section.rows):
        styles = [TOTAL] * len(kinds) if section.total and n == last else kinds
        sheet.append([cells.cell(i, value, style) for i, (value, style) in enumerate(zip(values, styles,
                                                                                         strict=True))])


class _ReusedCells:
    """One styled cell per column, style and quote flag, refilled row after row: a write-only sheet writes an
    appended row at once, and making and styling each cell anew took more time than writing it."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.made: dict[tuple[int, str, bool], WriteOnlyCell] = {}

    def cell(self, column: int, value: str, style: str) -> WriteOnlyCell:
        key = (column, style, value.startswith(FORMULA_START))
        cell = self.made.get(key)
        if cell is None:
            cell = self.made[key] = _cell(self.sheet, value, style)
        else:
            _fill(cell, value, style)
        return cell


def _cell(sheet: Any, value: str, style: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    _fill(cell, value, style)
    cell.style = style
    if value.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def _fill(cell: WriteOnlyCell, value: str, style: str) -> None:
    """A count in a number column becomes a number (a sheet can sum it); everything else is stored as text,
    never as a formula (the cell's style has quotePrefix when the text starts like one)."""
    if style in (NUMBER, TOTAL) and value.isdigit():
        cell.value = int(value)
    else:
        cell.value = value
        cell.data_type = "s"


def _has_form(part: Part) -> bool:
    """Whether label/value pairs are printed: then the title rows span at least four columns."""
    return isinstance(part, SectionRun) or bool(part.fields or part.texts)


def _widest(parts: list[Part]) -> list[Column]:
    """For each column position, the widest column any section puts there."""
    widest: list[Column] = []
    for section in parts:
        for i, column in enumerate(section.columns):
            if i == len(widest):
                widest.append(column)
            elif column.width > widest[i].width:
                widest[i] = column
    return widest

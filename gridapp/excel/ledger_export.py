"""A ledger's plain data (gridapp.ledgers.LedgerData) as an .xlsx workbook with the same columns and rows.

Every text cell is stored as text (format "@"), so an ID number keeps all 18 digits and its X; a value that
starts with = + - @ (or a tab or carriage return) is stored as text with Excel's leading-apostrophe flag
(quotePrefix), so opening, editing or re-saving the sheet can never turn it into a formula. The workbook is
written row by row by XlsxWriter in its constant-memory mode (rows go to a temporary file as they come, a
county ledger of 200,000 rows never sits in memory); it writes a county ledger about twice as fast as
openpyxl's write-only mode.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError

from gridapp.errors import cannot_write
from gridapp.ledgers import Column, LedgerData, Part, Section, SectionRun, each_section

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHARS_PER_MM = 0.6  # Excel column width units per millimetre of the printed column
HEADER_ROWS = 2  # the ledger's title, then unit, scope and print date
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_BOX = {"border": 1, "border_color": "#999999"}  # thin, grey
STYLES: dict[str, dict[str, Any]] = {
    "text": {**_BOX, "num_format": "@", "valign": "vcenter"},
    "number": {**_BOX, "valign": "vcenter"},
    "header": {**_BOX, "bold": True, "pattern": 1, "bg_color": "#DCE6F1", "num_format": "@", "align": "center",
               "valign": "vcenter", "text_wrap": True},
    "total": {**_BOX, "bold": True},
    "label": {"bold": True, "num_format": "@"},
    "plain": {"num_format": "@"},
    "title": {"bold": True, "font_size": 14, "num_format": "@"},
    "subtitle": {"bold": True, "font_size": 12, "num_format": "@"},
}
TEXT, NUMBER, HEADER, TOTAL, LABEL, PLAIN, TITLE, SUBTITLE = STYLES


def export_xlsx(data: LedgerData, path: str | Path) -> None:
    """Write ``data`` to ``path``: one sheet per distinct ``Section.sheet_name``, a title and a scope (and
    period) line on top, then each section (its fields and texts, its bold filled header row and its rows)."""
    target = Path(path)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    book = Workbook(str(temp), {"constant_memory": True})
    try:
        formats = _Formats(book)
        groups = _sheets(data.sections, data.title) or [(data.title, [])]
        taken: list[str] = []
        for name, sections in groups:
            taken.append(_sheet_title(name, taken))
            _write_sheet(_Sheet(book.add_worksheet(taken[-1]), formats), data, sections)
        book.close()
        os.replace(temp, target)
    except (OSError, FileCreateError) as exc:
        temp.unlink(missing_ok=True)
        cause = exc.__context__ if isinstance(exc, FileCreateError) else exc
        raise cannot_write(target, cause) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class _Formats:
    """The workbook's cell formats by style name, each also with the leading-apostrophe flag (quoted)."""

    def __init__(self, book: Workbook) -> None:
        self.plain = {name: book.add_format(props) for name, props in STYLES.items()}
        self.quoted = {name: book.add_format({**props, "quote_prefix": True}) for name, props in STYLES.items()}


class _Sheet:
    """A worksheet written row after row, the way a constant-memory sheet must be."""

    def __init__(self, sheet: Any, formats: _Formats) -> None:
        self.sheet = sheet
        self.formats = formats
        self.row = 0

    def append(self, cells: Iterable[tuple[str, str]]) -> None:
        """One row of (text, style) cells. A count in a number column becomes a number (a sheet can sum it);
        everything else is stored as text, never as a formula."""
        sheet, formats, row = self.sheet, self.formats, self.row
        for column, (value, style) in enumerate(cells):
            if not value:
                sheet.write_blank(row, column, None, formats.plain[style])
            elif style in (NUMBER, TOTAL) and value.isdigit():
                sheet.write_number(row, column, int(value), formats.plain[style])
            else:
                chosen = formats.quoted if value.startswith(FORMULA_START) else formats.plain
                sheet.write_string(row, column, value, chosen[style])
        self.row += 1

    def title(self, value: str, style: str, last: int) -> None:
        """A line over the first ``last`` + 1 columns, merged."""
        if last:
            self.sheet.merge_range(self.row, 0, self.row, last, value, self.formats.plain[style])
            self.row += 1
        else:
            self.append([(value, style)])


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


def _write_sheet(sheet: _Sheet, data: LedgerData, parts: list[Part]) -> None:
    """Column widths, the frozen header and the merged title rows go first: the sheet is written in order.
    The sections of a run are read only as they are written."""
    columns = _widest(parts)
    for i, column in enumerate(columns):
        sheet.sheet.set_column(i, i, max(6, round(column.width * CHARS_PER_MM, 1)))
    last = max(len(columns), 4 if any(map(_has_form, parts)) else 1) - 1
    single = len(parts) == 1 and not _has_form(parts[0]) and bool(parts[0].columns)
    sheet.sheet.freeze_panes(HEADER_ROWS + 1 if single else HEADER_ROWS, 0)
    masked = "　身份证号、手机号已隐去中间位" if data.masked else ""
    period = f"　{data.period_text}" if data.period else ""
    sheet.title(data.title, TITLE, last)
    sheet.title(f"{data.unit}　范围：{data.scope}{period}　打印日期：{data.printed_on.isoformat()}{masked}", PLAIN,
                last)
    for section in each_section(parts):
        if not single and section.title:
            sheet.append([(section.title, SUBTITLE)])
        for i in range(0, len(section.fields), 2):
            sheet.append([(text, style) for pair in section.fields[i:i + 2]
                          for text, style in zip(pair, (LABEL, PLAIN), strict=True)])
        for label, value in section.texts:
            sheet.append([(label, LABEL), (value, PLAIN)])
        if section.columns:
            _write_table(sheet, section)
        if not single:
            sheet.append([])


def _write_table(sheet: _Sheet, section: Section) -> None:
    sheet.append([(c.header, HEADER) for c in section.columns])
    kinds = [NUMBER if c.number else TEXT for c in section.columns]
    last = len(section.rows) - 1
    for n, values in enumerate(section.rows):
        styles = [TOTAL] * len(kinds) if section.total and n == last else kinds
        sheet.append(zip(values, styles, strict=True))


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

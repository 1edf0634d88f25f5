"""The blank import template an office hands out: the program's columns, a 填写说明 row, drop-down lists.

The ID number and phone columns are formatted as text before anyone types, which is what keeps Excel from
destroying the last digits of an ID number. The format is the whole column's (its <col> style), so it holds in
every row, also after WPS or LibreOffice saves the file again, which keeps only the cell formats of rows in use. The lists come from the code tables, kept on a hidden sheet
because Excel limits a list typed into the rule itself to 255 characters (民族 alone is longer).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from gridapp import codes
from gridapp.excel.book_file import save
from gridapp.excel.import_fields import fields

TITLE = "网格化管理综合信息采集簿 — 人员信息导入表"
SHEET = "人员信息"
CODE_SHEET = "代码表"
NOTES_PREFIX = "填写说明："
HEADER_ROW, NOTES_ROW = 2, 3
PREPARED_ROWS = 2000  # rows below the notes that carry the drop-down lists
TEXT_FIELDS = ("id_number", "phone", "household_phone", "household_number")  # digits that must stay as typed
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_NOTES_FILL = PatternFill("solid", fgColor="FFF2CC")


def write_template(path: str | Path) -> Path:
    """Write the blank template to ``path``; returns the path."""
    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    lists = book.create_sheet(CODE_SHEET)
    lists.sheet_state = "hidden"
    columns = fields()
    sheet.cell(1, 1, TITLE).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    first, last = NOTES_ROW + 1, NOTES_ROW + PREPARED_ROWS
    code_columns = 0
    for index, field in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(HEADER_ROW, index, field.title + ("*" if field.required else ""))
        header.font, header.fill = Font(bold=True), _HEADER_FILL
        note = sheet.cell(NOTES_ROW, index, (NOTES_PREFIX if index == 1 else "") + field.note)
        note.fill, note.alignment = _NOTES_FILL, Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = 22 if field.kind == "id" else max(10, len(field.title) * 2 + 4)
        if field.key in TEXT_FIELDS:
            sheet.column_dimensions[letter].number_format = "@"
        if field.kind == "code":
            code_columns += 1
            source = _code_list(lists, code_columns, field.table)
            rule = DataValidation(type="list", formula1=source, allow_blank=True, errorStyle="warning",
                                  errorTitle=field.title, error=f"请从下拉列表中选择{field.title}。")
            rule.add(f"{letter}{first}:{letter}{last}")
            sheet.add_data_validation(rule)
    sheet.row_dimensions[NOTES_ROW].height = 48
    sheet.freeze_panes = sheet.cell(first, 1)
    save(book, path)
    return path


def _code_list(lists: Worksheet, column: int, table: str) -> str:
    """Put a code table's labels in a column of the hidden sheet; returns the range for the list rule."""
    lists.cell(1, column, codes.title(table))
    labels = codes.labels(table)
    for row, label in enumerate(labels, start=2):
        lists.cell(row, column, label)
    letter = get_column_letter(column)
    return f"{quote_sheetname(CODE_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"

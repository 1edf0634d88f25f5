"""The error report: the rows that were not imported, as they were in the sheet, plus a 错误原因 column.

The village corrects this file and imports it again; rows already imported are recognised then and left as
they are, so nothing is registered twice.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gridapp.excel.book_file import save
from gridapp.excel.import_result import ImportResult, RowReport

REASON_HEADER = "错误原因"
ROW_HEADER = "原行号"
_HEADER_FONT = Font(bold=True)
_REASON_FILL = PatternFill("solid", fgColor="FFF2CC")


def write_error_report(result: ImportResult, path: str | Path) -> Path:
    """Write every refused row (and every row waiting for a decision) to ``path``; returns the path."""
    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = "未导入的行"
    width = len(result.headers)
    sheet.append([*result.headers, REASON_HEADER, ROW_HEADER])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
    for rows, prefix in ((result.refused, ""), (result.needs_decision, "需要确认：")):
        for report in rows:
            sheet.append([*_padded(report, width), prefix + report.reason, report.row])
            reason = sheet.cell(sheet.max_row, width + 1)
            reason.fill = _REASON_FILL
            reason.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions[get_column_letter(width + 1)].width = 60
    sheet.freeze_panes = "A2"
    save(book, path)
    return path


def _padded(report: RowReport, width: int) -> list[object]:
    return list(report.values[:width]) + [None] * (width - len(report.values))

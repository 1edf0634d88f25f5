"""Import of a village's people from a spreadsheet (.xlsx, .xls, .ods, .csv): the public API, one call per step
of the wizard (and of the CLI).

    sheets = list_sheets(path)                  # SheetInfo(name, rows, header_score) for each visible sheet
    sheet = read_sheet(path, name, progress)    # rows read, merged cells filled, header row detected
    sheet = sheet.with_header(row_number)       # the user picks another header row
    mapping = propose_mapping(ws, sheet.headers)  # ColumnMapping: .columns {column index: field key},
                                                # .set(column, key or None), .missing(), .remembered
    fields()                                    # the fields a column can feed (Field.key, .title, .note)
    plan = dry_run(ws, sheet, mapping, ImportOptions(grid_id, on_duplicate, create_grids), progress)
    plan.result                                 # ImportResult: counts, refused / needs_decision / skipped rows,
                                                # missing_grids (NewGrid: name, parent, rows)
    result = apply(ws, plan, actor, progress)   # backup, then one transaction; result.backup names the copy
    write_error_report(result, path)            # the rows not imported plus a 错误原因 column
    write_template(path)                        # the blank template with drop-down lists

``progress`` (a gridapp.progress.Progress) is told how far the work is; cancelling it raises Cancelled, and nothing
is written. A file that cannot be imported at all raises ImportRefused; both are UserErrors whose message is
shown as it is. ``on_duplicate`` says what to do with people already registered whose data differ: "update",
"skip", or "ask" (list them as needing a decision and leave them). Importing the same file again finds
everyone already registered as they are and changes nothing. ``create_grids`` creates the grids the sheet's
所属网格 names that do not exist (under ``grid_id``, else the office's node); without it their rows are refused.
A sheet without 与户主关系 (our own 流动人口 ledger) checks and updates registered people but adds none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gridapp.dto import Actor
from gridapp.excel.import_apply import apply
from gridapp.excel.import_fields import Field, fields
from gridapp.excel.import_mapping import ColumnMapping, propose_mapping
from gridapp.excel.import_plan import POLICIES, ImportOptions, ImportPlan, dry_run
from gridapp.excel.import_reader import (
    ImportRefused,
    Sheet,
    SheetInfo,
    list_sheets,
    read_sheet,
)
from gridapp.excel.import_report import write_error_report
from gridapp.excel.import_result import Counts, ImportResult, NewGrid, RowReport
from gridapp.excel.import_template import write_template
from gridapp.progress import Cancelled, Progress

__all__ = [
    "POLICIES",
    "Cancelled",
    "ColumnMapping",
    "Counts",
    "Field",
    "ImportOptions",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "NewGrid",
    "Progress",
    "RowReport",
    "Sheet",
    "SheetInfo",
    "apply",
    "dry_run",
    "fields",
    "import_file",
    "list_sheets",
    "propose_mapping",
    "read_sheet",
    "write_error_report",
    "write_template",
]


def import_file(ws: Any, path: str | Path, actor: Actor, *, sheet: str | None = None,
                options: ImportOptions | None = None, preview_only: bool = False,
                progress: Progress | None = None) -> ImportResult:
    """Every step without questions, with the proposed mapping: what the command line does."""
    source = read_sheet(path, sheet, progress)
    plan = dry_run(ws, source, propose_mapping(ws, source.headers), options, progress)
    return plan.result if preview_only else apply(ws, plan, actor, progress)

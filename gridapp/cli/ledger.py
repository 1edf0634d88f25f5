"""``python -m gridapp ledger KIND --grid CODE_OR_NAME -o FILE.pdf|FILE.xlsx [--mask] [--from D --to D]``,
``ledger case_sheet --case NUMBER -o FILE`` (the 一事五单 of one case) and ``ledger --list``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from gridapp.cli.output import parse_day, progress
from gridapp.errors import RuleViolation
from gridapp.workspace import Workspace

FORMATS = (".pdf", ".xlsx")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("ledger", help="生成台账或采集簿（PDF 或 Excel）；--list 列出全部台账")
    p.add_argument("kind", nargs="?", help="台账类别，例如 population（实有人口台账）")
    p.add_argument("--grid", help="网格代码或名称（默认：整个数据库的最上级网格）")
    p.add_argument("--case", help="事件编号（打印 case_sheet 一事五单时必填）")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="事件、走访台账的开始日期（默认：今年1月1日）")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="事件、走访台账的结束日期（默认：今年12月31日）")
    p.add_argument("-o", "--output", help="输出文件，以 .pdf 或 .xlsx 结尾")
    p.add_argument("--mask", action="store_true", help="隐去身份证号和手机号的中间位")
    p.add_argument("--list", action="store_true", help="列出全部台账类别")
    p.set_defaults(handler=_ledger)


def _ledger(ws: Workspace, args: argparse.Namespace) -> int:
    from gridapp import ledgers

    if args.list:
        for kind in (*ledgers.ledger_kinds(), ledgers.CASE_SHEET):
            print(f"{kind.key}\t{kind.title}\t{kind.description}")
        return 0
    if not args.kind:
        raise RuleViolation("请指明台账类别，例如：ledger population --grid 幸福村 -o 实有人口.pdf"
                            "（ledger --list 列出全部类别）。")
    sheet = args.kind == ledgers.CASE_SHEET.key
    if sheet and not args.case:
        raise RuleViolation("打印一事五单请用 --case 指定事件编号，例如 --case 41142310100101-2026-K7Q2-0042。")
    if not sheet:
        ledgers.find_ledger(args.kind)
    output = _output(args.output)
    kind = output.suffix.lower()[1:]
    if sheet:
        case = ws.query.find_case(args.case)
        name, build = case.number, lambda: ledgers.build_case_sheet(ws, case.id, mask=args.mask, output=kind)
    else:
        scope, period = _scope(ws, args.grid), _period(ws, args.date_from, args.date_to)
        name, build = scope.name, lambda: ledgers.build_ledger(ws, args.kind, scope.id, mask=args.mask,
                                                              period=period, output=kind)
    if kind == "pdf":
        with progress("生成中") as report:
            pages = ledgers.write_pdf(build(), output, report)
        print(f"已生成 {output}（{name}，共 {pages} 页）")
    else:
        from gridapp.excel.ledger_export import export_xlsx

        data = build()
        export_xlsx(data, output)
        print(f"已生成 {output}（{name}，{data.row_count} 行）")
    return 0


def _output(path: str | None) -> Path:
    if not path:
        raise RuleViolation("请用 -o 指定输出文件，例如 -o 台账.pdf 或 -o 台账.xlsx。")
    output = Path(path)
    if output.suffix.lower() not in FORMATS:
        raise RuleViolation(f"输出文件“{output.name}”的扩展名应为 .pdf 或 .xlsx。")
    return output


def _scope(ws: Workspace, grid: str | None) -> Any:
    if grid:
        return ws.query.find_grid(grid)
    roots = ws.query.grid_children(None)
    if len(roots) != 1:
        raise RuleViolation("请用 --grid 指定网格代码或名称。")
    return roots[0]


def _period(ws: Workspace, first: str | None, last: str | None) -> tuple[date, date] | None:
    """--from and --to as dates; a missing end is that end of the current year (None when both are)."""
    from gridapp.ledgers.scope import calendar_year

    if not (first or last):
        return None
    start, end = calendar_year(ws.today())
    return parse_day("--from", first) if first else start, parse_day("--to", last) if last else end

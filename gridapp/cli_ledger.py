"""``python -m gridapp ledger KIND --grid CODE_OR_NAME -o FILE.pdf|FILE.xlsx [--mask]`` and ``ledger --list``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gridapp.errors import RuleViolation
from gridapp.workspace import Workspace

FORMATS = (".pdf", ".xlsx")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("ledger", help="生成台账或采集簿（PDF 或 Excel）；--list 列出全部台账")
    p.add_argument("kind", nargs="?", help="台账类别，例如 population（实有人口台账）")
    p.add_argument("--grid", help="网格代码或名称（默认：整个数据库的最上级网格）")
    p.add_argument("-o", "--output", help="输出文件，以 .pdf 或 .xlsx 结尾")
    p.add_argument("--mask", action="store_true", help="隐去身份证号和手机号的中间位")
    p.add_argument("--list", action="store_true", help="列出全部台账类别")
    p.set_defaults(handler=_ledger)


def _ledger(ws: Workspace, args: argparse.Namespace) -> int:
    from gridapp import ledgers

    if args.list:
        for kind in ledgers.ledger_kinds():
            print(f"{kind.key}\t{kind.title}\t{kind.description}")
        return 0
    if not args.kind:
        raise RuleViolation("请指明台账类别，例如：ledger population --grid 幸福村 -o 实有人口.pdf"
                            "（ledger --list 列出全部类别）。")
    ledgers.find_ledger(args.kind)
    if not args.output:
        raise RuleViolation("请用 -o 指定输出文件，例如 -o 台账.pdf 或 -o 台账.xlsx。")
    output = Path(args.output)
    if output.suffix.lower() not in FORMATS:
        raise RuleViolation(f"输出文件“{output.name}”的扩展名应为 .pdf 或 .xlsx。")
    scope = _scope(ws, args.grid)
    if output.suffix.lower() == ".pdf":
        pages = ledgers.render_pdf(ws, args.kind, scope.id, output, mask=args.mask, progress=_progress)
        print(file=sys.stderr)
        print(f"已生成 {output}（{scope.name}，共 {pages} 页）")
    else:
        from gridapp.excel.ledger_export import export_xlsx

        data = ledgers.build_ledger(ws, args.kind, scope.id, mask=args.mask)
        export_xlsx(data, output)
        print(f"已生成 {output}（{scope.name}，{data.row_count} 行）")
    return 0


def _scope(ws: Workspace, grid: str | None) -> Any:
    if grid:
        return ws.query.find_grid(grid)
    roots = ws.query.grid_children(None)
    if len(roots) != 1:
        raise RuleViolation("请用 --grid 指定网格代码或名称。")
    return roots[0]


def _progress(done: int, total: int) -> bool:
    print(f"\r生成中… {done * 100 // max(total, 1)}%", end="", file=sys.stderr, flush=True)
    return True

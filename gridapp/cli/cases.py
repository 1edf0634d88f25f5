"""Command line for the case log and visits: ``gridapp case list`` and ``gridapp visit due``."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from gridapp.cases.workflow import STEPS
from gridapp.cli.output import note, print_json
from gridapp.dto import CaseFilter
from gridapp.workspace import Workspace


def register(sub: Any) -> None:
    """Add the ``case`` and ``visit`` commands to the main parser's sub-commands."""
    case = sub.add_parser("case", help="事件").add_subparsers(dest="case_command", required=True, metavar="ACTION")
    p = case.add_parser("list", help="列出事件")
    p.add_argument("--status", choices=STEPS, help="只列出处于该环节的事件")
    p.add_argument("--overdue", action="store_true", help="只列出已超期的事件")
    p.add_argument("--grid", help="网格代码或名称（含下级）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_case_list)

    visit = sub.add_parser("visit", help="走访").add_subparsers(dest="visit_command", required=True,
                                                               metavar="ACTION")
    p = visit.add_parser("due", help="应走访名单（含已超期）")
    p.add_argument("--grid", help="网格代码或名称（含下级）")
    p.add_argument("--within", type=int, default=0, help="同时列出今后几天内到期的")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_visit_due)


def _scope(ws: Workspace, grid: str | None) -> str | None:
    return ws.query.find_grid(grid).id if grid else None


def _case_list(ws: Workspace, args: argparse.Namespace) -> int:
    flt = CaseFilter(scope_id=_scope(ws, args.grid), steps=(args.status,) if args.status else (),
                     overdue=args.overdue)
    rows = ws.query.cases(flt)
    if args.json:
        print_json([dataclasses.asdict(r) for r in rows])
    else:
        for r in rows:
            late = "（超期）" if r.overdue else ""
            print(f"{r.number}\t{r.step}{late}\t{r.urgency}\t{r.category}\t{r.grid_name}\t{r.title}")
        note(f"共 {len(rows)} 件")
    return 0


def _visit_due(ws: Workspace, args: argparse.Namespace) -> int:
    due = ws.query.due_visits(_scope(ws, args.grid), within_days=args.within)
    if args.json:
        print_json([dataclasses.asdict(d) for d in due])
    else:
        for d in due:
            state = f"超期{d.overdue_days}天" if d.overdue_days > 0 else f"{d.due_date}到期"
            print(f"{d.title}\t{d.address}\t{d.rule}\t上次{d.last_visit or '无'}\t{state}")
        note(f"共 {len(due)} 条")
    return 0


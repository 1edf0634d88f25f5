"""红黄绿 monitoring from the command line: ``monitor`` (counts per colour and cause, the households with their
reasons), ``monitor rules --export/--import FILE``, ``monitor line YUAN`` and ``monitor recompute``."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from gridapp.cli.output import note, print_json
from gridapp.workspace import Workspace


def register(sub: Any) -> None:
    monitor = sub.add_parser("monitor", help="红黄绿监测：各颜色和原因的户数，红黄户及其原因")
    monitor.add_argument("--grid", help="只看这个节点（名称或代码）及其下级")
    monitor.add_argument("--json", action="store_true", help="以 JSON 输出")
    monitor.set_defaults(handler=_report)
    actions = monitor.add_subparsers(dest="monitor_command", metavar="ACTION")
    p = actions.add_parser("rules", help="导出或导入本县的监测规则（JSON 文件）")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--export", metavar="FILE", help="把现行规则写到文件，供修改")
    which.add_argument("--import", dest="import_file", metavar="FILE", help="启用文件中的规则并重新计算所有住户")
    p.set_defaults(handler=_rules)
    p = actions.add_parser("line", help="设置监测线（人均纯收入，元/年）并重新计算")
    p.add_argument("yuan", type=int)
    p.set_defaults(handler=_line)
    p = actions.add_parser("recompute", help="按现行规则重新计算所有住户的颜色")
    p.set_defaults(handler=_recompute)


def _report(ws: Workspace, args: argparse.Namespace) -> int:
    grid_id = ws.query.find_grid(args.grid).id if args.grid else None
    report = ws.query.monitor_report(grid_id)
    if args.json:
        print_json(dataclasses.asdict(report))
        return 0
    print(f"监测线：人均纯收入 {report.line:,} 元/年")
    print("  ".join(f"{colour} {count} 户" for colour, count in report.colours.items()))
    for cause, count in report.causes.items():
        print(f"  {cause}\t{count} 户")
    for h in report.households:
        print(f"{h.colour}\t{h.grid_name}\t{h.number or '-'}号户\t{h.head_name}\t{'；'.join(h.reasons)}")
    return 0


def _rules(ws: Workspace, args: argparse.Namespace) -> int:
    if args.export:
        ws.monitoring.export_rules(Path(args.export))
        note(f"已导出监测规则：{args.export}")
    else:
        ws.monitoring.import_rules(ws.user, Path(args.import_file))
        note("已启用新的监测规则，并重新计算了所有住户的颜色。")
    return 0


def _line(ws: Workspace, args: argparse.Namespace) -> int:
    ws.monitoring.set_line(ws.user, args.yuan)
    note(f"监测线已设为 {args.yuan:,} 元/年，已重新计算所有住户的颜色。")
    return 0


def _recompute(ws: Workspace, args: argparse.Namespace) -> int:
    changed = ws.monitoring.recompute(ws.user).id
    note(f"已重新计算，{changed} 户的颜色或原因有变化。")
    return 0

"""Command line for headless work: ``python -m gridapp [--db PATH] COMMAND``.

Later capabilities (import, ledger, sync) register their sub-commands here too.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from gridapp.errors import UserError
from gridapp.workspace import Workspace

Handler = Callable[[Workspace, argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gridapp", description="网格化管理综合信息采集簿 — 命令行")
    parser.add_argument("--db", help="数据库文件路径或 SQLAlchemy URL（也可用环境变量 GRIDAPP_DB）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="初始化数据库并设置本单位名称")
    p.add_argument("--office-name", required=True)
    p.add_argument("--county-code", default="", help="本县 GB/T 2260 代码（6位）")
    p.set_defaults(handler=_init)

    p = sub.add_parser("demo", help="生成演示数据（仅限空数据库）")
    p.add_argument("--scale", choices=["village", "town", "county"], default="village")
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=_demo)

    p = sub.add_parser("stats", help="统计数字")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_stats)

    p = sub.add_parser("search", help="查找人员：姓名、拼音首字母、身份证号（或尾号）、电话、地址")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_search)

    p = sub.add_parser("backup", help="立即备份数据库")
    p.set_defaults(handler=_backup)

    from gridapp.cli_cases import register as register_cases

    register_cases(sub)

    from gridapp.cli_ledger import register as register_ledger

    register_ledger(sub)

    from gridapp.cli_import import register as register_import

    register_import(sub)

    from gridapp.cli_sync import register as register_sync

    register_sync(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        ws = Workspace.open(args.db)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    try:
        return args.handler(ws, args)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    finally:
        ws.close()


def _init(ws: Workspace, args: argparse.Namespace) -> int:
    office = ws.init_office(args.office_name, args.county_code)
    print(f"已初始化：{office.name}（数据库 {ws.url}）")
    return 0


def _demo(ws: Workspace, args: argparse.Namespace) -> int:
    from gridapp.cli_progress import percent_printer
    from gridapp.demo import generate

    summary = generate(ws, args.scale, args.seed, progress=percent_printer("生成中"))
    print(file=sys.stderr)
    print(json.dumps(dataclasses.asdict(summary), ensure_ascii=False))
    return 0


def _stats(ws: Workspace, args: argparse.Namespace) -> int:
    stats = ws.query.stats()
    if args.json:
        _print_json(stats)
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return 0


def _search(ws: Workspace, args: argparse.Namespace) -> int:
    hits = ws.search(args.text, limit=args.limit)
    if args.json:
        _print_json([dataclasses.asdict(h) for h in hits])
    else:
        for h in hits:
            print(f"{h.name}\t{h.relation}\t{h.id_number}\t{h.phone}\t{h.grid_name}\t{h.address}")
        print(f"共 {len(hits)} 条", file=sys.stderr)
    return 0


def _backup(ws: Workspace, _args: argparse.Namespace) -> int:
    print(ws.backup("manual"))
    return 0


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(type(value))

"""Setting a database up: ``init`` (the office) and ``demo`` (a demo village, town or county)."""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import Any

from gridapp.cli.output import progress
from gridapp.demo import SCALES, generate
from gridapp.workspace import Workspace


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="初始化数据库并设置本单位名称")
    p.add_argument("--office-name", required=True)
    p.add_argument("--county-code", default="", help="本县 GB/T 2260 代码（6位）")
    p.set_defaults(handler=_init)

    p = sub.add_parser("demo", help="生成演示数据（仅限空数据库）")
    p.add_argument("--scale", choices=SCALES, default="village")
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=_demo)


def _init(ws: Workspace, args: argparse.Namespace) -> int:
    office = ws.init_office(args.office_name, args.county_code)
    print(f"已初始化：{office.name}（数据库 {ws.url}）")
    return 0


def _demo(ws: Workspace, args: argparse.Namespace) -> int:
    with progress("生成中") as report:
        summary = generate(ws, args.scale, args.seed, progress=report)
    print(json.dumps(dataclasses.asdict(summary), ensure_ascii=False))
    return 0

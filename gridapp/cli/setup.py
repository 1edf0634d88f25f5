"""Setting a database up: ``init`` (the office, from its division code with its grid tree, or by name only) and
``demo`` (a demo village, town or county)."""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import Any

from gridapp import paths
from gridapp.cli.output import progress
from gridapp.cli.sync import read_passphrase
from gridapp.demo import SCALES, generate
from gridapp.dto import GridPlan
from gridapp.errors import UserError
from gridapp.workspace import Workspace

CODE_LENGTHS = (6, 9, 12)


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="初始化数据库：按区划代码建立本单位和网格树（或只设置本单位名称）")
    p.add_argument("--division-code", help="本单位的统计用区划代码：6位（县）、9位（乡镇、街道）或12位（村、社区）")
    p.add_argument("--office-name", help="本单位名称；给了区划代码时可不填，按区划名称拟定")
    p.add_argument("--grids", type=int, default=0, help="村（社区）下建立的网格个数")
    p.add_argument("--micro-grids", type=int, default=0, help="每个网格下建立的微网格个数")
    p.add_argument("--official-children", action="store_true",
                   help="镇（街道）：同时建立下属村（社区）；县：同时建立下属乡镇（街道）")
    p.add_argument("--passphrase-file", help="存放全县同步口令的文本文件（保存到本机）")
    p.add_argument("--county-code", default="", help="只设置名称时：本县代码（6位）")
    p.set_defaults(handler=_init)

    p = sub.add_parser("demo", help="生成演示数据（仅限空数据库）")
    p.add_argument("--scale", choices=SCALES, default="village")
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=_demo)


def _init(ws: Workspace, args: argparse.Namespace) -> int:
    if args.division_code is None:
        return _init_by_name(ws, args)
    code = args.division_code.strip()
    if not (code.isascii() and code.isdigit() and len(code) in CODE_LENGTHS):
        raise UserError(f"区划代码“{code}”应为6位（县）、9位（乡镇、街道）或12位（村、社区）数字。")
    if args.county_code:
        raise UserError("给了 --division-code 就不用 --county-code：县代码取自区划代码。")
    if args.micro_grids and not args.grids:
        raise UserError("--micro-grids 是每个网格下的微网格数，请同时用 --grids 指定网格数。")
    name = args.office_name or ws.setup.propose_office_name(code)
    micro = tuple(ws.setup.grid_names(args.micro_grids, "微网格"))
    grids = [GridPlan(grid, micro) for grid in ws.setup.grid_names(args.grids)]
    passphrase = read_passphrase(args.passphrase_file) if args.passphrase_file else None
    outcome = ws.setup.create(ws.user, code, name, grids, official_children=args.official_children,
                              passphrase=passphrase, key_file=paths.sync_key_file() if passphrase else None)
    node = ws.query.grid_node(outcome.id)
    print(f"已初始化：{ws.office.name}（{'／'.join(node.path_names)}，代码 {node.code}，"
          f"共建立 {len(outcome.changes.ids)} 个网格节点；数据库 {ws.url}）")
    return 0


def _init_by_name(ws: Workspace, args: argparse.Namespace) -> int:
    if args.office_name is None:
        raise UserError("请用 --division-code 给出本单位的区划代码，或用 --office-name 给出本单位名称。")
    if args.grids or args.micro_grids or args.official_children or args.passphrase_file:
        raise UserError("建立网格、下属单位和保存同步口令需要区划代码，请加上 --division-code。")
    office = ws.init_office(args.office_name, args.county_code)
    print(f"已初始化：{office.name}（数据库 {ws.url}）")
    return 0


def _demo(ws: Workspace, args: argparse.Namespace) -> int:
    with progress("生成中") as report:
        summary = generate(ws, args.scale, args.seed, progress=report)
    print(json.dumps(dataclasses.asdict(summary), ensure_ascii=False))
    return 0

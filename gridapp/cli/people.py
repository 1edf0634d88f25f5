"""Looking people up: ``stats`` (the counts) and ``search`` (name, pinyin initials, ID number, phone, address)."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from gridapp.cli.output import note, print_json
from gridapp.workspace import Workspace


def register(sub: Any) -> None:
    p = sub.add_parser("stats", help="统计数字")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_stats)

    p = sub.add_parser("search", help="查找人员：姓名、拼音首字母、身份证号（或尾号）、电话、地址")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_search)


def _stats(ws: Workspace, args: argparse.Namespace) -> int:
    stats = ws.query.stats()
    if args.json:
        print_json(stats)
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return 0


def _search(ws: Workspace, args: argparse.Namespace) -> int:
    hits = ws.search(args.text, limit=args.limit)
    if args.json:
        print_json([dataclasses.asdict(h) for h in hits])
    else:
        for h in hits:
            print(f"{h.name}\t{h.relation}\t{h.id_number}\t{h.phone}\t{h.grid_name}\t{h.address}")
        note(f"共 {len(hits)} 条")
    return 0

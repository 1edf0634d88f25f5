"""The grid tree from the command line: ``grid add`` (a grid or micro-grid under a node), ``grid list`` and
``grid difficulty`` (each grid's weighted difficulty, most difficult first)."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from gridapp import codes
from gridapp.cli.output import note, print_json
from gridapp.dto import GridNodeRow
from gridapp.errors import UserError
from gridapp.workspace import Workspace


def register(sub: Any) -> None:
    grid = sub.add_parser("grid", help="网格树").add_subparsers(dest="grid_command", required=True, metavar="ACTION")
    p = grid.add_parser("add", help="在某个节点下添加网格或微网格")
    p.add_argument("--parent", required=True, help="上级节点的名称或代码")
    p.add_argument("--name", required=True, help="新节点的名称，如“第四网格”")
    p.add_argument("--level", help="网格 或 微网格（按上级的层级核对）")
    p.add_argument("--code", help="新节点的代码；不填则在上级代码后接下一个两位编号")
    p.set_defaults(handler=_add)

    p = grid.add_parser("list", help="列出网格树：代码、层级、名称、户数、人数")
    p.add_argument("--json", action="store_true", help="平铺的列表，每项带 depth 和 parent_id")
    p.set_defaults(handler=_list)

    p = grid.add_parser("difficulty", help="网格难度：按权重计分，由难到易，列出现有网格员和建议人数")
    p.add_argument("--grid", help="只看这个节点之下（名称或代码；默认：您的工作范围）")
    p.add_argument("--json", action="store_true", help="每个网格一项，含各项分值和数量")
    p.set_defaults(handler=_difficulty)


def _add(ws: Workspace, args: argparse.Namespace) -> int:
    parent = ws.query.find_grid(args.parent)
    if args.level:
        _check_level(args.level, parent.level + 1, parent.name, parent.level_label)
    fields = {"code": args.code} if args.code else {}
    outcome = ws.grid.create(ws.user, parent.id, args.name, continue_code=True, **fields)
    node = ws.query.grid_node(outcome.id)
    print(f"已添加：{'／'.join(node.path_names)}（{node.level_label}，代码 {node.code or '无'}）")
    return 0


def _check_level(text: str, level: int, parent: str, parent_label: str) -> None:
    """``--level`` must name the level a child of the parent has."""
    item = codes.match("grid_level", text)
    if item is None:
        raise UserError(f"层级“{text}”无效，应为：{'、'.join(codes.labels('grid_level'))}。")
    if int(item.code) != level:
        expected = codes.label_of("grid_level", str(level)) or "（没有下一级）"
        raise UserError(f"“{parent}”是{parent_label}，它的下级是{expected}，不是{item.label}。")


def _tree(ws: Workspace, parent_id: str | None = None, depth: int = 0) -> list[tuple[int, GridNodeRow]]:
    """Every live node with its depth, depth first in the tree's own order."""
    rows = []
    for row in ws.query.grid_children(parent_id):
        rows.append((depth, row))
        rows += _tree(ws, row.id, depth + 1)
    return rows


def _list(ws: Workspace, args: argparse.Namespace) -> int:
    tree = _tree(ws)
    if args.json:
        print_json([{"depth": depth, **dataclasses.asdict(row)} for depth, row in tree])
    else:
        for depth, row in tree:
            print(f"{'  ' * depth}{row.code or '-'}\t{row.level_label}\t{row.name}\t"
                  f"{row.household_count}户\t{row.person_count}人")
        note(f"共 {len(tree)} 个网格节点")
    return 0


def _difficulty(ws: Workspace, args: argparse.Namespace) -> int:
    rows = ws.query.grid_difficulty(ws.query.find_grid(args.grid).id if args.grid else None)
    if args.json:
        print_json([dataclasses.asdict(row) for row in rows])
        return 0
    for rank, row in enumerate(rows, start=1):
        parts = "，".join(f"{label}{row.counts[label]}" for label in row.counts)
        workers = "、".join(row.workers) or "无"
        print(f"{rank}\t{row.path_text}\t难度分 {row.score:g}\t{parts}\t网格员：{workers}（{len(row.workers)}人，"
              f"建议{row.suggested_workers}人）")
    note(f"共 {len(rows)} 个网格；{ws.query.difficulty_weights().describe()}")
    return 0

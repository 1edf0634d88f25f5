"""Command line for USB sync: ``gridapp sync export|import|status``."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from gridapp.cli.output import note, print_json, read_secret
from gridapp.errors import AlreadyImported
from gridapp.sync.dto import OUTCOME_LABELS, TableCounts
from gridapp.workspace import Workspace


def register(sub: Any) -> None:
    """Add the ``sync`` command to the main parser's sub-commands."""
    sync = sub.add_parser("sync", help="U盘同步").add_subparsers(dest="sync_command", required=True,
                                                              metavar="ACTION")
    p = sync.add_parser("export", help="导出同步包")
    p.add_argument("-o", "--output", required=True, help="同步包文件名（.gridsync）或文件夹（如U盘）")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", metavar="OFFICE_ID", help="只导出对方尚未确认收到的变更（增量）")
    target.add_argument("--full", action="store_true", help="导出范围内的全部数据")
    p.add_argument("--grid", help="只导出该网格（代码或名称）及其下级")
    p.add_argument("--passphrase-file", required=True, help="存放同步口令的文本文件")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_export)

    p = sync.add_parser("import", help="导入同步包")
    p.add_argument("file")
    p.add_argument("--passphrase-file", required=True, help="存放同步口令的文本文件")
    p.add_argument("--preview", action="store_true", help="只预览，不写入数据库")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_import)

    p = sync.add_parser("status", help="同步状态：已知单位、最近收发、待处理冲突")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_status)


def read_passphrase(path: str) -> str:
    """The passphrase in a text file (given with --passphrase-file), normalised (line break too) with the key."""
    return read_secret(path, "口令文件")


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    scope = ws.query.find_grid(args.grid).id if args.grid else None
    passphrase = read_passphrase(args.passphrase_file)
    summary = ws.sync.export_package(ws.user, Path(args.output), args.to, scope, passphrase)
    if args.json:
        print_json(dataclasses.asdict(summary))
    else:
        print(f"已导出 {summary.path}（{summary.record_total} 条记录，{summary.package.size_bytes} 字节）")
    return 0


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    try:
        pkg = ws.sync.read_package(Path(args.file), read_passphrase(args.passphrase_file))
    except AlreadyImported as exc:
        if args.json:
            print_json({"already_imported": True, "message": str(exc)})
        else:
            print(exc)
        return 0
    result = ws.sync.preview(pkg) if args.preview else ws.sync.apply(ws.user, pkg)
    if args.json:
        print_json({"already_imported": False, "preview": args.preview, **dataclasses.asdict(result)})
        return 0
    print(f"{'预览' if args.preview else '已导入'}：{pkg.info.office_name} 第 {pkg.info.seq} 号同步包")
    for counts in (*result.tables, result.totals):
        print(_counts_line(counts))
    return 0


def _status(ws: Workspace, args: argparse.Namespace) -> int:
    status = ws.sync.status()
    if args.json:
        print_json(dataclasses.asdict(status))
        return 0
    print(f"本单位：{status.office_name}（范围：{status.scope_name}）")
    for p in status.peers:
        print(f"{p.name}\t最近发出：{p.last_sent_at or '无'}\t最近收到：{p.last_received_at or '无'}")
    note(f"待处理冲突 {status.open_conflicts} 条，疑似重复人员 {status.open_duplicates} 条")
    return 0


def _counts_line(counts: TableCounts) -> str:
    parts = [f"{OUTCOME_LABELS[k]} {v}" for k, v in counts.as_dict().items() if v and k in OUTCOME_LABELS]
    return f"{counts.label}\t{'，'.join(parts) or '无变化'}"


"""``backup`` (copy the database now), ``backup list`` and ``backup restore FILE|--latest``.

Restoring works on a database that no longer opens (damaged pages, not a database at all): the file is kept
beside itself as ``….damaged-<time>`` and the backup takes its place. On a server database (PostgreSQL) the
backups are pg_dump archives and restoring runs pg_restore into the same database after a confirmation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gridapp import backup, paths
from gridapp.cli.output import note, print_json, progress
from gridapp.errors import RuleViolation
from gridapp.workspace import Workspace


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="立即备份数据库；backup list 列出备份；backup restore 恢复备份")
    p.add_argument("--second-copy", action="store_true", help="备份到“设置”里选定的第二个文件夹（如U盘）并检查")
    p.set_defaults(handler=_backup)
    actions = p.add_subparsers(dest="backup_command", metavar="ACTION")
    q = actions.add_parser("list", help="列出所有备份：时间、原因、大小、户数和人数")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=_list)
    q = actions.add_parser("restore", help="用备份替换当前数据库（当前文件先另存一份）")
    which = q.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", help="备份文件")
    which.add_argument("--latest", action="store_true", help="最近一份检查通过的备份")
    q.add_argument("--yes", action="store_true", help="服务器数据库：不再询问，直接恢复")
    q.set_defaults(handler=_restore, opens_database=False)


def _backup(ws: Workspace, args: argparse.Namespace) -> int:
    with progress("备份中") as report:
        print(ws.backups.take_now(ws.user, args.second_copy, report))
    return 0


def _list(ws: Workspace, args: argparse.Namespace) -> int:
    rows = ws.backups.list()
    if args.json:
        print_json([{"path": r.path, "taken_at": r.taken_at, "reason": r.reason, "reason_label": r.reason_label,
                     "size": r.size, "households": r.households, "persons": r.persons, "second_copy": r.second_copy}
                    for r in rows])
        return 0
    for r in rows:
        print(f"{r.taken_at:%Y-%m-%d %H:%M}\t{r.reason_label}\t{r.size / 1e6:.1f} MB\t{r.households}户\t{r.persons}人\t"
              f"{r.path}")
    note(f"共 {len(rows)} 份备份")
    return 0


def _restore(args: argparse.Namespace) -> int:
    """Runs without opening the database: it may be the very file that cannot be opened."""
    location = paths.resolve_location(args.db)
    if paths.is_url(location):
        return _restore_server(args)
    db_file = Path(location).expanduser().resolve()
    if args.latest:
        sound = backup.newest_sound(db_file)
        if sound is None:
            raise RuleViolation(f"在 {backup.backup_dir(db_file)} 没有找到检查通过的备份。")
        chosen = sound.path
    else:
        chosen = Path(args.file)
    _check_user(db_file, args)
    with progress("恢复中") as report:
        kept = backup.restore(db_file, chosen, progress=report)
    print(f"已用 {chosen.name} 恢复数据库 {db_file}；原来的文件保存在 {kept}")
    return 0


def _check_user(db_file: Path, args: argparse.Namespace) -> None:
    """A database that still opens restores only for a user allowed to (``settings``); a damaged one cannot
    tell who may, so restoring it is open to whoever holds the file."""
    if not db_file.exists() or backup.problem_of(db_file):
        return
    from gridapp import access
    from gridapp.cli import sign_in

    ws = Workspace.open(db_file)
    try:
        access.require(sign_in(ws, args), "settings")
    finally:
        ws.close()


def _restore_server(args: argparse.Namespace) -> int:
    """pg_restore a dump into the server database, for a user with ``settings`` who confirmed it."""
    from gridapp import access
    from gridapp.cli import opened

    with opened(args) as ws:
        access.require(ws.user, "settings")
        if args.latest:
            sound = [r for r in ws.backups.list() if not backup.problem_of(r.path)]
            if not sound:
                raise RuleViolation("没有找到这个服务器数据库的备份（gridapp backup 先备份一次）。")
            chosen = sound[0].path
        else:
            chosen = Path(args.file)
        _confirm(args, f"要用 {chosen.name} 替换服务器数据库 {ws.engine.url.database} 的全部数据吗？"
                       "其他工作站请先退出程序。")
        kept = ws.backups.restore(ws.user, chosen)
    print(f"已用 {chosen.name} 恢复服务器数据库；恢复前的数据保存在 {kept}")
    return 0


def _confirm(args: argparse.Namespace, question: str) -> None:
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise RuleViolation(f"{question}确认请加 --yes。")
    if input(f"{question}（输入“是”确认）：").strip() not in ("是", "y", "yes"):
        raise RuleViolation("没有恢复，数据库没有改动。")

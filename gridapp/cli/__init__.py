"""Command line for headless work: ``python -m gridapp [--db PATH] COMMAND``.

One module per command group; each has ``register(sub)`` adding its sub-commands with a ``handler(ws, args)``
that returns the exit status. Errors meant for the user (UserError) print in Chinese and exit 2; a closed pipe
(``| head``) and Ctrl+C end quietly; anything unexpected prints one Chinese line and where its details went.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from gridapp import paths
from gridapp.cli import (
    audit,
    backup,
    cases,
    grid,
    importing,
    ledger,
    monitor,
    people,
    server,
    setup,
    sync,
    users,
)
from gridapp.cli.output import note, read_password
from gridapp.dto import Actor
from gridapp.errors import UserError
from gridapp.version import program_version
from gridapp.workspace import Workspace

GROUPS = (setup, grid, people, importing, ledger, cases, monitor, sync, backup, users, audit, server)
USER_ENV, PASSWORD_ENV = "GRIDAPP_USER", "GRIDAPP_PASSWORD_FILE"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gridapp", description="网格化管理综合信息采集簿 — 命令行")
    parser.add_argument("--version", action="version", version=f"gridapp {program_version()}")
    parser.add_argument("--db", help="数据库文件路径或 SQLAlchemy URL（也可用环境变量 GRIDAPP_DB）")
    parser.add_argument("--report-db", help="只读副本数据库的 URL：台账和统计从它读取（也可用环境变量 GRIDAPP_REPORT_DB）")
    parser.add_argument("--user", default=os.environ.get(USER_ENV),
                        help=f"以这个用户的身份和权限运行（也可用环境变量 {USER_ENV}）")
    parser.add_argument("--password-file", default=os.environ.get(PASSWORD_ENV),
                        help=f"存放该用户密码的文本文件（也可用环境变量 {PASSWORD_ENV}）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.register(sub)
    return parser


def utf8_output() -> None:
    """On Windows, output redirected to a file or pipe is UTF-8 (JSON, ``> 名单.txt``) instead of the ANSI code
    page, which lacks many names' characters (printing one would fail). A real console is left alone: Python
    writes to it as UTF-16 whatever the code page."""
    if sys.platform != "win32":
        return
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not stream.isatty():
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    utf8_output()
    args = build_parser().parse_args(argv)
    try:
        status = _run(args)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return status
    except BrokenPipeError:
        # The reader went away (``gridapp search 张 | head``): stop writing, without a traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    """The command's handler with the user's errors in Chinese (exit 2) and unexpected ones logged (exit 3)."""
    try:
        if not getattr(args, "opens_database", True):  # e.g. backup restore: the file may not open at all
            return args.handler(args)
        with opened(args) as ws:
            return args.handler(ws, args)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception:
        print(f"错误：程序内部出错，操作没有完成。{_record_details()}", file=sys.stderr)
        return 3


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[Workspace]:
    """The database, signed in as the command's user, closed afterwards."""
    ws = Workspace.open(args.db, args.report_db)
    try:
        yield ws.as_user(sign_in(ws, args))
    finally:
        if ws.report_note:
            note(ws.report_note)
        ws.close()


def sign_in(ws: Workspace, args: argparse.Namespace) -> Actor:
    """The user the command runs as: ``--user`` with its password, or the set-up administrator while the
    database has no passwords yet (older databases, the demo); a database with passwords needs a user."""
    if args.user:
        if not args.password_file:
            raise UserError(f"请用 --password-file（或环境变量 {PASSWORD_ENV}）给出用户“{args.user}”的密码文件。")
        return ws.users.login(args.user, read_password(args.password_file))
    if ws.users.is_open():
        return ws.users.open_actor()
    raise UserError(f"这个数据库需要登录：请用 --user 用户名 --password-file 密码文件（或环境变量 {USER_ENV}、"
                    f"{PASSWORD_ENV}）指定用户。")


def _record_details() -> str:
    """Write the traceback of the error being handled to the log folder; say where it went."""
    details = traceback.format_exc()
    log = paths.data_dir() / "logs" / "cli-errors.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')} {' '.join(sys.argv)}\n{details}\n")
    except OSError:
        return f"详细信息：\n{details}"
    return f"请把文件 {log} 交给技术人员。"

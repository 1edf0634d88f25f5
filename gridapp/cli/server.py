"""``server init URL [--from FILE] [--admin NAME] [--password-file F]`` (a new county server, optionally with
everything an embedded database holds) and ``server check URL`` (can this PC reach it, and what is on it)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from gridapp import connection
from gridapp.cli.output import note, print_json, progress, read_password
from gridapp.errors import UserError
from gridapp.server.setup import init_server
from gridapp.services.users import ADMIN

COUNT_LABELS = {"households": "户", "persons": "人", "cases": "件事件", "users": "个用户"}


def register(sub: Any) -> None:
    p = sub.add_parser("server", help="县级服务器：server init 建立服务器数据库；server check 检查连接")
    actions = p.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    q = actions.add_parser("init", help="在空的服务器数据库上建立表结构和第一位管理员；--from 把本机数据库搬上去")
    q.add_argument("url", help="服务器数据库地址，例如 postgresql+psycopg://gridapp:密码@192.168.1.10:5432/gridapp")
    q.add_argument("--from", dest="source", metavar="FILE", help="要搬到服务器上的本机数据库文件（.sqlite3）")
    q.add_argument("--admin", default=ADMIN, help=f"第一位管理员的用户名（默认 {ADMIN}）")
    q.add_argument("--password-file", help="存放第一位管理员密码的文本文件（不给时在终端里输入）")
    q.set_defaults(handler=_init, opens_database=False)
    q = actions.add_parser("check", help="连接服务器数据库，显示服务器版本、表结构版本和数据量")
    q.add_argument("url")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=_check, opens_database=False)


def _init(args: argparse.Namespace) -> int:
    source = Path(args.source) if args.source else None
    with progress("复制中") as report:
        done = init_server(args.url, args.admin, _password(args), source, report)
    print(f"服务器数据库已建立：{done.url}")
    if source is not None:
        print(f"已从 {source} 复制 {done.copied_rows} 行（{len(done.counts)} 个表），行数和内容校验一致。"
              f"\n校验值：{done.digest}")
    print(f"请用管理员“{done.admin}”登录。" if done.admin else "用户和密码沿用原数据库的。")
    return 0


def _password(args: argparse.Namespace) -> str:
    """The first administrator's password: from the file, or typed twice at a terminal."""
    if args.password_file:
        return read_password(args.password_file)
    if not sys.stdin.isatty():
        raise UserError("请用 --password-file 给出第一位管理员的密码文件。")
    first = getpass.getpass(f"管理员“{args.admin}”的密码：")
    if getpass.getpass("再输入一次：") != first:
        raise UserError("两次输入的密码不一样，没有做任何改动。请重新运行。")
    return first


def _check(args: argparse.Namespace) -> int:
    info = connection.check(args.url)
    if args.json:
        print_json({"url": connection.safe_url(args.url), "version": info.version, "revision": info.revision,
                    "counts": info.counts})
        return 0
    print(f"已连接：{connection.safe_url(args.url)}")
    print(f"PostgreSQL {info.version}")
    print(f"表结构版本：{info.revision or '（空数据库，请先运行 gridapp server init）'}")
    if info.counts:
        print("数据：" + "，".join(f"{n}{COUNT_LABELS[k]}" for k, n in info.counts.items()))
    note("连接正常。")
    return 0

"""``gridapp user add|list|passwd|disable|enable``: the accounts of this database, managed by an administrator
within their own scope; ``passwd --old-password-file`` is a user changing their own password.

Passwords are read from text files (never typed on the command line, where others see them). ``--password-file``
after ``user add``/``user passwd`` is the account's new password; the one before the command signs in.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from gridapp.cli.output import local_time, note, print_json, read_password
from gridapp.errors import UserError
from gridapp.services.users import actor_username
from gridapp.workspace import Workspace


def register(sub: Any) -> None:
    user = sub.add_parser("user", help="用户：新建、列出、设置密码、停用和启用").add_subparsers(
        dest="user_command", required=True, metavar="ACTION")
    p = user.add_parser("add", help="新建用户")
    p.add_argument("name", help="用户名：登录时输入的名字，例如 wangli")
    p.add_argument("--role", required=True, help="角色：管理员、村(社区)管理员、领导、网格长、网格员、查询 等")
    p.add_argument("--grid", help="工作范围：网格代码或名称（不填为全部网格）")
    p.add_argument("--display-name", help="显示的姓名，例如 王丽（不填则同用户名）")
    _new_password(p)
    p.set_defaults(handler=_add)

    p = user.add_parser("list", help="列出用户")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)

    p = user.add_parser("passwd", help="设置密码：管理员为用户重设；加 --old-password-file 是修改自己的密码")
    p.add_argument("name", help="用户名")
    _new_password(p)
    p.add_argument("--old-password-file", help="修改自己的密码时：存放原密码的文本文件")
    p.set_defaults(handler=_passwd)

    for action, label, active in (("disable", "停用用户（不能再登录）", False), ("enable", "重新启用用户", True)):
        p = user.add_parser(action, help=label)
        p.add_argument("name", help="用户名")
        p.set_defaults(handler=_set_active, active=active)


def _new_password(p: argparse.ArgumentParser) -> None:
    p.add_argument("--password-file", dest="new_password_file", required=True,
                   help="存放新密码的文本文件（至少6位）")


def _add(ws: Workspace, args: argparse.Namespace) -> int:
    grid = ws.query.find_grid(args.grid) if args.grid else None
    ws.users.add(ws.user, args.name, args.display_name or args.name, args.role, grid.id if grid else None,
                 read_password(args.new_password_file))
    print(f"已新建用户 {args.name}（{args.role}，工作范围：{grid.name if grid else '全部网格'}）")
    return 0


def _list(ws: Workspace, args: argparse.Namespace) -> int:
    users = ws.users.users(ws.user)
    if args.json:
        print_json([dataclasses.asdict(u) for u in users])
        return 0
    for u in users:
        last = local_time(u.last_login_at) if u.last_login_at else "从未登录"
        print(f"{u.username}\t{u.display_name}\t{u.role}\t{u.scope_name or '全部网格'}\t"
              f"{'启用' if u.active else '停用'}\t{'' if u.has_password else '未设密码'}\t{last}")
    note(f"共 {len(users)} 个用户")
    return 0


def _passwd(ws: Workspace, args: argparse.Namespace) -> int:
    new = read_password(args.new_password_file)
    if args.old_password_file:
        if actor_username(ws, ws.user) != args.name:
            raise UserError("--old-password-file 只用于修改自己的密码（请以该用户登录）；管理员为别人重设密码时不要加这个选项。")
        ws.users.change_own_password(ws.user, read_password(args.old_password_file), new)
        print("密码已修改。")
    else:
        ws.users.reset_password(ws.user, args.name, new)
        print(f"已为用户 {args.name} 设置新密码。")
    return 0


def _set_active(ws: Workspace, args: argparse.Namespace) -> int:
    ws.users.set_active(ws.user, args.name, args.active)
    print(f"已{'启用' if args.active else '停用'}用户 {args.name}。")
    return 0

"""``backup``: copy the database file now."""

from __future__ import annotations

import argparse
from typing import Any

from gridapp.workspace import Workspace


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="立即备份数据库")
    p.set_defaults(handler=_backup)


def _backup(ws: Workspace, _args: argparse.Namespace) -> int:
    print(ws.backup_now(ws.user))
    return 0

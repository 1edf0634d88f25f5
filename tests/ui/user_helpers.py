"""The demo village with passwords: its administrator, a 网格员 of the first grid and a 查询 user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ADMIN_PASSWORD = "admin-2026"
PASSWORDS = {"admin": ADMIN_PASSWORD, "wangli": "wangli-2026", "chaxun": "chaxun-2026"}


@dataclass(frozen=True)
class Office:
    admin: Any  # Actor
    grid_id: str  # the first grid, the 网格员's scope
    grid_name: str


def first_grid(ws: Any) -> Any:
    node = ws.query.grid_children(None)[0]
    while node.level < 4:  # 县 → 镇 → 村 → 网格
        node = ws.query.grid_children(node.id)[0]
    return node


def give_passwords(ws: Any) -> Office:
    """admin gets a password; 王丽 (wangli, 网格员 of the first grid) and 查询员 (chaxun, 查询) are added."""
    ws.users.set_first_password(ADMIN_PASSWORD)
    admin = ws.users.login("admin", ADMIN_PASSWORD)
    grid = first_grid(ws)
    ws.users.add(admin, "wangli", "王丽", "网格员", grid.id, PASSWORDS["wangli"])
    ws.users.add(admin, "chaxun", "查询员", "查询", None, PASSWORDS["chaxun"])
    return Office(admin, grid.id, grid.name)


def signed_in(ctx: Any, username: str) -> Any:
    """The context of ``username`` logged in (as the log-in dialog would give it)."""
    return ctx.signed_in(ctx.ws.users.login(username, PASSWORDS[username]), username)

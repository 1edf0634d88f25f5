"""Users: log-in with lock-out, argon2id hashes, accounts managed by an administrator within their scope, the
first password of an open database, an audit log nobody can change — and writes checked by role and scope."""

from __future__ import annotations

from datetime import timedelta

import backends
import pytest
from factories import Tree, family, valid_id
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from gridapp.access import Forbidden
from gridapp.dto import SYSTEM, Actor
from gridapp.errors import RuleViolation
from gridapp.models import AuditEntry, User
from gridapp.models.base import utcnow
from gridapp.services.users import LoginRefused
from gridapp.workspace import Workspace

PASSWORD = "ningling2026"


def audit_actions(ws: Workspace) -> list[tuple[str, str]]:
    with ws.read() as s:
        return [(e.user_name, e.action) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
                if e.table_name == "users"]


def test_an_open_database_runs_as_its_administrator_until_it_gets_a_password(ws: Workspace) -> None:
    assert ws.users.is_open() and ws.users.open_actor().role == "管理员"
    with pytest.raises(RuleViolation, match="至少6位"):
        ws.users.set_first_password("12345")
    ws.users.set_first_password(PASSWORD)
    assert not ws.users.is_open()
    with pytest.raises(RuleViolation, match="已经设置过"):
        ws.users.set_first_password("another-one")
    admin = ws.users.login("admin", PASSWORD)
    assert (admin.name, admin.role, admin.scope_grid_id) == ("管理员", "管理员", None)
    with ws.read() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "admin"))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_five_wrong_passwords_make_the_account_wait_a_minute(ws: Workspace) -> None:
    ws.users.set_first_password(PASSWORD)
    now = utcnow()
    for _ in range(4):
        with pytest.raises(LoginRefused, match="用户名或密码不对"):
            ws.users.login("admin", "wrong-password", now)
    with pytest.raises(LoginRefused, match=r"连续输错5次.*等待60秒"):
        ws.users.login("admin", "wrong-password", now)
    with pytest.raises(LoginRefused, match="请等待"):
        ws.users.login("admin", PASSWORD, now + timedelta(seconds=30))  # even the right one waits
    assert ws.users.login("admin", PASSWORD, now + timedelta(seconds=61)).role == "管理员"
    with pytest.raises(LoginRefused, match="用户名或密码不对"):
        ws.users.login("nobody", PASSWORD)
    actions = audit_actions(ws)
    assert actions.count(("admin", "login_failed")) == 6 and ("admin", "login") in actions
    assert ("nobody", "login_failed") in actions


def test_an_administrator_adds_resets_and_disables_users_within_their_scope(ws: Workspace, tree: Tree) -> None:
    ws.users.set_first_password(PASSWORD)
    admin = ws.users.login("admin", PASSWORD)
    ws.users.add(admin, "wangli", "王丽", "网格员", tree.grid1, "wangli123")
    with pytest.raises(RuleViolation, match="已经有人用了"):
        ws.users.add(admin, "wangli", "王丽", "网格员", tree.grid1, "wangli123")
    with pytest.raises(RuleViolation, match="角色“保洁员”不存在"):
        ws.users.add(admin, "li", "李", "保洁员", tree.grid1, "li123456")
    village_admin = ws.users.add(admin, "cunguan", "村管理员", "村(社区)管理员", tree.village, "cunguan1")
    village = ws.users.login("cunguan", "cunguan1")
    assert village.user_id == village_admin.id and village.scope_grid_id == tree.village
    with pytest.raises(Forbidden, match="只能把用户的工作范围设在自己的范围之内"):
        ws.users.add(village, "xianli", "县里", "领导", tree.county, "xianli123")
    ws.users.add(village, "chaxun", "查询员", "查询", tree.grid2, "chaxun123")
    worker = ws.users.login("wangli", "wangli123")
    with pytest.raises(Forbidden, match="没有“管理用户”的权限"):
        ws.users.add(worker, "x", "x", "查询", tree.grid1, "xxxxxxxx")
    ws.users.reset_password(village, "wangli", "newpass99")
    ws.users.set_active(village, "chaxun", False)
    with pytest.raises(LoginRefused, match="已停用"):
        ws.users.login("chaxun", "chaxun123")
    assert ws.users.login("wangli", "newpass99").role == "网格员"
    with pytest.raises(RuleViolation, match="原密码不对"):
        ws.users.change_own_password(worker, "wrong-old", "another99")
    ws.users.change_own_password(worker, "newpass99", "another99")
    assert ws.users.login("wangli", "another99").name == "王丽"
    assert {u.username for u in ws.users.users(village)} == {"cunguan", "wangli", "chaxun"}  # not admin


def test_the_audit_log_cannot_be_changed_or_deleted(ws: Workspace, tree: Tree) -> None:
    ws.households.create(SYSTEM, family(tree.grid1))
    entries = backends.execute(ws, "SELECT count(*) FROM audit_log")
    for statement in ("UPDATE audit_log SET user_name = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="audit log cannot be"):
            backends.execute(ws, statement)
    assert backends.execute(ws, "SELECT count(*) FROM audit_log") == entries


def test_writes_are_checked_by_role_and_scope(ws: Workspace, tree: Tree) -> None:
    worker = Actor("王丽", role="网格员", scope_grid_id=tree.grid1)
    mine = ws.households.create(worker, family(tree.grid1)).id
    with pytest.raises(Forbidden, match="只能修改自己工作范围内的记录"):
        ws.households.create(worker, family(tree.grid2, "002", valid_id("11010519500101001")))
    theirs = ws.households.create(SYSTEM, family(tree.grid2, "003", valid_id("11010519500101002"))).id
    with pytest.raises(Forbidden, match="只能修改自己工作范围内的记录"):
        ws.households.move_household(worker, mine, tree.grid2)  # out of the scope
    with pytest.raises(Forbidden):
        ws.recycle.delete(worker, "household", theirs)
    with pytest.raises(Forbidden, match="没有“修改网格树、网格员和党员中心户”的权限"):
        ws.grid.create(worker, tree.grid1, "新微网格")
    reader = Actor("查询员", role="查询", scope_grid_id=tree.grid1)
    with pytest.raises(Forbidden, match="没有“登记和修改住户、人员及其人群标签”的权限"):
        ws.recycle.delete(reader, "household", mine)
    assert ws.query.household(mine).number == "001" and ws.query.household(theirs).number == "003"

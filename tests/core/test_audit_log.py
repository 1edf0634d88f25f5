"""The audit log as the 日志 page and ``gridapp audit`` read it: filters, Chinese labels, records named in words, and
only for users with ``audit`` — within their scope."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import Tree, family, valid_id

from gridapp.access import Forbidden
from gridapp.dto import SYSTEM, Actor, AuditFilter, CaseInput, TagInput
from gridapp.workspace import Workspace

PASSWORD = "ningling2026"


@pytest.fixture
def logged(ws: Workspace, tree: Tree) -> dict[str, str]:
    """A household in each grid, a tag, a case and a few log-ins."""
    ws.users.set_first_password(PASSWORD)
    admin = ws.users.login("admin", PASSWORD)
    ws.users.add(admin, "wangli", "王丽", "网格员", tree.grid1, "wangli123")
    wangli = ws.users.login("wangli", "wangli123")
    mine = ws.households.create(wangli, family(tree.grid1)).id
    theirs = ws.households.create(admin, family(tree.grid2, "002", valid_id("11010519500101001"))).id
    spouse = ws.query.household(mine).members[1].id
    ws.households.set_tags(wangli, spouse, [TagInput("veteran")])
    case = ws.cases.register(wangli, CaseInput(grid_id=tree.grid1, title="门前垃圾", category="环境保护")).id
    return {"mine": mine, "theirs": theirs, "spouse": spouse, "case": case}


def reader(ws: Workspace, role: str = "管理员", scope: str | None = None) -> Workspace:
    return ws.as_user(Actor("读者", role=role, scope_grid_id=scope))


def test_entries_come_newest_first_with_chinese_labels_and_records_named(ws: Workspace, logged) -> None:
    rows = reader(ws).query.audit_entries(AuditFilter())
    assert [r.id for r in rows] == sorted((r.id for r in rows), reverse=True)
    by_record = {(r.table_name, r.record_id): r for r in rows if r.action == "create"}
    household = by_record[("households", logged["mine"])]
    assert (household.user_name, household.action_label, household.table_label) == ("王丽", "新增", "住户")
    assert household.record_label == "001号 曾秀英户"
    assert by_record[("persons", logged["spouse"])].record_label == "张三丰（001号 曾秀英户）"
    tag = next(r for r in rows if r.table_name == "person_tags")
    assert tag.record_label == "张三丰（001号 曾秀英户） 退役军人"
    case = by_record[("cases", logged["case"])]
    assert case.record_label.endswith(" 门前垃圾") and case.table_label == "事件"
    login = next(r for r in rows if r.action == "login")
    assert (login.action_label, login.table_label, login.record_label) == ("登录", "用户", "王丽（wangli）")


def test_filters_by_user_kind_record_and_day(ws: Workspace, logged) -> None:
    query = reader(ws).query
    by_wangli = query.audit_entries(AuditFilter(user_name="wangli"))  # log-ins by user name, the rest by 王丽
    # the tag she set gives the household page a new version, so it is also an update of her household
    assert {r.action for r in by_wangli} == {"login", "create", "update"}
    assert {r.user_name for r in by_wangli} == {"wangli", "王丽"}
    assert query.audit_entries(AuditFilter(user_name="王丽")) == by_wangli
    logins = query.audit_entries(AuditFilter(kind="login"))
    assert [r.user_name for r in logins] == ["wangli", "admin"]
    household = query.audit_entries(AuditFilter(record_id=logged["theirs"]))
    assert [(r.action, r.user_name) for r in household] == [("create", "管理员")]
    today = ws.today()
    assert len(query.audit_entries(AuditFilter(date_from=today, date_to=today))) == len(query.audit_entries(
        AuditFilter()))
    assert query.audit_entries(AuditFilter(date_from=today + timedelta(days=1))) == []
    assert query.audit_entries(AuditFilter(date_to=today - timedelta(days=1))) == []
    assert len(query.audit_entries(AuditFilter(), limit=3)) == 3


def test_a_scoped_reader_sees_their_subtree_and_their_users(ws: Workspace, tree: Tree, logged) -> None:
    rows = reader(ws, "领导", tree.grid1).query.audit_entries(AuditFilter())
    records = {r.record_id for r in rows}
    assert {logged["mine"], logged["spouse"], logged["case"]} <= records
    assert logged["theirs"] not in records  # 第二网格's household, though the administrator made it
    assert {r.user_name for r in rows} == {"王丽", "wangli", "管理员", "系统"}
    assert {r.record_label for r in rows if r.user_name == "管理员"} == {"王丽（wangli）"}  # her account
    assert {r.record_label for r in rows if r.user_name == "系统"} == {"第一网格", "第一微网格"}  # the tree
    everything = reader(ws, "村(社区)管理员", tree.village).query.audit_entries(AuditFilter())
    assert logged["theirs"] in {r.record_id for r in everything}


def test_reading_the_log_needs_the_audit_permission(ws: Workspace, tree: Tree, logged) -> None:
    with pytest.raises(Forbidden, match="没有“查看操作日志”的权限"):
        reader(ws, "网格员", tree.grid1).query.audit_entries(AuditFilter())
    assert ("login_failed", "登录失败") in reader(ws).query.audit_kinds()


def test_settings_are_logged_too(ws: Workspace, tree: Tree, tmp_path) -> None:
    ws.backups.set_second_folder(SYSTEM, tmp_path / "U盘")
    ws.sync.passphrase(tmp_path / "sync.key").set(SYSTEM, "全县统一口令2026")
    kinds = [(r.action_label, r.user_name) for r in ws.query.audit_entries(AuditFilter())][:2]
    assert kinds == [("设置同步口令", "系统"), ("修改设置", "系统")]

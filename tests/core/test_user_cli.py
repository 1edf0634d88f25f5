"""``gridapp user …`` and ``gridapp audit``, and every command refusing a wrong password or a disabled user with
status 2, a Chinese message and nothing done."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import Completed, gridapp
from factories import valid_id

VILLAGE = "411423100201"  # 东街村


class Office:
    """A set-up village whose administrator has a password, and a password file per person."""

    def __init__(self, root: Path) -> None:
        self.db, self.root = str(root / "office.sqlite3"), root
        self.files: dict[str, Path] = {}

    def password(self, name: str, text: str) -> str:
        path = self.root / f"{name}.txt"
        path.write_text(f"{text}\n", encoding="utf-8")
        return str(path)

    def run(self, user: str | None, *args: str, password: str | None = None) -> Completed:
        sign_in = ("--user", user, "--password-file", password or str(self.root / f"{user}.txt")) if user else ()
        return gridapp("--db", self.db, *sign_in, *args)

    def rows(self) -> dict[str, list[tuple]]:
        """Every row but the audit log's and the accounts' (log-in attempts are recorded there)."""
        with sqlite3.connect(self.db) as conn:
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                     if r[0] not in ("audit_log", "users")]
            return {n: sorted(map(repr, conn.execute(f'SELECT * FROM "{n}"'))) for n in names}

    def audit_actions(self) -> list[str]:
        with sqlite3.connect(self.db) as conn:
            return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY id")]


@pytest.fixture
def office(tmp_path: Path) -> Office:
    o = Office(tmp_path)
    assert o.run(None, "init", "--division-code", VILLAGE, "--grids", "2").returncode == 0
    done = o.run(None, "user", "passwd", "admin", "--password-file", o.password("admin", "admin2026"))
    assert done.returncode == 0 and "已为用户 admin 设置新密码" in done.stdout
    added = o.run("admin", "user", "add", "wangli", "--role", "网格员", "--grid", "第一网格", "--display-name", "王丽",
                  "--password-file", o.password("wangli", "wangli2026"))
    assert added.returncode == 0, added.stderr
    return o


def test_the_administrator_adds_lists_disables_and_enables_users(office: Office) -> None:
    listed = json.loads(office.run("admin", "user", "list", "--json").stdout)
    wangli = next(u for u in listed if u["username"] == "wangli")
    assert (wangli["display_name"], wangli["role"], wangli["scope_name"], wangli["active"]) == \
        ("王丽", "网格员", "第一网格", True)
    assert office.run("admin", "user", "disable", "wangli").returncode == 0
    refused = office.run("wangli", "stats")
    assert refused.returncode == 2 and "这个账号已停用" in refused.stderr and refused.stdout == ""
    assert office.run("admin", "user", "enable", "wangli").returncode == 0
    assert office.run("wangli", "stats", "--json").returncode == 0
    text = office.run("admin", "user", "list").stdout
    assert "wangli\t王丽\t网格员\t第一网格\t启用" in text


def test_a_grid_worker_may_not_manage_users(office: Office) -> None:
    before = office.rows()
    refused = office.run("wangli", "user", "add", "lisi", "--role", "网格员", "--grid", "第一网格",
                         "--password-file", office.password("lisi", "lisi2026"))
    assert refused.returncode == 2 and "没有“管理用户”的权限" in refused.stderr
    wider = office.run("wangli", "user", "passwd", "admin", "--password-file", office.password("x", "xxxxxx"))
    assert wider.returncode == 2 and "没有“管理用户”的权限" in wider.stderr
    assert office.rows() == before
    assert [u["username"] for u in json.loads(office.run("admin", "user", "list", "--json").stdout)] == \
        ["admin", "wangli"]


def test_users_change_their_own_password_with_the_old_one(office: Office) -> None:
    new = office.password("wangli-new", "xinmima2026")
    wrong_old = office.run("wangli", "user", "passwd", "wangli", "--password-file", new,
                           "--old-password-file", office.password("guess", "guess123"))
    assert wrong_old.returncode == 2 and "原密码不对" in wrong_old.stderr
    someone_else = office.run("wangli", "user", "passwd", "admin", "--password-file", new,
                              "--old-password-file", str(office.root / "admin.txt"))
    assert someone_else.returncode == 2 and "只用于修改自己的密码" in someone_else.stderr
    done = office.run("wangli", "user", "passwd", "wangli", "--password-file", new,
                      "--old-password-file", str(office.root / "wangli.txt"))
    assert done.returncode == 0 and "密码已修改" in done.stdout
    assert office.run("wangli", "stats").returncode == 2
    assert office.run("wangli", "stats", password=new).returncode == 0


REFUSALS = {"wrong password": "错误：用户名或密码不对，请再试一次。\n", "disabled": "错误：这个账号已停用，请找本单位管理员。\n"}


@pytest.mark.parametrize("refusal", list(REFUSALS))
@pytest.mark.parametrize("command", [
    ("stats", "--json"),
    ("grid", "add", "--parent", "第一网格", "--name", "新微网格"),
    ("user", "list"),
    ("audit", "--json"),
    ("backup",),
    ("import", "roster.csv"),
])
def test_a_wrong_password_or_a_disabled_user_exits_2_having_done_nothing(office: Office, command: tuple[str, ...],
                                                                         refusal: str) -> None:
    roster = office.root / "roster.csv"
    roster.write_text(f"所属网格,户号,姓名,与户主关系,公民身份号码\n第一网格,1,赵六,户主,{valid_id('11010519800101001')}\n",
                      encoding="utf-8")
    args = tuple(str(roster) if part == "roster.csv" else part for part in command)
    user, password = "admin", office.password("guess", "guess2026")
    if refusal == "disabled":
        assert office.run("admin", "user", "add", "xianguan", "--role", "管理员", "--password-file",
                          office.password("xianguan", "xianguan2026")).returncode == 0
        assert office.run("admin", "user", "disable", "xianguan").returncode == 0
        user, password = "xianguan", str(office.root / "xianguan.txt")  # the right password, but disabled
    before, logged = office.rows(), office.audit_actions()
    done = office.run(user, *args, password=password)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", REFUSALS[refusal])
    assert office.rows() == before
    assert office.audit_actions() == [*logged, "login_failed"]
    assert not (office.root / "backups").exists() or command != ("backup",)


def test_the_audit_command_filters_and_needs_the_permission(office: Office) -> None:
    assert office.run("wangli", "stats").returncode == 0
    assert office.run("admin", "user", "list").returncode == 0
    mine = json.loads(office.run("admin", "audit", "--user", "wangli", "--json").stdout)
    assert {(r["action"], r["user_name"]) for r in mine} == {("login", "wangli")}
    logins = office.run("admin", "audit", "--kind", "登录")
    lines = logins.stdout.splitlines()
    # add, stats, list, audit, and this audit itself: every command signs in
    assert logins.returncode == 0 and len(lines) == 5 and all("\t登录\t用户 " in line for line in lines)
    assert lines[0].split("\t")[1:4] == ["admin", "登录", "用户 管理员（admin）"]  # newest first
    assert "共 5 条" in logins.stderr
    added = json.loads(office.run("admin", "audit", "--kind", "add_user", "--from", "2000-01-01", "--json").stdout)
    assert [(r["record_label"], r["detail"]["username"]) for r in added] == [("王丽（wangli）", "wangli")]
    assert json.loads(office.run("admin", "audit", "--to", "2000-01-01", "--json").stdout) == []
    refused = office.run("wangli", "audit")
    assert refused.returncode == 2 and "没有“查看操作日志”的权限" in refused.stderr
    unknown = office.run("admin", "audit", "--kind", "喝茶")
    assert unknown.returncode == 2 and "没有“喝茶”这种操作" in unknown.stderr and "登录失败" in unknown.stderr
    bad_day = office.run("admin", "audit", "--from", "2026-02-30")
    assert bad_day.returncode == 2 and "--from：" in bad_day.stderr


def test_an_open_database_gives_its_administrator_a_password_before_anyone_else(tmp_path: Path) -> None:
    o = Office(tmp_path)
    assert o.run(None, "init", "--division-code", VILLAGE, "--grids", "1").returncode == 0
    refused = o.run(None, "user", "add", "wangli", "--role", "网格员", "--password-file", o.password("w", "wangli2026"))
    assert refused.returncode == 2 and "请先给管理员设置密码" in refused.stderr
    assert o.run(None, "stats").returncode == 0  # still open: nobody was locked out

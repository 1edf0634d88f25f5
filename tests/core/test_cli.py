"""The command line: init, stats, search, backup, errors — in-process, and once as ``python -m gridapp``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import backends
import pytest
from cli_helpers import gridapp, gridapp_process
from factories import family

from gridapp.dto import SYSTEM
from gridapp.workspace import Workspace


def test_init_then_stats_on_a_new_database(tmp_path: Path) -> None:
    db = str(backends.database_at(tmp_path / "cli.sqlite3"))
    done = gridapp_process("--db", db, "init", "--office-name", "幸福村村民委员会", "--county-code", "411423")
    assert done.returncode == 0, done.stderr
    assert "幸福村村民委员会" in done.stdout
    again = gridapp("--db", db, "init", "--office-name", "别的村")
    assert again.returncode == 2 and "不能重复初始化" in again.stderr
    stats = json.loads(gridapp("--db", db, "stats", "--json").stdout)
    assert stats["households"] == 0 and stats["persons"] == 0


def test_gridapp_db_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite3"
    done = gridapp("init", "--office-name", "和平社区", env={"GRIDAPP_DB": str(db)})
    assert done.returncode == 0, done.stderr
    assert db.exists()


def test_demo_stats_and_search(tmp_path: Path) -> None:
    db = str(backends.database_at(tmp_path / "demo.sqlite3"))
    done = gridapp("--db", db, "demo", "--scale", "village", "--seed", "3")
    assert done.returncode == 0, done.stderr
    stats = json.loads(gridapp("--db", db, "stats", "--json").stdout)
    assert 250 <= stats["households"] <= 400
    assert stats["persons"] == sum(stats["persons_by_residence_kind"].values())
    assert stats["grid_nodes"]["网格"] >= 1 and stats["places"] > 0 and stats["tags"]
    ws = Workspace.open(db)
    name = ws.query.household(ws.query.household_ids(None)[0]).members[0].name
    ws.close()
    hits = json.loads(gridapp("--db", db, "search", name, "--json").stdout)
    assert name in [h["name"] for h in hits]
    assert {"person_id", "household_id", "id_number", "grid_name"} <= set(hits[0])


def test_search_by_pinyin_initials_with_an_override_surname(ws: Workspace, tree) -> None:
    ws.households.create(SYSTEM, family(tree.grid1))
    ws.close()
    hits = json.loads(gridapp("--db", backends.db_arg(ws), "search", "zxy", "--json").stdout)
    assert [h["name"] for h in hits] == ["曾秀英"]


def test_errors_are_chinese_and_exit_2(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    done = gridapp("--db", str(blocked / "db.sqlite3"), "stats")
    assert done.returncode == 2
    assert "无法创建数据文件夹" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.sqlite_only("a file copy; a server database is backed up with pg_dump")
@pytest.mark.parametrize("args", [["backup"]])
def test_backup_command_writes_a_copy(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "b.sqlite3"
    gridapp("--db", str(db), "init", "--office-name", "幸福村")
    done = gridapp("--db", str(db), *args)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).exists()


def test_a_closed_pipe_ends_quietly(demo_village: backends.Location) -> None:
    """``gridapp search 张 --json | head -1``: the reader leaves early; no traceback, no error text."""
    reader = subprocess.Popen([sys.executable, "-m", "gridapp", "--db", str(demo_village), "search", "张",
                               "--limit", "500", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()
    errors = reader.stderr.read().decode()
    reader.wait(timeout=60)
    assert errors == ""


def test_no_progress_text_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    done = gridapp("--db", str(backends.database_at(tmp_path / "d.sqlite3")), "demo", "--scale", "village")
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["households"] > 0


def test_an_unexpected_error_is_one_chinese_line_and_its_details_go_to_a_log(tmp_path: Path, monkeypatch) -> None:
    from gridapp.cli import people

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(people, "_stats", lambda _ws, _args: 1 / 0)
    done = gridapp("--db", str(tmp_path / "e.sqlite3"), "stats")
    assert done.returncode == 3
    assert done.stderr.startswith("错误：程序内部出错，操作没有完成。") and "Traceback" not in done.stderr
    log = next((tmp_path / "data").rglob("cli-errors.log"))
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")


def test_a_database_with_passwords_runs_commands_as_the_user_named(tmp_path: Path, monkeypatch) -> None:
    db = backends.database_at(tmp_path / "users.sqlite3")
    assert gridapp("--db", str(db), "init", "--office-name", "幸福村").returncode == 0  # open: runs as admin
    ws = Workspace.open(db)
    ws.users.set_first_password("ningling2026")
    ws.close()
    right, wrong = tmp_path / "right.txt", tmp_path / "wrong.txt"
    right.write_text("ningling2026\n", encoding="utf-8")
    wrong.write_text("guess", encoding="utf-8")
    refused = gridapp("--db", str(db), "stats")
    assert refused.returncode == 2 and "这个数据库需要登录" in refused.stderr
    bad = gridapp("--db", str(db), "--user", "admin", "--password-file", str(wrong), "stats")
    assert bad.returncode == 2 and "用户名或密码不对" in bad.stderr and bad.stdout == ""
    done = gridapp("--db", str(db), "--user", "admin", "--password-file", str(right), "stats", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["households"] == 0
    monkeypatch.setenv("GRIDAPP_USER", "admin")
    monkeypatch.setenv("GRIDAPP_PASSWORD_FILE", str(right))
    assert gridapp("--db", str(db), "stats").returncode == 0

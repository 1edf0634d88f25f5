"""The command line, run as a user would: ``python -m gridapp …`` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from factories import family

from gridapp.dto import SYSTEM
from gridapp.workspace import Workspace


def gridapp(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gridapp", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_init_then_stats_on_a_new_database(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite3")
    done = gridapp("--db", db, "init", "--office-name", "幸福村村民委员会", "--county-code", "411423")
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
    db = str(tmp_path / "demo.sqlite3")
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
    hits = json.loads(gridapp("--db", str(ws.db_file), "search", "zxy", "--json").stdout)
    assert [h["name"] for h in hits] == ["曾秀英"]


def test_errors_are_chinese_and_exit_2(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    done = gridapp("--db", str(blocked / "db.sqlite3"), "stats")
    assert done.returncode == 2
    assert "无法创建数据文件夹" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [["backup"]])
def test_backup_command_writes_a_copy(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "b.sqlite3"
    gridapp("--db", str(db), "init", "--office-name", "幸福村")
    done = gridapp("--db", str(db), *args)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).exists()

"""``gridapp init --division-code`` and ``gridapp grid add|list``, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import backends
import pytest
from cli_helpers import gridapp
from factories import family

from gridapp.dto import SYSTEM
from gridapp.workspace import Workspace

VILLAGE = "411423100201"  # 东街村委会


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(backends.database_at(tmp_path / "cli.sqlite3"))


def _listing(db: str) -> list[dict]:
    done = gridapp("--db", db, "grid", "list", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_init_a_village_with_grids_and_micro_grids(db: str) -> None:
    done = gridapp("--db", db, "init", "--division-code", VILLAGE, "--grids", "3", "--micro-grids", "2")
    assert done.returncode == 0, done.stderr
    assert "东街村村民委员会" in done.stdout and "宁陵县／城关回族镇／东街村" in done.stdout
    assert "共建立 12 个网格节点" in done.stdout
    rows = _listing(db)
    assert [(r["depth"], r["code"], r["name"]) for r in rows[:5]] == [
        (0, "411423000000", "宁陵县"), (1, "411423100000", "城关回族镇"), (2, VILLAGE, "东街村"),
        (3, VILLAGE + "01", "第一网格"), (4, VILLAGE + "0101", "第一微网格"),
    ]
    assert [r["name"] for r in rows if r["depth"] == 3] == ["第一网格", "第二网格", "第三网格"]
    by_id = {r["id"]: r for r in rows}
    assert all(by_id[r["parent_id"]]["depth"] == r["depth"] - 1 for r in rows if r["parent_id"])
    ws = Workspace.open(db)
    assert ws.office.node_id == ws.query.find_grid(VILLAGE).id and ws.office.county_code == "411423"
    ws.close()


@pytest.mark.parametrize("code", ["411423", "411423100", "411423100000"])
def test_init_with_6_9_or_12_digits(db: str, code: str) -> None:
    done = gridapp("--db", db, "init", "--division-code", code, "--office-name", "某单位")
    assert done.returncode == 0, done.stderr
    assert _listing(db)[0]["code"] == "411423000000"


def test_init_a_town_with_its_villages(db: str) -> None:
    done = gridapp("--db", db, "init", "--division-code", "411423100", "--official-children")
    assert done.returncode == 0, done.stderr
    assert "城关回族镇人民政府" in done.stdout
    assert ("东街村", 2) in [(r["name"], r["depth"]) for r in _listing(db)]


@pytest.mark.parametrize("args, message", [
    (["--division-code", "411423999"], "找不到区划代码“411423999”"),
    (["--division-code", "4114"], "应为6位（县）、9位（乡镇、街道）或12位（村、社区）数字"),
    (["--division-code", "41142x"], "应为6位"),
    (["--division-code", "411423100", "--grids", "2"], "网格建在村（社区）之下"),
    (["--division-code", VILLAGE, "--micro-grids", "2"], "请同时用 --grids 指定网格数"),
    (["--division-code", VILLAGE, "--grids", "100"], "一次最多建立99个网格"),
    (["--division-code", VILLAGE, "--county-code", "411423"], "不用 --county-code"),
    (["--office-name", "某村", "--grids", "2"], "需要区划代码"),
    ([], "请用 --division-code"),
])
def test_init_refusals_are_chinese_and_exit_2(db: str, args: list[str], message: str) -> None:
    done = gridapp("--db", db, "init", *args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert _listing(db) == []


def test_init_twice_is_refused(db: str) -> None:
    assert gridapp("--db", db, "init", "--division-code", VILLAGE).returncode == 0
    again = gridapp("--db", db, "init", "--division-code", VILLAGE)
    assert again.returncode == 2 and "不能重复设置" in again.stderr


def test_init_stores_the_passphrase(db: str, tmp_path: Path) -> None:
    secret = tmp_path / "口令.txt"
    secret.write_text("全县统一口令2026\n", encoding="utf-8")
    config = tmp_path / "config"
    done = gridapp("--db", db, "init", "--division-code", VILLAGE, "--passphrase-file", str(secret),
                   env={"XDG_CONFIG_HOME": str(config)})
    assert done.returncode == 0, done.stderr
    ws = Workspace.open(db)
    assert ws.sync.passphrase(config / "gridapp" / "sync.key").load() == "全县统一口令2026"
    ws.close()


def test_grid_add_continues_the_parent_code(db: str) -> None:
    gridapp("--db", db, "init", "--division-code", VILLAGE, "--grids", "2")
    done = gridapp("--db", db, "grid", "add", "--parent", VILLAGE, "--name", "第三网格", "--level", "网格")
    assert done.returncode == 0, done.stderr
    assert "东街村／第三网格（网格，代码 41142310020103）" in done.stdout
    done = gridapp("--db", db, "grid", "add", "--parent", "第三网格", "--name", "第一微网格")
    assert done.returncode == 0, done.stderr
    done = gridapp("--db", db, "grid", "add", "--parent", "第三网格", "--name", "第二微网格", "--code", "X9")
    assert done.returncode == 0, done.stderr
    third = [r for r in _listing(db) if r["name"] in ("第三网格", "第一微网格", "第二微网格")]
    assert [(r["code"], r["level_label"]) for r in third][-3:] == [
        ("41142310020103", "网格"), ("4114231002010301", "微网格"), ("X9", "微网格")]


@pytest.mark.parametrize("parent, level, message", [
    ("东街村", "微网格", "“东街村”是村(社区)，它的下级是网格，不是微网格。"),
    ("第一网格", "网格", "它的下级是微网格，不是网格"),
    ("东街村", "大网格", "层级“大网格”无效"),
    ("不存在的村", "网格", "找不到代码或名称为“不存在的村”的网格"),
])
def test_grid_add_refusals(db: str, parent: str, level: str, message: str) -> None:
    gridapp("--db", db, "init", "--division-code", VILLAGE, "--grids", "1")
    done = gridapp("--db", db, "grid", "add", "--parent", parent, "--name", "新网格", "--level", level)
    assert done.returncode == 2 and message in done.stderr


def test_grid_list_text_shows_the_tree_with_counts(ws: Workspace, tree) -> None:
    ws.households.create(SYSTEM, family(tree.grid1))
    ws.close()
    done = gridapp("--db", backends.db_arg(ws), "grid", "list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "411423\t县(市/区)\t宁陵县\t1户\t3人"
    assert lines[3] == "      41142310100101\t网格\t第一网格\t1户\t3人"
    assert lines[4] == "        -\t微网格\t第一微网格\t0户\t0人"
    assert "共 6 个网格节点" in done.stderr

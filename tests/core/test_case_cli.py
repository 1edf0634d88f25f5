"""``gridapp case list`` and ``gridapp visit due``, run as a script would, reading JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import backends
import pytest
from cli_helpers import Completed
from cli_helpers import gridapp as run_cli
from factories import family

from gridapp.dto import SYSTEM, Actor, CaseInput, VisitInput
from gridapp.workspace import Workspace

WORKER = Actor("王网格员", role="网格员")


def gridapp(db: str, *args: str) -> Completed:
    return run_cli("--db", db, *args)


@pytest.fixture
def db(ws: Workspace, tree) -> str:
    """Two cases in grid 1 (one overdue by the real clock) and one in grid 2; a red household last visited
    20 days ago."""
    now = datetime.now().replace(second=0, microsecond=0)
    late = ws.cases.register(WORKER, CaseInput(tree.grid1, "垃圾堆积", "环境保护"), now - timedelta(days=10)).id
    ws.cases.act(SYSTEM, late, "转办", {"level": "网格自办"}, now=now - timedelta(days=10))
    ws.cases.register(WORKER, CaseInput(tree.grid1, "路灯损坏", "城市管理"), now)
    ws.cases.register(WORKER, CaseInput(tree.grid2, "邻里纠纷", "社会治安", "矛盾纠纷"), now)
    red = ws.households.create(SYSTEM, replace(family(tree.grid2), colour="红", colour_reason="危房")).id
    ws.visits.record(WORKER, VisitInput("household", red, content="走访", visited_on=date.today() - timedelta(days=20)))
    ws.close()
    return backends.db_arg(ws)


def test_case_list_filters_by_status_and_overdue(db: str) -> None:
    done = gridapp(db, "case", "list", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert sorted(r["title"] for r in rows) == ["垃圾堆积", "路灯损坏", "邻里纠纷"]
    assert {"number", "step", "deadline", "overdue", "timeliness", "grid_name"} <= set(rows[0])
    accepted = json.loads(gridapp(db, "case", "list", "--status", "事项受理", "--json").stdout)
    assert sorted(r["title"] for r in accepted) == ["路灯损坏", "邻里纠纷"]
    [late] = json.loads(gridapp(db, "case", "list", "--overdue", "--json").stdout)
    assert (late["title"], late["step"], late["overdue"], late["timeliness"]) == ("垃圾堆积", "分类转办", True, "已超期")
    datetime.fromisoformat(late["deadline"])
    in_grid2 = json.loads(gridapp(db, "case", "list", "--grid", "41142310100102", "--json").stdout)
    assert [r["title"] for r in in_grid2] == ["邻里纠纷"]
    text = gridapp(db, "case", "list", "--overdue")
    assert "垃圾堆积" in text.stdout and "（超期）" in text.stdout and "共 1 件" in text.stderr


def test_a_wrong_status_or_grid_is_refused_plainly(db: str) -> None:
    wrong = gridapp(db, "case", "list", "--status", "办理中")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr
    missing = gridapp(db, "visit", "due", "--grid", "999")
    assert missing.returncode == 2 and "找不到代码或名称为“999”的网格" in missing.stderr


def test_visit_due_lists_the_red_household(db: str) -> None:
    done = gridapp(db, "visit", "due", "--grid", "41142310100102", "--json")
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)
    assert (row["title"], row["rule"], row["overdue_days"]) == ("曾秀英", "红黄户每15天走访", 5)
    assert row["last_visit"] == (date.today() - timedelta(days=20)).isoformat()
    assert json.loads(gridapp(db, "visit", "due", "--grid", "41142310100101", "--json").stdout) == []
    soon = json.loads(gridapp(db, "visit", "due", "--within", "200", "--json").stdout)
    assert {r["rule"] for r in soon} == {"红黄户每15天走访"}  # the quarterly rule is satisfied by the same visit

"""``gridapp monitor``: counts per colour and cause, and the households with their reasons."""

from __future__ import annotations

import json
from dataclasses import replace

import backends
from cli_helpers import gridapp as run_cli
from factories import Tree, family

from gridapp.dto import SYSTEM
from gridapp.workspace import Workspace


def test_monitor_report_json_and_text(ws: Workspace, tree: Tree) -> None:
    ws.households.create(SYSTEM, replace(family(tree.grid1), income_per_capita=5200))
    ws.close()
    db = backends.db_arg(ws)

    def gridapp(*args: str):
        return run_cli("--db", db, *args)

    report = json.loads(gridapp("monitor", "--json").stdout)
    assert report["colours"] == {"红": 1, "黄": 0, "绿": 0}
    assert report["causes"] == {"收入低于监测线": 1}
    assert report["households"][0]["reasons"] == ["人均纯收入 5,200 元，低于监测线 6,000 元"]
    assert "人均纯收入 5,200 元" in gridapp("monitor").stdout

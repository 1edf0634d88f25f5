"""Another workstation (a separate process) saves on the same PostgreSQL database: its household shows in this
program's open household list within 2 seconds, through the change bus every page already listens to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from uuid import uuid4

import pytest
from ui_helpers import context_for

from gridapp.dto import Actor
from gridapp.workspace import Workspace
from ui.main_window import MainWindow

SCRIPT = Path(__file__).resolve().parents[1] / "workstation.py"


@pytest.fixture(params=["postgresql", "sqlite"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """PostgreSQL (LISTEN/NOTIFY) and two programs on one SQLite file (polling)."""
    if request.param == "sqlite":
        return str(tmp_path / "shared.sqlite3")
    return request.getfixturevalue("pg_cluster").create_database(f"ui_{uuid4().hex[:8]}")


def test_a_household_saved_by_another_workstation_appears_in_the_open_list(url, qtbot, tmp_path) -> None:
    ws = Workspace.open(url)
    ws.init_office("测试村村民委员会", "411423")
    grid = ws.grid.create(Actor("管理员"), None, "幸福村").id
    ctx = context_for(ws, tmp_path)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_page("households")
    page = window.households_page
    assert page.model.rowCount() == 0 and window.live_changes.feed.listening == url.startswith("postgresql")

    ready, go = tmp_path / "ready", tmp_path / "go"
    other = subprocess.Popen([sys.executable, str(SCRIPT), str(ready), str(go), url, "household", grid, "7"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(SCRIPT.parent)})
    qtbot.waitUntil(ready.exists, timeout=60_000)
    heard: list[float] = []
    ctx.bus.changed.connect(lambda _changes: heard.append(time.time()))
    go.write_text("go", encoding="utf-8")
    qtbot.waitUntil(lambda: other.poll() is not None, timeout=60_000)  # the window stays live meanwhile
    out, err = other.communicate(timeout=60)
    assert other.returncode == 0, err
    saved = json.loads(out)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    print(f"\n{url.split(':')[0]}: another workstation's household announced on the bus "
          f"{1000 * (heard[0] - saved['at']):.0f} ms after its commit")
    assert page.model.household_id(0) == saved["id"]
    window.close()
    ws.close()

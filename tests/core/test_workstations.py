"""Several workstations (separate processes) on one database at once: case numbers stay unique, and a save
over a household another workstation saved meanwhile is refused with nothing overwritten."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from uuid import uuid4

import pytest
from factories import family

from gridapp.dto import Actor, AttachmentInput, VisitInput
from gridapp.errors import Conflict
from gridapp.workspace import Workspace

SCRIPT = Path(__file__).resolve().parents[1] / "workstation.py"
TESTS = str(SCRIPT.parent)


def together(tmp_path: Path, url: str, *jobs: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Start one process per job, let them all begin at the same moment; how each ended."""
    go = tmp_path / f"go-{uuid4().hex[:6]}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([TESTS, os.environ.get("PYTHONPATH", "")])}
    procs, ready = [], []
    for i, job in enumerate(jobs):
        ready.append(tmp_path / f"ready-{go.name}-{i}")
        procs.append(subprocess.Popen([sys.executable, str(SCRIPT), str(ready[-1]), str(go), url, *job],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
    deadline = time.monotonic() + 120
    while not all(r.exists() for r in ready) and time.monotonic() < deadline:
        time.sleep(0.05)
    go.write_text("go", encoding="utf-8")
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def printed(done: subprocess.CompletedProcess[str]):
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "shared.sqlite3")
    return request.getfixturevalue("pg_cluster").create_database(f"w_{uuid4().hex[:8]}")


def prepared(url: str) -> tuple[Workspace, str]:
    ws = Workspace.open(url)
    ws.init_office("测试村村民委员会", "411423")
    village = ws.grid.create(Actor("管理员"), None, "幸福村", code="411423101001").id
    return ws, ws.grid.create(Actor("管理员"), village, "第一网格", code="41142310100101").id


def test_two_workstations_registering_200_cases_each_at_once_get_400_distinct_numbers(url, tmp_path) -> None:
    ws, grid = prepared(url)
    first, second = together(tmp_path, url, ["cases", grid, "200"], ["cases", grid, "200"])
    numbers = printed(first) + printed(second)
    assert len(numbers) == 400 and len(set(numbers)) == 400
    assert len(ws.query.case_ids()) == 400
    ws.close()


def test_two_workstations_save_the_same_household_the_later_one_is_refused(url, tmp_path) -> None:
    ws, grid = prepared(url)
    hid = ws.households.create(Actor("管理员"), family(grid)).id
    read = ws.query.household(hid).version  # both workstations opened the household page at this version
    saved = printed(together(tmp_path, url, ["phone", hid, "13811112222", read])[0])
    [late] = together(tmp_path, url, ["phone", hid, "13933334444", read])
    assert late.returncode != 0 and Conflict.__name__ in late.stderr
    assert "此户已被 张三 于 " in late.stderr
    stored = ws.query.household(hid)
    assert stored.phone == "13811112222" and stored.version == saved
    ws.close()


def test_a_photo_attached_at_one_workstation_opens_at_another(url, tmp_path, monkeypatch) -> None:
    """Workstations share the database, not a folder: each has its own data folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "first"))
    first, grid = prepared(url)
    home = first.households.create(Actor("管理员"), family(grid)).id
    photo = bytes(range(256)) * 10
    first.visits.record(Actor("管理员"), VisitInput(target_kind="household", target_id=home,
                                                  visited_on=first.today(), content="入户走访",
                                                  attachments=[AttachmentInput("门牌.jpg", data=photo)]))
    first.close()

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "second"))
    second = Workspace.open(url)
    [visit_id] = second.query.visit_ids()
    [attachment] = second.query.visit(visit_id).attachments
    assert Path(attachment.path).read_bytes() == photo
    second.close()

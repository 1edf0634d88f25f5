"""``python tests/workstation.py READY GO URL JOB ARGS…``: a second workstation in a process of its own. It opens
the database, writes READY, waits until the file GO exists (so several start their work at the same moment),
does JOB and prints its result as JSON.

Jobs: ``cases GRID_ID COUNT`` registers COUNT cases and prints their numbers; ``household GRID_ID NUMBER``
registers a household and prints its id and commit time; ``phone HOUSEHOLD_ID PHONE
[VERSION]`` saves the household page with a new phone over VERSION (default: the version it reads now).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from factories import as_input, family, valid_id

from gridapp.dto import Actor, CaseInput
from gridapp.workspace import Workspace

ZHANG = Actor("张三")


def cases(ws: Workspace, grid_id: str, count: str) -> list[str]:
    ids = [ws.cases.register(ZHANG, CaseInput(grid_id=grid_id, title=f"第{i}件", category="城市管理")).id
           for i in range(int(count))]
    return [ws.query.case(i).row.number for i in ids]


def household(ws: Workspace, grid_id: str, number: str) -> dict:
    """The new household's id and when it was committed (epoch seconds), to measure how soon others see it."""
    new = ws.households.create(ZHANG, family(grid_id, number, head_id=valid_id(f"1101051949123{int(number):04d}")))
    return {"id": new.id, "at": time.time()}


def phone(ws: Workspace, household_id: str, number: str, version: str | None = None) -> str:
    view = ws.query.household(household_id)
    ws.households.update(ZHANG, household_id, as_input(view, phone=number, version=version or view.version))
    return ws.query.household(household_id).version


JOBS = {"cases": cases, "household": household, "phone": phone}

if __name__ == "__main__":
    ready, go, url, job, *args = sys.argv[1:]
    workspace = Workspace.open(url)
    Path(ready).write_text("ready", encoding="utf-8")
    while not Path(go).exists():
        time.sleep(0.01)
    print(json.dumps(JOBS[job](workspace, *args), ensure_ascii=False))
    workspace.close()

"""One writer at a time: a write waits for the running one instead of meeting SQLite's lock; caches that take
the write counter before they query never keep stale counts."""

from __future__ import annotations

import threading

import pytest
from factories import Tree, family, valid_id
from sqlalchemy import text

from gridapp.dto import SYSTEM
from gridapp.queries.grid import GridQueries
from gridapp.workspace import Workspace


def test_a_save_during_a_long_write_waits_for_it_and_is_stored(ws: Workspace, tree: Tree, monkeypatch) -> None:
    monkeypatch.setattr("gridapp.db.BUSY_TIMEOUT_MS", 50)  # SQLite's own wait would give up at once
    holding, release = threading.Event(), threading.Event()

    def long_import() -> None:
        with ws.write(SYSTEM, "正在导入花名册") as tx:
            tx.session.execute(text("UPDATE grid_nodes SET notes = notes"))  # holds SQLite's write lock
            holding.set()
            release.wait(10)

    importer = threading.Thread(target=long_import)
    importer.start()
    holding.wait(10)
    assert ws.gate.activity == "正在导入花名册"
    saved: list[str] = []
    saver = threading.Thread(target=lambda: saved.append(ws.households.create(SYSTEM, family(tree.grid1)).id))
    saver.start()
    saver.join(0.3)
    assert saver.is_alive() and not saved  # waiting for its turn, not failing
    release.set()
    importer.join(10)
    saver.join(10)
    assert saved and ws.query.household(saved[0]).number == "001"
    assert ws.gate.activity == ""


def test_a_write_inside_a_write_of_the_same_thread_is_a_programming_error(ws: Workspace) -> None:
    with ws.write(SYSTEM), pytest.raises(RuntimeError, match="wait for itself"), ws.write(SYSTEM):
        pass


def test_counts_read_while_a_write_commits_are_not_kept_as_current(ws: Workspace, tree: Tree,
                                                                   monkeypatch) -> None:
    ws.households.create(SYSTEM, family(tree.grid1))
    original = GridQueries._count_rows
    written = []

    def count_then_commit(s):
        rows = original(s)
        if not written:  # another window saves a household while this count is being read
            written.append(ws.households.create(SYSTEM, family(tree.grid1, "002", valid_id("11010519500101001"))))
        return rows

    monkeypatch.setattr(GridQueries, "_count_rows", staticmethod(count_then_commit))
    [grid1] = [r for r in ws.query.grid_children(tree.village) if r.id == tree.grid1]
    assert grid1.household_count == 1  # what the query saw
    [grid1] = [r for r in ws.query.grid_children(tree.village) if r.id == tree.grid1]
    assert grid1.household_count == 2  # and the next read is not served the stale cache

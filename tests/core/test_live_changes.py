"""Another workstation's committed changes reach this program's change feed: NOTIFY on PostgreSQL, polling on
SQLite; this program's own writes are not reported back to it (on PostgreSQL)."""

from __future__ import annotations

import time
from pathlib import Path
from uuid import uuid4

import pytest
from factories import family, valid_id

from gridapp import live
from gridapp.changes import Changes, Table
from gridapp.dto import Actor
from gridapp.workspace import Workspace

ZHANG = Actor("张三")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "shared.sqlite3")
    return request.getfixturevalue("pg_cluster").create_database(f"l_{uuid4().hex[:8]}")


def wait_for(feed: live.ChangeFeed, seconds: float = 10.0) -> Changes:
    """Poll as the UI does until something arrives (a generous bound: this is not a speed test)."""
    found = Changes()
    deadline = time.monotonic() + seconds
    while not found and time.monotonic() < deadline:
        found = feed.poll()
        time.sleep(0.05)
    return found


def test_a_household_saved_elsewhere_arrives_with_its_tables(url: str) -> None:
    here = Workspace.open(url)
    here.init_office("测试村村民委员会", "411423")
    grid = here.grid.create(ZHANG, None, "幸福村").id
    there = Workspace.open(url)
    feed = here.change_feed()
    try:
        assert feed.listening == url.startswith("postgresql")
        assert not feed.poll()
        generation = here.generation
        hid = there.households.create(ZHANG, family(grid)).id
        arrived = wait_for(feed)
        assert arrived.touches(Table.HOUSEHOLDS, Table.PERSONS)
        assert here.generation > generation  # this program's read caches know they are stale
        assert hid in arrived.ids or not feed.listening  # polling learns the tables only
        here.households.create(ZHANG, family(grid, "002", head_id=valid_id("11010519491231003")))
        time.sleep(0.5)
        assert not feed.poll()  # our own write: the page that saved it has refreshed already
    finally:
        feed.close()
        here.close()
        there.close()


def test_the_notice_names_the_writer_and_leaves_ids_out_of_a_big_change() -> None:
    small = Changes(frozenset({Table.HOUSEHOLDS}), frozenset({"a", "b"}))
    assert live.parse(live.payload(small, "w1")) == ("w1", small)
    big = Changes(frozenset({Table.PERSONS}), frozenset(str(i) for i in range(live.MAX_IDS + 1)))
    writer, changes = live.parse(live.payload(big, "w2"))
    assert (writer, changes.tables, changes.ids) == ("w2", big.tables, frozenset())
    assert len(live.payload(big, "w2")) < 8000

"""The database server restarts (or the cable is pulled) while people work: a Chinese message instead of a
traceback, writes tried again until the server is back, nothing half-written, and the program carries on."""

from __future__ import annotations

import threading
import time
from uuid import uuid4

import pytest
from factories import as_input, family

from gridapp.changes import Table
from gridapp.dto import Actor
from gridapp.errors import ConnectionLost
from gridapp.retry import retried
from gridapp.workspace import Workspace

ZHANG = Actor("张三")


@pytest.fixture
def ws(pg_cluster):
    workspace = Workspace.open(pg_cluster.create_database(f"c_{uuid4().hex[:8]}"))
    workspace.init_office("测试村村民委员会", "411423")
    yield workspace
    workspace.close()


def test_a_save_while_the_server_is_down_is_refused_in_chinese_and_retried_until_it_is_back(ws, pg_cluster) -> None:
    grid = ws.grid.create(ZHANG, None, "幸福村").id
    hid = ws.households.create(ZHANG, family(grid)).id
    view = ws.query.household(hid)
    feed = ws.change_feed()
    pg_cluster.stop_server()
    try:
        with pytest.raises(ConnectionLost) as lost:
            ws.households.update(ZHANG, hid, as_input(view, phone="13811112222"))
        assert str(lost.value).startswith("与数据库服务器的连接断开了")
        assert "正在重试" in str(lost.value)
        assert not feed.poll() and not feed.poll()  # the feed waits quietly for the server
        back = threading.Timer(1.0, pg_cluster.start_server)
        back.start()
        attempts: list[float] = []

        def save():
            attempts.append(time.monotonic())
            return ws.households.update(ZHANG, hid, as_input(view, phone="13811112222"))

        retried(save)
        back.join()
    finally:
        if not pg_cluster_running(pg_cluster):
            pg_cluster.start_server()
    assert len(attempts) > 1
    assert ws.query.household(hid).phone == "13811112222"
    ws.households.update(ZHANG, hid, as_input(ws.query.household(hid), notes="服务器重启之后"))  # pool renewed
    missed = feed.poll() or feed.poll()  # listens again; what it may have missed is everything
    assert missed.touches(Table.HOUSEHOLDS)
    feed.close()


def pg_cluster_running(cluster) -> bool:
    return (cluster.data / "postmaster.pid").exists()

"""A household form saving while the database server is away: the form says the connection is lost and that it
retries, the save goes through once the server is back, and when it stays away everything typed is kept."""

from __future__ import annotations

import threading
from uuid import uuid4

import pytest
from factories import family
from test_household_form import show
from ui_helpers import context_for, type_text

from gridapp import retry
from gridapp.dto import Actor
from gridapp.workspace import Workspace
from ui import messages
from ui.forms.household_form import HouseholdForm


@pytest.fixture(autouse=True)
def never_block_on_close(monkeypatch) -> None:
    monkeypatch.setattr(messages, "ask_save", lambda _parent, _text: "discard")


@pytest.fixture
def form(pg_cluster, qtbot, tmp_path):
    ws = Workspace.open(pg_cluster.create_database(f"f_{uuid4().hex[:8]}"))
    ws.init_office("测试村村民委员会", "411423")
    grid = ws.grid.create(Actor("管理员"), None, "幸福村").id
    ctx = context_for(ws, tmp_path)
    shown = show(qtbot, HouseholdForm(ctx, ws.households.create(ctx.actor, family(grid)).id))
    shown.phone.clear()
    type_text(qtbot, shown.phone, "13811112222")
    yield shown
    if not (pg_cluster.data / "postmaster.pid").exists():
        pg_cluster.start_server()
    ws.close()


def test_the_save_waits_for_the_server_to_come_back(form, pg_cluster) -> None:
    said: list[str] = []
    form.ctx.bus.activity_changed.connect(said.append)
    pg_cluster.stop_server()
    back = threading.Timer(1.0, pg_cluster.start_server)
    back.start()
    form.save()
    back.join()
    assert any(text.startswith("与数据库服务器的连接断开了") and "正在重试" in text for text in said)
    assert said[-1] == ""
    assert form.ctx.ws.query.household(form.household_id).phone == "13811112222"
    assert not form.is_dirty()


def test_when_the_server_stays_away_the_typed_values_stay(form, pg_cluster, monkeypatch) -> None:
    monkeypatch.setattr(retry, "DELAYS", (0.1, 0.2))
    pg_cluster.stop_server()
    form.save()
    assert "与数据库服务器的连接断开了" in form.banner.text()
    assert form.phone.text() == "13811112222" and form.is_dirty() and form.isVisible()

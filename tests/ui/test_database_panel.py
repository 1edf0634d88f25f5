"""设置 → 数据库 driven through its widgets against a real PostgreSQL server: 测试连接 answers off the UI thread,
保存 keeps the password sealed (never in the settings file in clear), the next start opens the server, and
--db / GRIDAPP_DB still win."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.engine import make_url

from gridapp.server.setup import init_server
from ui.pages.database_panel import DatabasePanel, saved_server, startup_location


@pytest.fixture
def server(pg_cluster, demo_village_file):
    name = f"x_{uuid4().hex[:8]}"
    url = pg_cluster.create_database(name)
    init_server(url, password="geheim123", source=demo_village_file)
    yield make_url(url)
    pg_cluster.drop_database(name)


@pytest.fixture
def panel(threaded_ctx, qtbot) -> DatabasePanel:
    widget = DatabasePanel(threaded_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill(panel: DatabasePanel, server, password: str = "zugang-42") -> None:
    panel.server_choice.setChecked(True)
    panel.host.setText(server.host)
    panel.port.setValue(server.port)
    panel.database.setText(server.database)
    panel.user.setText(server.username)
    panel.password.setText(password)
    panel.tls.setChecked(False)  # the test cluster has no certificate


def test_test_connection_save_and_the_next_start_opens_the_server(panel, server, threaded_ctx, qtbot, monkeypatch):
    monkeypatch.delenv("GRIDAPP_DB", raising=False)
    assert panel.current.text().endswith(".sqlite3") and panel.file_choice.isChecked()
    fill(panel, server)

    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "连接成功" in panel.status.text(), timeout=10000)
    assert "PostgreSQL 15" in panel.status.text() and "300户" in panel.status.text()

    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    settings = threaded_ctx.settings
    stored = Path(settings.fileName()).read_text(encoding="utf-8")
    assert "zugang-42" not in stored and "server" in stored
    assert saved_server(settings).password == "zugang-42"
    location = startup_location(None, settings)
    assert make_url(location).database == server.database and make_url(location).password == "zugang-42"
    assert startup_location("/tmp/other.sqlite3", settings) == "/tmp/other.sqlite3"  # --db wins
    monkeypatch.setenv("GRIDAPP_DB", "/tmp/env.sqlite3")
    assert startup_location(None, settings) is None  # GRIDAPP_DB wins (Workspace.open reads it)

    reopened: list[bool] = []
    panel.reopen_requested.connect(lambda: reopened.append(True))
    qtbot.mouseClick(panel.reopen_button, Qt.MouseButton.LeftButton)
    assert reopened


def test_a_wrong_database_name_is_explained_and_the_file_can_be_chosen_again(panel, server, threaded_ctx, qtbot,
                                                                            monkeypatch):
    monkeypatch.delenv("GRIDAPP_DB", raising=False)
    fill(panel, server)
    panel.database.setText("no_such_db")

    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "没有名为“no_such_db”的数据库" in panel.status.text(), timeout=10000)

    panel.file_choice.setChecked(True)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert saved_server(threaded_ctx.settings) is None
    assert startup_location(None, threaded_ctx.settings) is None  # the default embedded file


def test_only_administrators_change_the_database(threaded_ctx, qtbot):
    from gridapp.dto import Actor

    viewer = threaded_ctx.signed_in(Actor("查询员", "u1", "查询"), "viewer")
    widget = DatabasePanel(viewer)
    qtbot.addWidget(widget)

    assert not widget.isEnabled()

"""Migrations 0009 (the plan map) and 0010 (monitoring) on a database that already holds households and persons
(SQLite's foreign keys on)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

import gridapp.db
from gridapp.hlc import encode
from gridapp.workspace import Workspace

FILL = {"INTEGER": 0, "BOOLEAN": 0, "DATETIME": "2026-01-01 00:00:00.000000", "DATE": "2026-01-01", "JSON": "{}"}


def insert(conn, table: str, **values) -> None:
    """A row with ``values`` and a plain value in every other column that needs one."""
    columns = conn.execute(text(f"PRAGMA table_info({table})")).all()
    row = {c.name: FILL.get(c.type, "x") for c in columns if c.notnull and c.dflt_value is None}
    row |= {"hlc": encode(1, 0)} | values
    conn.execute(text(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"), row)


@pytest.mark.sqlite_only("an old database file filled by hand")
def test_0009_and_0010_upgrade_a_filled_database_and_keeps_typed_colours_as_manual(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = gridapp.db.make_engine(f"sqlite:///{path}")
    cfg = gridapp.db._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0008")
        insert(conn, "grid_nodes", id="g1", name="第一网格", path="g1", level=4, parent_id=None)
        for hid, colour, reason in (("h1", "红", "户主重病"), ("h2", "绿", "")):
            insert(conn, "households", id=hid, grid_id="g1", number=hid, colour=colour, colour_reason=reason)
            insert(conn, "persons", id=f"p{hid}", household_id=hid, name="张三", relation="户主")
    engine.dispose()
    ws = Workspace.open(path)
    rows = dict((r[0], r[1:]) for r in ws.engine.connect().execute(text(
        "SELECT households.id, colour_override, colour_override_reason, colour_computed, schooling FROM households "
        "JOIN persons ON persons.household_id = households.id")))
    ws.close()
    assert rows == {"h1": ("红", "户主重病", "绿", ""), "h2": ("", "", "绿", "")}

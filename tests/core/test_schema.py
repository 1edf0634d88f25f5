"""The database schema: migrations match the models, start-up migrates and backs up, stamping and audit."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import backends
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Index, MetaData, select, text

import gridapp.db
from gridapp.backup import list_backups
from gridapp.db import HardDeleteError
from gridapp.dto import SYSTEM, Actor
from gridapp.errors import StorageError
from gridapp.hlc import HybridClock, decode
from gridapp.models import AuditEntry, Base, GridNode
from gridapp.workspace import Workspace


def expected_schema(dialect: str) -> MetaData:
    """The models' schema; on PostgreSQL with every foreign key checked at commit (migration 0006) and the
    character indexes for substring search (migration 0007)."""
    if dialect != "postgresql":
        return Base.metadata
    schema = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        for key in table.to_metadata(schema).foreign_key_constraints:
            key.deferrable, key.initially = True, "DEFERRED"
    for name, table, column in (("ix_persons_name_chars", "persons", "name"),
                                ("ix_households_address_chars", "households", "address")):
        Index(name, text(f"string_to_array({column}, NULL)"), _table=schema.tables[table],
              postgresql_using="gin", postgresql_where=text("NOT deleted"))
    return schema


def test_migrations_produce_exactly_the_models_schema(ws: Workspace) -> None:
    with ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                expected_schema(ws.engine.dialect.name))
    assert diff == []


@pytest.mark.sqlite_only("the SQLite connection's PRAGMAs")
def test_sqlite_runs_with_wal_and_foreign_keys(ws: Workspace) -> None:
    with ws.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_a_database_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    location = backends.database_at(tmp_path / "newer.sqlite3")
    ws = Workspace.open(location)
    backends.execute(ws, "UPDATE alembic_version SET version_num = '9999'")
    ws.close()
    with pytest.raises(StorageError, match="更新版本"):
        Workspace.open(location)
    assert backends.execute(ws, "SELECT version_num FROM alembic_version") == [("9999",)]
    assert not isinstance(location, Path) or list_backups(location) == []


@pytest.mark.sqlite_only("the file copy before an upgrade")
def test_upgrade_takes_a_backup_before_touching_the_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.sqlite3"
    ws = Workspace.open(path)
    ws.init_office("旧村")
    ws.close()
    head = ScriptDirectory.from_config(gridapp.db._alembic_config()).get_current_head()
    scripts = tmp_path / "migrations"
    shutil.copytree(gridapp.db.MIGRATIONS_DIR, scripts)
    (scripts / "versions" / "9001_next.py").write_text(NEXT_REVISION.replace("HEAD", head), encoding="utf-8")
    monkeypatch.setattr(gridapp.db, "MIGRATIONS_DIR", scripts)
    Workspace.open(path).close()
    [backup] = list_backups(path)
    with sqlite3.connect(backup) as old, sqlite3.connect(path) as new:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
        assert new.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9001"
        assert old.execute("SELECT name FROM offices").fetchone()[0] == "旧村"


NEXT_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "HEAD"


def upgrade():
    op.create_table("marker", sa.Column("x", sa.Integer, primary_key=True))
"""


@pytest.mark.sqlite_only("a new database file")
def test_first_open_creates_the_file_and_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.sqlite3"
    ws = Workspace.open(path)
    ws.close()
    assert path.exists()
    assert list_backups(path) == []


def test_every_write_is_stamped_and_audited(ws: Workspace) -> None:
    actor = Actor("王网格员")
    first = ws.grid.create(actor, None, "宁陵县").id
    second = ws.grid.create(actor, None, "睢县").id
    ws.grid.rename(actor, first, "宁陵县（新）")
    with ws.read() as s:
        a, b = s.get(GridNode, first), s.get(GridNode, second)
        assert a.office_id == ws.office.id
        assert decode(a.hlc) > decode(b.hlc)  # the rename came last
        entries = s.scalars(select(AuditEntry).where(AuditEntry.record_id == first).order_by(AuditEntry.id)).all()
    assert [(e.action, e.user_name) for e in entries] == [("create", "王网格员"), ("update", "王网格员")]
    assert "name" in entries[1].detail["fields"]


def test_hard_delete_of_a_synced_record_is_refused(ws: Workspace) -> None:
    node = ws.grid.create(SYSTEM, None, "宁陵县").id
    with pytest.raises(HardDeleteError), ws.write(SYSTEM) as tx:
        tx.session.delete(tx.session.get(GridNode, node))
    assert ws.query.grid_node(node).name == "宁陵县"


def test_a_failed_use_case_leaves_nothing_behind(ws: Workspace) -> None:
    with pytest.raises(RuntimeError), ws.write(SYSTEM) as tx:
        tx.session.add(GridNode(name="半截", level=1, path="/x/"))
        tx.session.flush()
        raise RuntimeError("boom")
    assert ws.query.grid_children(None) == []


@pytest.mark.sqlite_only("a file locked by another program")
def test_locked_database_gives_a_chinese_message(ws: Workspace, monkeypatch) -> None:
    monkeypatch.setattr(gridapp.db, "BUSY_TIMEOUT_MS", 50)
    ws.engine.dispose()  # new connections pick up the short timeout
    blocker = sqlite3.connect(ws.db_file)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="锁定"):
            ws.grid.create(SYSTEM, None, "宁陵县")
    finally:
        blocker.rollback()
        blocker.close()
    assert ws.query.grid_children(None) == []


def test_hybrid_clock_never_goes_backwards_and_follows_remote_clocks() -> None:
    wall = iter([1000, 900, 900, 2000])
    clock = HybridClock(wall_ms=lambda: next(wall))
    a, b, c = clock.now(), clock.now(), clock.now()
    assert a < b < c
    clock.observe("000000000005000-000007")
    assert clock.now() > "000000000005000-000007"

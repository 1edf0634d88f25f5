"""A reporting replica (``--report-db`` / GRIDAPP_REPORT_DB): ledgers and statistics read from it, writes never go
there, and an unreachable replica leaves the reads on the main database with a note."""

from __future__ import annotations

from uuid import uuid4

import pytest
from cli_helpers import gridapp
from sqlalchemy import text

from gridapp.ledgers import build_ledger
from gridapp.server.setup import init_server
from gridapp.workspace import Workspace


@pytest.fixture
def main_and_replica(pg_cluster, demo_village_file):
    """Two server databases holding the same village; the 'replica' then differs in one household's address."""
    names = [f"x_{uuid4().hex[:8]}" for _ in range(2)]
    urls = [pg_cluster.create_database(n) for n in names]
    for url in urls:
        init_server(url, password="geheim123", source=demo_village_file)
    with Workspace.open(urls[1]).engine.begin() as conn:
        conn.execute(text("UPDATE households SET address = '副本里的地址' WHERE deleted = false"))
        conn.execute(text("UPDATE persons SET deleted = true WHERE residence_kind = '流动人口'"))
    yield urls
    for n in names:
        pg_cluster.drop_database(n)


def _rows_text(data) -> str:
    return " ".join(cell for section in data.each_section() for row in section.rows for cell in row)


def test_ledgers_and_statistics_read_from_the_replica_and_audit_on_the_main(main_and_replica):
    main_url, replica_url = main_and_replica
    ws = Workspace.open(main_url, replica_url)
    try:
        actor = ws.users.login("admin", "geheim123")
        user = ws.as_user(actor)
        root = user.query.grid_children(None)[0].id

        ledger = build_ledger(user, "population", root, output="pdf")
        stats = user.query.stats()

        assert "副本里的地址" in _rows_text(ledger)
        assert user.report_note == ""
        with ws.engine.connect() as main, Workspace.open(replica_url).engine.connect() as replica:
            count = "SELECT count(*) FROM audit_log WHERE action = 'ledger'"
            assert main.execute(text(count)).scalar() == 1
            assert replica.execute(text(count)).scalar() == 0
        plain = Workspace.open(main_url)
        try:
            assert "副本里的地址" not in _rows_text(build_ledger(plain, "population", root))
            assert stats != plain.query.stats()  # the replica has no floating population left
        finally:
            plain.close()
    finally:
        ws.close()


def test_an_unreachable_replica_falls_back_to_the_main_database_with_a_note(main_and_replica, tmp_path):
    main_url, _replica = main_and_replica
    (tmp_path / "pw.txt").write_text("geheim123", encoding="utf-8")
    gone = "postgresql+psycopg://gridapp@127.0.0.1:1/replica"

    result = gridapp("--db", main_url, "--report-db", gone, "--user", "admin", "--password-file",
                     str(tmp_path / "pw.txt"), "stats", "--json")

    assert result.returncode == 0, result.stderr
    assert "报表数据库（只读副本）现在连不上，台账和统计改从主数据库读取" in result.stderr
    assert '"households": 300' in result.stdout

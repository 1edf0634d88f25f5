"""``gridapp server init``: the schema and first administrator on an empty PostgreSQL database, an embedded
database carried over whole (counts and digest equal), and plain refusals for a database that is not empty or
cannot be reached."""

from __future__ import annotations

import shutil
from pathlib import Path
from uuid import uuid4

import pytest
from cli_helpers import gridapp
from sqlalchemy import create_engine, inspect
from sqlalchemy.exc import OperationalError

from gridapp.connection import ServerUnreachable, explain
from gridapp.errors import RuleViolation
from gridapp.server import transfer
from gridapp.server.setup import NotEmpty, WrongCollation, init_server
from gridapp.workspace import Workspace


@pytest.fixture
def server_url(pg_cluster):
    name = f"x_{uuid4().hex[:8]}"
    yield pg_cluster.create_database(name)
    pg_cluster.drop_database(name)


def test_a_village_moves_to_the_server_with_every_row(demo_village_file, server_url, tmp_path):
    file = shutil.copy(demo_village_file, tmp_path / "village.sqlite3")
    village = Workspace.open(file)
    with village.engine.connect() as conn:
        counts, digest = transfer.row_counts(conn), transfer.digest(conn)
    village.close()
    password = tmp_path / "pw.txt"
    password.write_text("geheim123\n", encoding="utf-8")

    result = gridapp("server", "init", server_url, "--from", str(file), "--password-file", str(password))

    assert result.returncode == 0, result.stderr
    assert "行数和内容校验一致" in result.stdout
    server = Workspace.open(server_url)
    try:
        with server.engine.connect() as conn:
            assert transfer.row_counts(conn) == counts | {"audit_log": counts["audit_log"] + 1}
            assert transfer.digest(conn) != digest  # only by the administrator's password and its audit entry
        actor = server.users.login("admin", "geheim123")
        hits = server.as_user(actor).search("zs")  # the copy is usable: a pinyin-initials search finds people
        assert hits and all(hit.household_id for hit in hits)
    finally:
        server.close()


def test_the_copy_checks_counts_and_digest_before_it_commits(demo_village_file, server_url):
    done = init_server(server_url, password="geheim123", source=demo_village_file)

    src = Workspace.open(demo_village_file)
    try:
        with src.engine.connect() as conn:
            assert done.counts == transfer.row_counts(conn)
            assert done.digest == transfer.digest(conn)
    finally:
        src.close()
    assert done.copied_rows == sum(done.counts.values())


def test_an_empty_server_gets_its_schema_and_a_named_administrator(server_url):
    done = init_server(server_url, admin="zhangsan", password="geheim123")

    ws = Workspace.open(server_url)
    try:
        assert done.admin == "zhangsan"
        actor = ws.users.login("zhangsan", "geheim123")
        assert actor.role == "管理员"
        office = ws.as_user(actor).setup.create(actor, "411423", "宁陵县网格化服务管理中心")
        assert office.id
    finally:
        ws.close()


def test_a_server_database_holding_data_is_refused_untouched(demo_village_file, server_url):
    init_server(server_url, password="geheim123", source=demo_village_file)
    ws = Workspace.open(server_url)
    with ws.engine.connect() as conn:
        before = transfer.digest(conn)
    ws.close()

    with pytest.raises(NotEmpty, match="不是空的"):
        init_server(server_url, password="geheim123", source=demo_village_file)

    ws = Workspace.open(server_url)
    with ws.engine.connect() as conn:
        assert transfer.digest(conn) == before
    ws.close()


def test_a_database_sorting_by_language_rules_is_refused(pg_cluster):
    name = f"zh_{uuid4().hex[:6]}"
    pg_cluster.execute(f"CREATE DATABASE {name} LOCALE_PROVIDER icu ICU_LOCALE 'zh' LOCALE 'C' TEMPLATE template0")
    try:
        with pytest.raises(WrongCollation, match="LOCALE 'C'"):
            init_server(pg_cluster.url(name), password="geheim123")
        engine = create_engine(pg_cluster.url(name))
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []  # nothing was created there
        engine.dispose()
    finally:
        pg_cluster.drop_database(name)


def test_unreachable_servers_and_missing_databases_are_explained(pg_cluster, tmp_path):
    missing = pg_cluster.url(f"missing_{uuid4().hex[:6]}")
    result = gridapp("server", "check", missing)
    assert result.returncode == 2
    assert "没有名为" in result.stderr and "数据库" in result.stderr

    closed = "postgresql+psycopg://gridapp@127.0.0.1:1/gridapp"
    (tmp_path / "pw.txt").write_text("geheim123", encoding="utf-8")
    result = gridapp("server", "init", closed, "--password-file", str(tmp_path / "pw.txt"))
    assert result.returncode == 2 and "连不上服务器 127.0.0.1:1" in result.stderr

    result = gridapp("server", "check", "sqlite:///" + str(tmp_path / "a.sqlite3"))
    assert result.returncode == 2 and "不是 PostgreSQL 服务器的地址" in result.stderr


def test_every_command_explains_a_server_it_cannot_use(pg_cluster):
    missing = pg_cluster.url(f"missing_{uuid4().hex[:6]}")
    result = gridapp("--db", missing, "search", "王")
    assert result.returncode == 2 and "没有名为" in result.stderr
    with pytest.raises(ServerUnreachable, match=r"连不上服务器 127\.0\.0\.1:1"):
        Workspace.open("postgresql+psycopg://gridapp@127.0.0.1:1/gridapp")


def test_a_wrong_password_names_the_user_and_what_to_check():
    error = OperationalError("connect", {}, Exception(
        'connection failed: FATAL:  password authentication failed for user "gridapp"'))

    message = str(explain(error, "postgresql+psycopg://gridapp:bad@10.0.0.5:5432/gridapp"))

    assert isinstance(explain(error, "postgresql+psycopg://gridapp@h/d"), ServerUnreachable)
    assert "用户“gridapp”的密码不对" in message and "bad" not in message.split("（")[0]


def test_server_check_tells_version_revision_and_counts(demo_village_file, server_url):
    init_server(server_url, password="geheim123", source=demo_village_file)

    result = gridapp("server", "check", server_url, "--json")

    assert result.returncode == 0, result.stderr
    assert '"revision": null' not in result.stdout and '"version": "15' in result.stdout
    assert '"households": 300' in result.stdout


def test_a_missing_source_file_is_refused_before_the_server_is_touched(server_url, tmp_path: Path):
    with pytest.raises(RuleViolation, match="找不到要搬到服务器上的数据库文件"):
        init_server(server_url, password="geheim123", source=tmp_path / "nope.sqlite3")

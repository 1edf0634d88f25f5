"""``gridapp backup`` on a server database: pg_dump archives named, kept and listed like file backups, restored
with pg_restore into the same database; the password never on a command line; missing tools named."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import pytest
from cli_helpers import gridapp
from sqlalchemy import text

from gridapp import backup, paths, pgtools
from gridapp.server.setup import init_server
from gridapp.workspace import Workspace


@pytest.fixture
def server(pg_cluster, demo_village_file, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    name = f"x_{uuid4().hex[:8]}"
    url = pg_cluster.create_database(name)
    init_server(url, password="geheim123", source=demo_village_file)
    (tmp_path / "pw.txt").write_text("geheim123", encoding="utf-8")
    yield url
    pg_cluster.drop_database(name)


def _login(tmp_path: Path) -> tuple[str, ...]:
    return ("--user", "admin", "--password-file", str(tmp_path / "pw.txt"))


def _addresses(url: str, change: bool = False) -> list[str]:
    ws = Workspace.open(url)
    try:
        with ws.engine.begin() as conn:
            if change:
                conn.execute(text("UPDATE households SET address = '改过的地址'"))
            return sorted(conn.execute(text("SELECT address FROM households")).scalars())
    finally:
        ws.close()


def test_backup_change_restore_brings_the_data_back(server, tmp_path):
    before = _addresses(server)

    made = gridapp("--db", server, *_login(tmp_path), "backup")
    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.strip())
    assert dump.parent == tmp_path / "data" / "backups" and dump.suffix == ".dump"
    assert backup.parse_name(dump).reason == "manual" and not backup.problem_of(dump)

    assert _addresses(server, change=True) != before

    refused = gridapp("--db", server, *_login(tmp_path), "backup", "restore", str(dump))
    assert refused.returncode == 2 and "确认请加 --yes" in refused.stderr
    done = gridapp("--db", server, *_login(tmp_path), "backup", "restore", str(dump), "--yes")

    assert done.returncode == 0, done.stderr
    assert _addresses(server) == before
    listed = gridapp("--db", server, *_login(tmp_path), "backup", "list", "--json")
    assert "before-restore" in listed.stdout and "manual" in listed.stdout


def test_the_password_goes_through_the_environment_not_the_command_line(monkeypatch, tmp_path):
    seen = {}

    def fake_run(cmd, env, **_kw):
        seen["cmd"], seen["env"] = cmd, env
        Path(cmd[cmd.index("-f") + 1]).write_bytes(b"PGDMP fake")
        return type("Done", (), {"returncode": 0, "stderr": ""})()

    monkeypatch.setattr(pgtools.subprocess, "run", fake_run)
    monkeypatch.setattr(pgtools, "find_tool", lambda name: Path("/usr/bin") / name)
    pgtools.dump("postgresql+psycopg://clerk:s3cret@10.0.0.5:5433/county?sslmode=require", tmp_path / "a.dump")

    assert not any("s3cret" in part for part in seen["cmd"])
    assert seen["env"]["PGPASSWORD"] == "s3cret" and seen["env"]["PGSSLMODE"] == "require"
    assert (seen["env"]["PGHOST"], seen["env"]["PGPORT"], seen["env"]["PGDATABASE"]) == ("10.0.0.5", "5433", "county")


def test_missing_tools_name_the_package_to_install(monkeypatch):
    monkeypatch.setattr(pgtools.shutil, "which", lambda _name: None)
    monkeypatch.setattr(pgtools, "_SEARCH", ())

    with pytest.raises(pgtools.ToolMissing, match="postgresql-client-15"):
        pgtools.find_tool("pg_dump")

"""The database back end the tests run on: SQLite files (the default), or with ``GRIDAPP_TEST_DB=postgresql``
databases on the run's throw-away PostgreSQL cluster (tests/postgres_cluster.py).

Tests name a database by a path in their temporary folder; ``database_at(path)`` answers with what to open:
the path itself on SQLite, else the URL of a PostgreSQL database made for that path (the same one every time
it is asked). Copies are cheap on both: a file copy, or ``CREATE DATABASE … TEMPLATE``. The databases a test
made are dropped after it (conftest.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import uuid4

if TYPE_CHECKING:
    from postgres_cluster import Cluster

    from gridapp.workspace import Workspace

POSTGRESQL = os.environ.get("GRIDAPP_TEST_DB", "sqlite").lower() in {"postgresql", "postgres", "pg"}
Location = str | Path

_cluster: list[Cluster] = []
_made: dict[Path, str] = {}  # path → database name, in the order made
_kept: dict[Path, str] = {}  # templates made once per run, dropped with the cluster


def use_cluster(cluster: Cluster) -> None:
    _cluster[:] = [cluster]


def cluster() -> Cluster:
    if not _cluster:
        raise RuntimeError("GRIDAPP_TEST_DB=postgresql but no cluster: conftest.py starts it")
    return _cluster[0]


def database_at(path: Path, copy_of: Location | None = None, keep: bool = False) -> Location:
    """The database a test keeps at ``path``: blank, or a copy of the database at ``copy_of`` (which nobody
    may have open while it is copied). ``keep``: a template for the whole run, not the current test's."""
    if not POSTGRESQL:
        if copy_of is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copy_of, path)
        return path
    made = _kept if keep else _made
    if path in made and copy_of is None:
        return cluster().url(made[path])
    name = f"t_{uuid4().hex[:12]}"
    cluster().create_database(name, template=database_name(copy_of) if copy_of is not None else None)
    made[path] = name
    return cluster().url(name)


def database_name(location: Location) -> str:
    return str(location).rsplit("/", 1)[-1]


def made_count() -> int:
    return len(_made)


def drop_made_since(count: int) -> None:
    """Drop the databases made after the first ``count`` (a test's own; templates and module fixtures'
    databases were made before it started)."""
    for path in list(_made)[count:]:
        cluster().drop_database(_made.pop(path))


def location(ws: Workspace) -> Location:
    """Where this workspace's database is: its file, or its server URL."""
    return ws.db_file if ws.db_file is not None else ws.url


def db_arg(ws: Workspace) -> str:
    """What the command line's ``--db`` takes to open this workspace's database."""
    return str(location(ws))


def execute(ws: Workspace, sql: str, **params: object) -> list[tuple]:
    """Raw SQL on the workspace's database, behind the program's back (committed); the rows it returns."""
    from sqlalchemy import text

    with ws.engine.begin() as conn:
        result = conn.execute(text(sql), params)
        return [tuple(row) for row in result] if result.returns_rows else []


def file_backups(ws: Workspace) -> list:
    """The program's own backups of a SQLite file (a server database has none: pg_dump is the server's)."""
    return ws.backups.list() if ws.db_file is not None else []

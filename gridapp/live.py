"""Other workstations' committed changes, for open windows to refresh (the core half; ui/live_changes.py
turns them into change-bus publishes).

On PostgreSQL every write transaction sends ``NOTIFY gridapp_changes`` with the tables it changed and which
program wrote it (``announce``, called by Workspace.write before it commits, so the notice is delivered only if
the change is). A ``ChangeFeed`` listens on a connection of its own and hands over the changes of other
programs. Where LISTEN is unavailable, and on SQLite (two programs on one file), it polls instead: SQLite's
``PRAGMA data_version`` says cheaply whether anyone else committed, and the newest ``hlc`` of each synced table
says which tables moved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text, union_all
from sqlalchemy.orm import Session

from gridapp.changes import Changes, Table
from gridapp.db import storage_errors
from gridapp.models import Base

CHANNEL = "gridapp_changes"
MAX_IDS = 100  # more ids than this (an import) and the notice names only the tables: PostgreSQL caps it at 8 kB
POLL_SECONDS = 1.0  # how often a polling feed looks


def payload(changes: Changes, writer: str) -> str:
    ids = sorted(changes.ids) if len(changes.ids) <= MAX_IDS else []
    return json.dumps({"writer": writer, "tables": sorted(changes.tables), "ids": ids}, separators=(",", ":"))


def parse(text_: str) -> tuple[str, Changes]:
    """The writer and the changes of a notice; unknown table names (a newer program) are left out."""
    data = json.loads(text_)
    known = {t.value for t in Table}
    return data.get("writer", ""), Changes(frozenset(Table(t) for t in data.get("tables", []) if t in known),
                                           frozenset(data.get("ids", [])))


def announce(session: Session | Connection, changes: Changes, writer: str) -> None:
    """Tell the other workstations what this transaction changed, delivered when (and only if) it commits."""
    bind = session.get_bind() if isinstance(session, Session) else session
    if changes and bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": CHANNEL, "payload": payload(changes, writer)})


def newest_versions(conn: Connection | Session) -> dict[str, str]:
    """The newest hlc of each synced table: what a polling feed compares to learn which tables moved."""
    tables = [t for t in Base.metadata.sorted_tables if "hlc" in t.c and t.name in {x.value for x in Table}]
    query = union_all(*(select(text(f"'{t.name}'"), func.max(t.c.hlc)) for t in tables))
    return {name: newest or "" for name, newest in conn.execute(query)}


class ChangeFeed:
    """What other programs committed since the last ``poll()``. ``fileno()`` is a socket that becomes readable
    when a notice arrives (PostgreSQL LISTEN), or None: then call ``poll()`` every POLL_SECONDS."""

    def __init__(self, engine: Engine, writer: str, own: dict[str, str] | None = None,
                 seen: Callable[[], None] = lambda: None) -> None:
        """``own``: the newest version this program wrote per table (a polling feed skips those); ``seen`` is
        called whenever another program's changes arrive (Workspace: caches are stale)."""
        self.writer = writer
        self._own = own if own is not None else {}
        self._seen = seen
        self._engine = engine
        self._listener: Any = None
        self._conn: Connection | None = None
        self._data_version: int | None = None
        self._marks: dict[str, str] = {}
        if engine.dialect.name == "postgresql":
            self._listener = _listen(engine)
        if self._listener is None:
            self._conn = engine.connect()
            self._marks = self._newest()
            self._data_version = self._sqlite_data_version()

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def fileno(self) -> int | None:
        return self._listener.fileno() if self._listener is not None and not self._listener.closed else None

    def poll(self) -> Changes:
        """What other programs committed since the last call; StorageError (ConnectionLost) while the database
        cannot be reached — the next call tries again."""
        with storage_errors():
            found = self._heard() if self._listener is not None else self._looked()
        if found:
            self._seen()
        return found

    def _heard(self) -> Changes:
        import psycopg

        if self._listener.closed:  # lost earlier: listen again; what was missed meanwhile is unknown, so all
            listener = _listen(self._engine)
            if listener is None:
                return Changes()
            self._listener = listener
            return Changes(frozenset(Table))
        found = Changes()
        try:
            for notice in self._listener.notifies(timeout=0):
                writer, changes = parse(notice.payload)
                if writer != self.writer:
                    found = found | changes
        except psycopg.OperationalError:
            self._listener.close()  # the server went away (restarted): the next poll listens again
        return found

    def _looked(self) -> Changes:
        """Polling: the tables whose newest version moved and is not one this program wrote. (A change of
        another program followed at once by one of ours in the same table shows with the next change.)"""
        version = self._sqlite_data_version()
        if version is not None and version == self._data_version:
            return Changes()
        self._data_version = version
        marks = self._newest()
        moved = frozenset(Table(t) for t, v in marks.items() if v != self._marks.get(t) and v != self._own.get(t))
        self._marks = marks
        return Changes(moved)

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
        if self._conn is not None:
            self._conn.close()

    def _newest(self) -> dict[str, str]:
        assert self._conn is not None
        marks = newest_versions(self._conn)
        self._conn.rollback()  # no snapshot kept open between polls
        return marks

    def _sqlite_data_version(self) -> int | None:
        if self._conn is None or self._engine.dialect.name != "sqlite":
            return None
        version = self._conn.exec_driver_sql("PRAGMA data_version").scalar()
        self._conn.rollback()
        return version


def _listen(engine: Engine) -> Any:
    """A connection of its own LISTENing on CHANNEL, or None when the server will not (a pooler in between)."""
    import psycopg

    url = engine.url
    try:
        conn = psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                               dbname=url.database, autocommit=True, **dict(url.query))
        conn.execute(f"LISTEN {CHANNEL}")
    except psycopg.Error:
        return None
    return conn

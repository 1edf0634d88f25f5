"""Copying every table of one database into another of the same schema revision (an office's embedded file onto
the county server): parents before children, in batches that report progress, checked afterwards by row counts
and a digest of every row's content — so nothing is lost on the way."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Table, func, select, text

from gridapp.models import Base
from gridapp.progress import Progress

BATCH = 5000  # rows per INSERT round trip
WRITTEN_BY_MIGRATIONS = frozenset({"settings"})  # the program version a new schema names: the source's replace it


def tables() -> list[Table]:
    """The program's tables, each after the tables its foreign keys point to."""
    return list(Base.metadata.sorted_tables)


def row_counts(conn: Connection) -> dict[str, int]:
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()}


def copy_tables(source: Connection, target: Connection, progress: Progress | None = None) -> int:
    """Insert every row of ``source`` into the tables of ``target`` (empty but for what its migrations wrote,
    which the source's rows replace) within the caller's transaction; returns the number of rows copied."""
    counts = row_counts(source)
    total, done = sum(counts.values()), 0
    for table in tables():
        if table.name in WRITTEN_BY_MIGRATIONS:
            target.execute(table.delete())
        for batch in _batches(source, table):
            target.execute(table.insert(), batch)
            done += len(batch)
            if progress is not None:
                progress.report(done, total)
        _advance_sequence(target, table)
    return done


def digest(conn: Connection) -> str:
    """A digest of every row of every table, values as text: equal on two databases exactly when they hold the
    same data, whatever the back end. Per table the rows' hashes are added up, so the order the server's
    collation returns them in does not matter."""
    h = hashlib.sha256()
    for table in tables():
        total = 0
        for row in conn.execute(select(table)):
            text_row = json.dumps(list(row), ensure_ascii=False, sort_keys=True, default=str)
            total += int.from_bytes(hashlib.sha256(text_row.encode()).digest(), "big")
        h.update(f"{table.name}:{total % (1 << 256):x};".encode())
    return h.hexdigest()


def _batches(conn: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    result = conn.execution_options(stream_results=True).execute(select(table)).mappings()
    if any(fk.column.table is table for fk in table.foreign_keys):
        rows = _parents_first(table, [dict(r) for r in result])
        for start in range(0, len(rows), BATCH):
            yield rows[start:start + BATCH]
        return
    for part in result.partitions(BATCH):
        yield [dict(r) for r in part]


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of a table that points to itself (the grid tree) ordered so every parent comes before its children."""
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not own or not rows:
        return rows
    key = table.primary_key.columns.values()[0].name
    placed: set[Any] = set()
    ordered: list[dict[str, Any]] = []
    waiting = rows
    while waiting:
        ready = [r for r in waiting if all(r[c] is None or r[c] in placed or r[c] == r[key] for c in own)]
        if not ready:  # a reference to a missing row: let the database say so
            ready = waiting
        ordered += ready
        placed.update(r[key] for r in ready)
        ids = {id(r) for r in ready}
        waiting = [r for r in waiting if id(r) not in ids]
    return ordered


def _advance_sequence(conn: Connection, table: Table) -> None:
    """After inserting explicit ids, move an autoincrement column's sequence past them (PostgreSQL)."""
    if conn.dialect.name != "postgresql":
        return
    for column in table.primary_key.columns:
        if column.autoincrement is True or (column.autoincrement == "auto" and column.type.python_type is int):
            conn.execute(text("SELECT setval(pg_get_serial_sequence(:t, :c), "
                              f"coalesce((SELECT max({column.name}) FROM {table.name}), 0) + 1, false)"),
                         {"t": table.name, "c": column.name})

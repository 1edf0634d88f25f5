"""The package's rows in temporary tables on the importing connection, one per synced table, so that an
import is decided and written with set-wise SQL (joins against the local tables) instead of row by row, and
never holds a package's rows in memory.

A staging table has the columns of its table and the columns that carry the decision for each row:
``_in_scope`` (belongs to this office's scope), ``_local`` (a local version exists), ``_arrival`` (a
``sync_arrivals`` row exists), ``_outcome`` (new / updated / deleted / conflicts / out_of_scope / unchanged)
and ``_write`` (the incoming version replaces or becomes the local one).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Column, Connection, Index, MetaData, Select, String, Table, false, select
from sqlalchemy.exc import IntegrityError

from gridapp.errors import DamagedPackage
from gridapp.sync.package import INCONSISTENT, Package
from gridapp.sync.tables import row_binder, row_decoder, synced_tables, table

CACHE_KIB = 64 * 1024  # SQLite page cache of the importing connection, per database (main and temp)


@dataclass
class Stage:
    source: Table  # the synced table
    rows: Table  # its staging table
    columns: list[str]  # the columns the package carries that this schema knows (the others keep defaults)

    def written(self) -> Select:
        """The ids of the rows the import inserts or updates in ``source``."""
        return select(self.rows.c.id).where(self.rows.c._write)


class Staging:
    """The staging tables of one package on one connection (see ``staged``)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.metadata = MetaData()
        self.stages: dict[str, Stage] = {}

    def load(self, pkg: Package) -> None:
        """Stream every row batch of the package into its staging table."""
        for batch in pkg.batches():
            stage = self.stages.get(batch.name) or self._create(batch.name, batch.columns)
            if stage is None:
                continue  # a table this program does not know (a newer schema is refused before this)
            self._insert(stage, batch.columns, batch.rows)
        for stage in self.stages.values():  # indexed once loaded: faster than keeping an index while loading
            try:
                Index(f"{stage.rows.name}_id", stage.rows.c.id, unique=True).create(self.conn)
            except IntegrityError as exc:  # the same record twice: no writer does that
                raise DamagedPackage(INCONSISTENT) from exc

    def _insert(self, stage: Stage, columns: list[str], rows: list[list[Any]]) -> None:
        decode = row_decoder(stage.source, columns)
        if self.conn.dialect.name != "sqlite":
            self.conn.execute(stage.rows.insert(), [decode(r) for r in rows])
            return
        # SQLite's driver takes the values as SQLAlchemy would bind them: a county's rows skip building a
        # dict and a parameter set per row (the largest cost of an import after the database's own work)
        names, bind = row_binder(stage.source, columns, self.conn.dialect)
        quote = self.conn.dialect.identifier_preparer.quote
        self.conn.exec_driver_sql(
            f"INSERT INTO {stage.rows.name} ({', '.join(map(quote, names))}) VALUES ({', '.join('?' * len(names))})",
            [bind(r) for r in rows])

    def in_order(self) -> list[Stage]:
        """Parents before children, as the tables are applied."""
        return [self.stages[t.name] for t in synced_tables() if t.name in self.stages]

    def tables(self) -> dict[str, Table]:
        return {name: stage.rows for name, stage in self.stages.items()}

    def _create(self, name: str, columns: list[str]) -> Stage | None:
        if name not in {t.name for t in synced_tables()}:
            return None
        source = table(name)
        known = [c for c in source.c if c.name in columns]
        rows = Table(f"sync_stage_{name}", self.metadata,
                     *(Column(c.name, c.type) for c in known),
                     Column("_in_scope", Boolean, server_default=false(), nullable=False),
                     Column("_local", Boolean, server_default=false(), nullable=False),
                     Column("_arrival", Boolean, server_default=false(), nullable=False),
                     Column("_outcome", String(20)),
                     Column("_write", Boolean, server_default=false(), nullable=False),
                     prefixes=["TEMPORARY"])
        self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS {rows.name}")  # left by a process killed mid-import
        rows.create(self.conn)
        stage = self.stages[name] = Stage(source, rows, [c.name for c in known])
        return stage

    def drop(self) -> None:
        for stage in self.stages.values():
            self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS {stage.rows.name}")
        self.conn.commit()


@contextmanager
def staged(conn: Connection) -> Iterator[Staging]:
    """Staging tables that are dropped afterwards, after the caller's transaction has ended (committed or not):
    the connection goes back to the pool without them."""
    staging = Staging(conn)
    cache = _larger_cache(conn)
    try:
        yield staging
    finally:
        if conn.in_transaction():
            conn.rollback()
        staging.drop()
        _set_cache(conn, cache)


def _larger_cache(conn: Connection) -> tuple[int, int] | None:
    """SQLite's page cache (2 MB by default) for the import's connection while it stages and writes a package:
    a county's rows go into indexes in random id order, and a small cache rereads their pages from the file
    again and again. Bounded (CACHE_KIB), and given back afterwards. Set on the driver's connection: a pragma
    is no part of any transaction."""
    if conn.dialect.name != "sqlite":
        return None
    raw = conn.connection.driver_connection
    before = (raw.execute("PRAGMA main.cache_size").fetchone()[0], raw.execute("PRAGMA temp.cache_size").fetchone()[0])
    _set_cache(conn, (-CACHE_KIB, -CACHE_KIB))
    return before


def _set_cache(conn: Connection, sizes: tuple[int, int] | None) -> None:
    if sizes is not None:
        raw = conn.connection.driver_connection
        raw.execute(f"PRAGMA main.cache_size={int(sizes[0])}")
        raw.execute(f"PRAGMA temp.cache_size={int(sizes[1])}")

"""Putting back the rows an import wrote, from its journal (gridapp.sync.journal): in the caller's transaction,
rows the import added are deleted and the prior versions of the rows it changed are written back whole — with
their tombstones and hlc stamps, by Core statements past the flush hook, which would stamp them anew.

Nothing is put back when a row is no longer as the import left it (a later edit or import touched it), or
when something added since refers to a row the import added; ``Blocked`` names those rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, delete, insert, select, update

from gridapp.models import Base, ImportJournal
from gridapp.sync.journal import decode_row, decoded_key, encode_row, key_columns, key_filter, load, table_of
from gridapp.sync.tables import chunks
from gridapp.table_labels import label, title

REFERENCE_COLUMNS = ("target_id", "owner_id")  # polymorphic references (visits, case links, attachments)
SHOWN = 5  # rows named in a refusal


@dataclass
class Entry:
    key: str
    prior: str | None
    after: str | None


@dataclass
class Blocked:
    """Rows that stop an undo: changed since the import, or referred to by records added since."""

    changed: list[str] = field(default_factory=list)
    referring: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.referring)


def journal_of(conn: Connection, import_id: str) -> dict[str, list[Entry]]:
    """The journal of one import by table, in the order the rows were journaled."""
    j = ImportJournal.__table__
    out: dict[str, list[Entry]] = defaultdict(list)
    for name, key, prior, after in conn.execute(select(j.c.table_name, j.c.record_key, j.c.prior, j.c.after)
                                                .where(j.c.import_id == import_id).order_by(j.c.seq)):
        out[name].append(Entry(key, prior, after))
    return out


def put_back(conn: Connection, journal: dict[str, list[Entry]]) -> tuple[Blocked, set[str]]:
    """Restore every journaled row, unless something blocks it (then nothing is written and the caller rolls
    back). Returns what blocks it and the tables whose rows moved."""
    current = {name: load(conn, table_of(name), [decoded_key(table_of(name), e.key) for e in entries])
               for name, entries in journal.items()}
    blocked = Blocked(changed=[_describe(name, current[name].get(e.key) or decode_row(table_of(name), e.after))
                               for name, entries in journal.items() for e in entries
                               if _parsed(encode_row(current[name].get(e.key))) != _parsed(e.after)])
    if blocked:
        return blocked, set()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")  # checked at commit, like PostgreSQL's (0006)
    order = [t.name for t in Base.metadata.sorted_tables if t.name in journal]
    added = {name: [e.key for e in journal[name] if e.prior is None] for name in order}
    for name in reversed(order):
        _delete(conn, table_of(name), added[name])
    for name in order:
        _restore(conn, table_of(name), [e for e in journal[name] if e.prior is not None], current[name])
    blocked.referring = _references(conn, {name: keys for name, keys in added.items() if keys})
    return blocked, set(order)


def _parsed(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _describe(name: str, row: dict[str, Any] | None) -> str:
    return f"{label(name)}“{title(name, row or {})}”"


def _delete(conn: Connection, tbl: Table, keys: list[str]) -> None:
    for chunk in chunks([decoded_key(tbl, k) for k in keys]):
        conn.execute(delete(tbl).where(key_filter(tbl, chunk)))


def _restore(conn: Connection, tbl: Table, entries: list[Entry], current: dict[str, Any]) -> None:
    """Write the prior rows back whole: an update where the row is still there, else an insert."""
    rows = [(e.key in current, decode_row(tbl, e.prior)) for e in entries]
    keys = key_columns(tbl)
    where = and_(*(c == bindparam(f"k_{c.name}") for c in keys))
    updates = [{**row, **{f"k_{c.name}": row[c.name] for c in keys}} for there, row in rows if there and row]
    inserts = [row for there, row in rows if not there and row]
    for chunk in chunks(updates):
        conn.execute(update(tbl).where(where), chunk)
    for chunk in chunks(inserts):
        conn.execute(insert(tbl), chunk)


def _references(conn: Connection, added: dict[str, list[str]]) -> list[str]:
    """Records (not the import's own, which are gone by now) that refer to a row the undo deleted."""
    gone = {name: [decoded_key(table_of(name), k) for k in keys] for name, keys in added.items()
            if len(key_columns(table_of(name))) == 1}
    every = [k for name, keys in gone.items() if "hlc" in table_of(name).c for k in keys]  # synced: uuid ids
    found: list[str] = []
    for tbl in Base.metadata.sorted_tables:
        columns = [(fk.parent, gone[fk.column.table.name]) for fk in tbl.foreign_keys if fk.column.table.name in gone]
        columns += [(tbl.c[c], every) for c in REFERENCE_COLUMNS if c in tbl.c]
        for column, ids in columns:
            found += _holding(conn, tbl, column, ids)
            if len(found) >= SHOWN:
                return found
    return found


def _holding(conn: Connection, tbl: Table, column: Any, ids: Iterable[Any]) -> list[str]:
    out = []
    for chunk in chunks(list(ids)):
        rows = conn.execute(select(tbl).where(column.in_(chunk)).limit(SHOWN)).mappings()
        out += [_describe(tbl.name, dict(r)) for r in rows]
    return out

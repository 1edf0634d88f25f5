"""The undo journal of an import (a sync package or an Excel sheet): before the import changes a row, the row as it
was (or "did not exist") goes into ``import_journal`` in the same transaction; once everything is written, the
row as the import left it is added (``seal``) so that an undo can tell whether anything touched it since.

Small imports keep this journal instead of copying the whole database file first (``journals``); undoing one
(gridapp.imports) puts every journaled row back as it was. Rows are stored as JSON the way sync packages carry
them (gridapp.sync.tables), so dates, tombstones and hlc stamps come back exactly.

The audit log (append-only) and the journal's own tables are never journaled: the import's audit entries stay,
and the undo adds its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Table,
    bindparam,
    delete,
    event,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from gridapp.models import Base, ImportJournal, ImportRecord, new_id
from gridapp.models.base import utcnow
from gridapp.sync.tables import chunks, decode_value, encode_value

JOURNAL_LIMIT = 20_000  # rows an import may touch and still be journaled instead of backed up as a whole file
KEEP_JOURNALS = 20  # the imports that can be undone row for row; older ones forget their journal
NOT_JOURNALED = frozenset({"audit_log", "imports", "import_journal", "attachment_blobs"})

Key = Any  # a primary key value, or a tuple of them for a composite key


def journals(ws: Any, rows: int) -> bool:
    """Whether an import touching about ``rows`` rows keeps a journal instead of a copy of the database file: a
    small one does; a big one is cheaper to copy whole; a server database (no file to copy) always journals."""
    return ws.db_file is None or rows <= JOURNAL_LIMIT


def table_of(name: str) -> Table:
    return Base.metadata.tables[name]


def key_columns(tbl: Table) -> list[Column[Any]]:
    return list(tbl.primary_key.columns)


def key_text(tbl: Table, row: Mapping[str, Any]) -> str:
    """The journal's name of a row: a JSON list of its primary key's values."""
    return json.dumps([encode_value(row[c.name]) for c in key_columns(tbl)], ensure_ascii=False)


def _key_of(tbl: Table, key: Key) -> str:
    values = key if isinstance(key, tuple) else (key,)
    return key_text(tbl, dict(zip((c.name for c in key_columns(tbl)), values, strict=True)))


def encode_row(row: Mapping[str, Any] | None) -> str | None:
    if row is None:
        return None
    return json.dumps({k: encode_value(v) for k, v in row.items()}, ensure_ascii=False)


def decode_row(tbl: Table, text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    return {k: decode_value(tbl, k, v) for k, v in json.loads(text).items() if k in tbl.c}


def key_filter(tbl: Table, keys: list[Any]) -> Any:
    """``WHERE <primary key> IN (…)`` for a chunk of keys (decoded values, or tuples for a composite key)."""
    cols = key_columns(tbl)
    return cols[0].in_(keys) if len(cols) == 1 else tuple_(*cols).in_(keys)


def load(conn: Connection, tbl: Table, keys: Iterable[Key]) -> dict[str, dict[str, Any]]:
    """The current rows of ``tbl`` with these keys, by key text: one query per chunk."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in chunks(list(keys)):
        for row in conn.execute(select(tbl).where(key_filter(tbl, chunk))).mappings():
            out[key_text(tbl, row)] = dict(row)
    return out


class Journal:
    """The journal of one import being applied; ``import_id`` names its ``imports`` row."""

    def __init__(self, import_id: str, active: bool = True) -> None:
        self.import_id = import_id
        self.active = active  # False: a big import, recorded but not journaled (undone by its backup)
        self.seqs: dict[str, dict[str, int]] = {}  # table -> key text -> seq: the first capture of a row wins

    @classmethod
    def start(cls, conn: Connection, kind: str, label: str, user_name: str, backup_path: str = "",
              journaled: bool = True) -> Journal:
        """Record the import (in its own transaction, before anything is written); a big import is recorded
        with ``journaled=False`` and can then only be undone by restoring its backup."""
        record = ImportRecord.__table__
        journal = cls(new_id(), journaled)
        conn.execute(insert(record).values(id=journal.import_id, kind=kind, label=label[:260], user_name=user_name,
                                           state="applied", journaled=journaled, rows=0, backup_path=backup_path,
                                           undone_by="", at=utcnow()))
        _forget_old(conn)
        return journal

    def capture(self, conn: Connection, table_name: str, keys: Iterable[Key]) -> None:
        """Journal the prior versions of these rows of ``table_name`` (those not journaled yet): one SELECT per
        chunk. Call it before the rows change; a key without a row is journaled as new."""
        if not self.active or table_name in NOT_JOURNALED:
            return
        tbl = table_of(table_name)
        seen = self.seqs.setdefault(table_name, {})
        fresh = {text: key for key in keys if (text := _key_of(tbl, key)) not in seen}
        if fresh:
            self._add(conn, tbl, fresh, load(conn, tbl, fresh.values()))

    def note_new(self, conn: Connection, table_name: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Journal rows just inserted (a key known only now, e.g. an autoincrement id) as new."""
        if not self.active or table_name in NOT_JOURNALED:
            return
        tbl = table_of(table_name)
        seen = self.seqs.setdefault(table_name, {})
        fresh = {text: None for row in rows if (text := key_text(tbl, row)) not in seen}
        if fresh:
            self._add(conn, tbl, fresh, {})

    @contextmanager
    def inserting(self, conn: Connection, table_name: str) -> Iterator[None]:
        """Around inserts into a table with an autoincrement id: the rows past the highest id before are new."""
        if not self.active:
            yield
            return
        tbl = table_of(table_name)
        (column,) = key_columns(tbl)
        highest = conn.scalar(select(func.max(column))) or 0
        yield
        self.note_new(conn, table_name, conn.execute(select(column).where(column > highest)).mappings())

    def _add(self, conn: Connection, tbl: Table, keys: Mapping[str, Any], prior: Mapping[str, Any]) -> None:
        seen = self.seqs[tbl.name]
        start = sum(map(len, self.seqs.values()))
        entries = []
        for offset, text in enumerate(keys):
            seen[text] = start + offset
            entries.append({"import_id": self.import_id, "seq": start + offset, "table_name": tbl.name,
                            "record_key": text, "prior": encode_row(prior.get(text)), "after": None})
        for chunk in chunks(entries):
            conn.execute(insert(ImportJournal.__table__), chunk)

    def watch(self, session: Session) -> None:
        """Journal every row the session's ORM flushes write (the flush hook's stamps, monitoring's colours,
        the sync bookkeeping): prior versions before each flush, new rows after it."""
        if not self.active:
            return
        event.listen(session, "before_flush", self._before_flush)
        event.listen(session, "after_flush", self._after_flush)

    def seal_at_commit(self, session: Session) -> None:
        """``seal`` when the session commits: after every write of the transaction, the follow-ups included."""
        event.listen(session, "before_commit", lambda s: self.seal(s.connection()))

    def _before_flush(self, session: Session, _ctx: Any, _instances: Any) -> None:
        by_table: dict[str, list[Key]] = {}
        for obj in [*session.dirty, *session.deleted]:
            state = session.identity_key(instance=obj)
            if state is not None:
                key = state[1]
                by_table.setdefault(obj.__table__.name, []).append(key[0] if len(key) == 1 else tuple(key))
        for name, keys in by_table.items():
            self.capture(session.connection(), name, keys)

    def _after_flush(self, session: Session, _ctx: Any) -> None:
        by_table: dict[str, list[dict[str, Any]]] = {}
        for obj in session.new:
            tbl = obj.__table__
            by_table.setdefault(tbl.name, []).append({c.name: getattr(obj, c.key) for c in key_columns(tbl)})
        for name, rows in by_table.items():
            self.note_new(session.connection(), name, rows)

    def seal(self, conn: Connection) -> None:
        """Once the import has written everything: journal each row as the import left it, and the count."""
        if not self.active:
            return
        entries = ImportJournal.__table__
        stmt = update(entries).where((entries.c.import_id == self.import_id) & (entries.c.seq == bindparam("s")))
        for name, seqs in self.seqs.items():
            tbl = table_of(name)
            current = load(conn, tbl, [decoded_key(tbl, text) for text in seqs])
            rows = [{"s": seq, "after": encode_row(current.get(text))} for text, seq in seqs.items()]
            for chunk in chunks(rows):
                conn.execute(stmt, chunk)
        conn.execute(update(ImportRecord.__table__).where(ImportRecord.__table__.c.id == self.import_id)
                     .values(rows=sum(map(len, self.seqs.values()))))


def _forget_old(conn: Connection) -> None:
    """Keep the journals of the last KEEP_JOURNALS imports only (an old import is undone by a backup, if ever)."""
    record, entries = ImportRecord.__table__, ImportJournal.__table__
    old = list(conn.scalars(select(record.c.id).where(record.c.journaled, record.c.state == "applied")
                            .order_by(record.c.at.desc()).offset(KEEP_JOURNALS)))
    for chunk in chunks(old):
        conn.execute(delete(entries).where(entries.c.import_id.in_(chunk)))
        conn.execute(update(record).where(record.c.id.in_(chunk)).values(journaled=False))


def decoded_key(tbl: Table, text: str) -> Key:
    """A key text back to the value (or tuple) a ``key_filter`` takes."""
    values = [decode_value(tbl, c.name, v) for c, v in zip(key_columns(tbl), json.loads(text), strict=True)]
    return values[0] if len(values) == 1 else tuple(values)

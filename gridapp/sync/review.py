"""Read-side of sync for the 同步 page and ``sync status``: peers, history, conflicts and duplicates as DTOs."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from gridapp.models import (
    GridNode,
    Office,
    Setting,
    SyncConflict,
    SyncDuplicate,
    SyncHistory,
    SyncPeer,
)
from gridapp.sync.dto import (
    ConflictField,
    ConflictView,
    DuplicatePerson,
    DuplicateView,
    HistoryEntry,
    PeerStatus,
    SyncStatus,
    TableCounts,
    total_of,
)
from gridapp.sync.passphrase import VERIFIER_KEY
from gridapp.sync.state import local_scope, office_names
from gridapp.sync.tables import (
    STAMP_COLUMNS,
    decode_value,
    encode_value,
    field_label,
    load_rows,
    referenced_table,
    table,
)
from gridapp.table_labels import label, title

DIRECTIONS = {"export": "导出", "import": "导入"}


def status(ws: Any) -> SyncStatus:
    office = ws.office
    with ws.read() as s:
        scope = local_scope(s)
        node = s.get(GridNode, scope) if scope else None
        peers = tuple(_peer_status(o, s.get(SyncPeer, o.id))
                      for o in s.scalars(select(Office).where(~Office.is_local).order_by(Office.name)))
        return SyncStatus(
            office_id=office.id if office else "", office_name=office.name if office else "",
            county_code=office.county_code if office else "", scope_grid_id=scope,
            scope_name=node.name if node else "全部", passphrase_set=s.get(Setting, VERIFIER_KEY) is not None,
            peers=peers, open_conflicts=_count_open(s, SyncConflict), open_duplicates=_count_open(s, SyncDuplicate))


def history(ws: Any, limit: int) -> list[HistoryEntry]:
    with ws.read() as s:
        names = office_names(s)
        rows = s.scalars(select(SyncHistory).order_by(SyncHistory.id.desc()).limit(limit)).all()
        return [_history_entry(h, names) for h in rows]


def conflicts(ws: Any, state: str | None) -> list[ConflictView]:
    with ws.read() as s:
        names = office_names(s)
        query = select(SyncConflict).order_by(SyncConflict.id.desc())
        if state:
            query = query.where(SyncConflict.status == state)
        found = s.scalars(query).all()
        conn = s.connection()
        current = {name: load_rows(conn, table(name), [c.record_id for c in found if c.table_name == name])
                   for name in {c.table_name for c in found}}
        versions = [_versions(c, current[c.table_name].get(c.record_id)) for c in found]
        records = _record_names(conn, [(table(c.table_name), values, fields) for c, (kept, lost, fields)
                                       in zip(found, versions, strict=True) for values in (kept, lost)])
        return [_conflict_view(c, *v, records, names) for c, v in zip(found, versions, strict=True)]


def duplicates(ws: Any, state: str | None) -> list[DuplicateView]:
    with ws.read() as s:
        names = office_names(s)
        query = select(SyncDuplicate).order_by(SyncDuplicate.id.desc())
        if state:
            query = query.where(SyncDuplicate.status == state)
        found = s.scalars(query).all()
        conn = s.connection()
        persons = load_rows(conn, table("persons"), [pid for d in found for pid in (d.person_a, d.person_b)])
        households = load_rows(conn, table("households"), [p["household_id"] for p in persons.values()])
        grids = load_rows(conn, table("grid_nodes"), [h["grid_id"] for h in households.values()])
        return [DuplicateView(d.id, d.id_number, d.status, d.detected_at, tuple(
            _duplicate_person(pid, persons, households, grids, names) for pid in (d.person_a, d.person_b)))
                for d in found]


def _peer_status(office: Office, peer: SyncPeer | None) -> PeerStatus:
    return PeerStatus(
        office_id=office.id, name=office.name, county_code=office.county_code,
        last_sent_at=peer.last_sent_at if peer else None, last_sent_seq=peer.last_sent_seq if peer else 0,
        last_received_at=peer.last_received_at if peer else None,
        last_received_seq=peer.last_received_seq if peer else 0,
        acked_hlc=peer.acked_hlc if peer else "", received_hlc=peer.received_hlc if peer else "")


def _count_open(s: Session, model: Any) -> int:
    return s.scalar(select(func.count()).select_from(model).where(model.status == "open")) or 0


def _history_entry(h: SyncHistory, names: dict[str, str]) -> HistoryEntry:
    tables = tuple(TableCounts(name, label(name), **counts) for name, counts in h.counts.items())
    return HistoryEntry(h.id, h.at, h.direction, DIRECTIONS.get(h.direction, h.direction), h.user_name,
                        h.file_name, h.office_id, names.get(h.office_id, "全部单位" if not h.office_id else ""),
                        h.seq, h.full, tables, total_of(tables))


def _versions(c: SyncConflict, current: dict[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Both versions as the conflict keeps them (JSON values) — the kept one as the record is now — and the
    content fields in which they differ."""
    kept = {k: encode_value(v) for k, v in current.items()} if current else c.kept_values
    lost = c.lost_values
    return kept, lost, [k for k, v in lost.items() if k not in (*STAMP_COLUMNS, "id") and kept.get(k) != v]


def _record_names(conn: Any, rows: list[tuple[Table, dict[str, Any], list[str]]]) -> dict[tuple[str, str], str]:
    """(table, id) -> a readable name of every record the differing fields name: one query per table."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for tbl, values, fields in rows:
        for column in fields:
            target = referenced_table(tbl, column, values)
            if target and values.get(column):
                wanted[target].add(values[column])
    return {(name, rid): _record_name(name, row) for name, ids in wanted.items()
            for rid, row in load_rows(conn, table(name), ids).items()}


def _record_name(name: str, row: dict[str, Any]) -> str:
    if name == "households" and row["address"]:
        return row["address"]  # a household is known by its address, not its 户号
    return title(name, row)


def _conflict_view(c: SyncConflict, kept: dict[str, Any], lost: dict[str, Any], fields: list[str],
                   records: dict[tuple[str, str], str], names: dict[str, str]) -> ConflictView:
    tbl = table(c.table_name)

    def field(column: str) -> ConflictField:
        kept_value, lost_value = (decode_value(tbl, column, v.get(column)) for v in (kept, lost))
        return ConflictField(column, field_label(column), kept_value, lost_value,
                             _name_of(tbl, column, kept, records), _name_of(tbl, column, lost, records))

    shown = tuple(field(column) for column in fields)
    return ConflictView(
        id=c.id, table=c.table_name, table_label=label(c.table_name), record_id=c.record_id,
        title=title(c.table_name, kept), detected_at=c.detected_at, status=c.status, resolution=c.resolution,
        kept_office_name=names.get(kept.get("office_id", ""), ""), kept_hlc=kept.get("hlc", ""),
        lost_office_name=names.get(c.lost_office_id, ""), lost_hlc=c.lost_hlc, fields=shown,
        lost_values={f.name: f.lost for f in shown})


def _name_of(tbl: Table, column: str, values: dict[str, Any], records: dict[tuple[str, str], str]) -> str:
    target = referenced_table(tbl, column, values)
    if target is None or not values.get(column):
        return ""
    return records.get((target, values[column]), "（本单位没有该记录）")


def _duplicate_person(person_id: str, persons: dict[str, dict[str, Any]], households: dict[str, dict[str, Any]],
                      grids: dict[str, dict[str, Any]], names: dict[str, str]) -> DuplicatePerson:
    person = persons.get(person_id)
    if person is None:
        return DuplicatePerson(person_id, "（记录不在本单位范围内）", "", "", "", False)
    household = households.get(person["household_id"])
    grid = grids.get(household["grid_id"]) if household else None
    return DuplicatePerson(person_id, person["name"], household["address"] if household else "",
                           grid["name"] if grid else "", names.get(person["office_id"], ""), person["deleted"])

"""Read-side of sync for the 同步 page and ``sync status``: peers, history, conflicts and duplicates as DTOs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridapp.models import (
    GridNode,
    Household,
    Office,
    Person,
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
from gridapp.sync.tables import STAMP_COLUMNS, encode_value, label, table, title

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
        return [_conflict_view(s, c, names) for c in s.scalars(query)]


def duplicates(ws: Any, state: str | None) -> list[DuplicateView]:
    with ws.read() as s:
        names = office_names(s)
        query = select(SyncDuplicate).order_by(SyncDuplicate.id.desc())
        if state:
            query = query.where(SyncDuplicate.status == state)
        return [DuplicateView(d.id, d.id_number, d.status, d.detected_at,
                              tuple(_duplicate_person(s, pid, names) for pid in (d.person_a, d.person_b)))
                for d in s.scalars(query)]


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


def _conflict_view(s: Session, c: SyncConflict, names: dict[str, str]) -> ConflictView:
    tbl = table(c.table_name)
    current = s.connection().execute(select(tbl).where(tbl.c.id == c.record_id)).mappings().first()
    kept = {k: encode_value(v) for k, v in current.items()} if current else c.kept_values
    lost = {k: v for k, v in c.lost_values.items() if k not in STAMP_COLUMNS and k != "id"}
    fields = tuple(ConflictField(k, kept.get(k), v) for k, v in lost.items() if kept.get(k) != v)
    return ConflictView(
        id=c.id, table=c.table_name, table_label=label(c.table_name), record_id=c.record_id,
        title=title(c.table_name, kept), detected_at=c.detected_at, status=c.status, resolution=c.resolution,
        kept_office_name=names.get(kept.get("office_id", ""), ""), kept_hlc=kept.get("hlc", ""),
        lost_office_name=names.get(c.lost_office_id, ""), lost_hlc=c.lost_hlc, fields=fields,
        lost_values={f.name: f.lost for f in fields})


def _duplicate_person(s: Session, person_id: str, names: dict[str, str]) -> DuplicatePerson:
    person = s.get(Person, person_id)
    if person is None:
        return DuplicatePerson(person_id, "（记录不在本单位范围内）", "", "", "", False)
    household = s.get(Household, person.household_id)
    grid = s.get(GridNode, household.grid_id) if household else None
    return DuplicatePerson(person_id, person.name, household.address if household else "",
                           grid.name if grid else "", names.get(person.office_id, ""), person.deleted)

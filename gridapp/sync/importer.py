"""Import a package: verify everything first, preview without writing, then back up (a big package) or journal
for undo (a small one, gridapp.sync.journal) and apply it all in one transaction that keeps the remote stamps
(Core statements: the ORM flush hook would re-stamp them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from gridapp import access, live
from gridapp.changes import Changes, Table
from gridapp.db import _alembic_config, storage_errors
from gridapp.dto import Actor
from gridapp.errors import AlreadyImported, ForeignPackage, RuleViolation
from gridapp.hlc import decode
from gridapp.models import GridNode, SyncArrival, SyncConflict, SyncDuplicate, SyncHistory
from gridapp.models.base import utcnow
from gridapp.progress import Progress
from gridapp.services.audit import add_entry
from gridapp.services.cases import attachment_store
from gridapp.sync import package
from gridapp.sync.dto import ImportPreview, ImportSummary, PackageInfo, TableCounts, total_of
from gridapp.sync.journal import Journal, journals
from gridapp.sync.merge import Decision, decide
from gridapp.sync.package import Package
from gridapp.sync.scope import Scope, scope_of, staged_in_scope
from gridapp.sync.staging import Stage, Staging, staged
from gridapp.sync.state import (
    latest_watermark,
    local_scope,
    peer,
    remember_office,
    set_local_scope,
)
from gridapp.sync.tables import CHUNK, chunks, encode_value, load_rows, table
from gridapp.table_labels import label

SYNC_IMPORT = "sync_import"  # the audit action of a package imported
MAX_AHEAD = timedelta(days=2)  # how far a package's stamps may lie ahead of this PC's clock

# Called with the transaction still open, once everything is written: lets a test kill the process right
# there and check that nothing was kept (tests/sync_import_paused.py). Nothing sets it in the program.
after_write: Callable[[], None] | None = None


def read_package(ws: Any, path: Path, passphrase: str) -> Package:
    """Decrypt and check the whole file (streaming: a first pass that keeps no rows) and its fit with this
    database; raises a SyncRefused subclass."""
    pkg = package.open_package(path, passphrase)
    office, info = ws.office, pkg.info
    if office is None:
        raise RuleViolation("本数据库尚未初始化本单位名称，不能导入同步包。")
    if info.office_id == office.id:
        raise ForeignPackage("这是本单位自己导出的同步包，无需导入。请选择其他单位发来的同步包。")
    if office.county_code and info.county_code and office.county_code != info.county_code:
        raise ForeignPackage(f"这个同步包来自其他县（行政区划代码 {info.county_code}，本县为 {office.county_code}），"
                             "不能导入。请确认文件来源。")
    if info.schema_version not in _known_revisions():
        raise ForeignPackage("这个同步包由更新版本的程序生成（数据结构更新），当前程序无法导入。请先升级本机程序。")
    _refuse_if_imported(ws, info)
    _refuse_if_ahead(info, pkg.newest_hlc, ws.clock.wall_ms())
    return pkg


def _refuse_if_ahead(info: PackageInfo, newest: str, now_ms: int) -> None:
    """A package stamped more than MAX_AHEAD past this PC's clock comes from a PC whose clock is wrong: taking
    it would move this office's clock (and every later change's rank) into that future (docs/sync-format.md)."""
    ahead_ms = decode(newest)[0] - now_ms if newest else 0
    if ahead_ms > MAX_AHEAD.total_seconds() * 1000:
        stamped = datetime.fromtimestamp(decode(newest)[0] / 1000)
        raise ForeignPackage(
            f"同步包来自“{info.office_name}”，里面的修改时间是 {stamped:%Y年%m月%d日}，比这台电脑的日期晚 "
            f"{round(ahead_ms / 86_400_000)} 天。对方电脑的日期可能不准：请对方把电脑的日期和时间改对、重新导出同步包后再导入；"
            "如果是这台电脑的日期不准，请先改对本机日期。数据库没有任何改动。")


def _refuse_if_imported(ws: Any, info: PackageInfo) -> None:
    with ws.read() as s:
        if s.scalar(select(SyncHistory.at).where(SyncHistory.package_id == info.package_id)) is not None:
            raise AlreadyImported(f"同步包 {info.path.name}（{info.office_name} 第 {info.seq} 号）已经导入过，无需再次导入。")


def preview(ws: Any, pkg: Package) -> ImportPreview:
    """The plan of ``apply``, computed the same way in staging tables that are then dropped: nothing written."""
    with storage_errors(), ws.engine.connect() as conn, staged(conn) as staging:
        staging.load(pkg)
        plan = _plan(conn, pkg, staging)
    return ImportPreview(pkg.info, plan.table_counts(), plan.totals())


def apply(ws: Any, actor: Actor, pkg: Package, progress: Progress | None = None) -> ImportSummary:
    info = pkg.info
    _require_importer(ws, actor)
    _refuse_if_imported(ws, info)  # a package read once and applied twice
    keep_journal = journals(ws, sum(pkg.info.record_counts.values()))
    backup = str(ws.backup("sync-import")) if ws.db_file is not None and not keep_journal else ""
    with ws.read() as s:
        ws.clock.observe(latest_watermark(s))
    ws.clock.observe(pkg.newest_hlc)
    arrived = ws.clock.now()  # later than every watermark this office has sent: see SyncArrival
    progress = progress or Progress()
    with ws.gate.hold("正在导入同步包"), storage_errors(), ws.engine.connect() as conn:
        _foreign_keys(conn, on=False)  # scoped copies may point at records of other scopes (docs: "Scope")
        try:
            with staged(conn) as staging, conn.begin():
                journal = Journal.start(conn, "sync", f"{info.office_name} 第 {info.seq} 号同步包（{info.path.name}）",
                                        actor.name, backup, keep_journal)
                had_tree = conn.scalar(select(func.count()).select_from(GridNode)) > 0
                staging.load(pkg)  # the second pass over the file: every chunk is authenticated again
                plan = _plan(conn, pkg, staging)
                _write(conn, plan, arrived, progress, journal)
                stored = _store_attachments(ws, pkg, plan)
                _bookkeeping(conn, ws, actor, pkg, plan, backup, had_tree, journal)
                journal.seal(conn)
                live.announce(conn, plan.changes(), ws.writer_id)  # past ws.write: other workstations hear here
                if after_write is not None:
                    after_write()
        finally:
            _foreign_keys(conn, on=True)
    return ImportSummary(info, plan.table_counts(), plan.totals(), backup, stored, plan.changes(), journal.import_id)


def _require_importer(ws: Any, actor: Actor) -> None:
    """The rows go in by Core statements, past the flush hook's check: the user needs ``sync``, and a scope
    that holds this office's whole sync scope (a package may change any record in it)."""
    access.require(actor, "sync")
    with ws.read() as s:
        mine = access.scope_path(s, actor)
        if mine is None:
            return
        office = s.get(GridNode, local_scope(s) or "")
        if office is None or not access.in_scope(mine, office.path):
            raise access.Forbidden(f"导入同步包会改动本单位同步范围（{office.name if office else '全部网格'}）内的"
                                   f"记录，超出了{actor.name}的工作范围。请由工作范围覆盖本单位的管理员导入。")


# -- the plan: what each incoming row does --------------------------------------------------------------------------

@dataclass
class Plan:
    """The decisions live in the staging tables (``_outcome``, ``_write``); the plan keeps their counts and
    the rare rows Python decided: conflicts and duplicate persons to record."""

    staging: Staging
    counts: dict[str, TableCounts] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (id number, person a, person b)

    def table_counts(self) -> tuple[TableCounts, ...]:
        return tuple(self.counts.values())

    def totals(self) -> TableCounts:
        return total_of(self.counts.values())

    def changes(self) -> Changes:
        """The tables whose rows moved, and the review lists when conflicts or duplicates were added."""
        tables = {Table(t.table) for t in self.counts.values() if t.changed or t.conflicts}
        totals = self.totals()
        tables |= {Table.SYNC_CONFLICTS} if totals.conflicts else set()
        tables |= {Table.SYNC_DUPLICATES} if totals.duplicates else set()
        return Changes(frozenset(tables))


def _plan(conn: Connection, pkg: Package, staging: Staging) -> Plan:
    scope = scope_of(conn, local_scope(conn))
    plan = Plan(staging)
    for stage in staging.in_order():
        name = stage.source.name
        _settle_plainly(conn, stage, staged_in_scope(name, scope, staging.tables()))
        for rows in _contested(conn, stage):
            _decide_in_python(conn, plan, stage, rows, pkg)
        counts = plan.counts[name] = TableCounts(name, label(name))
        rows = stage.rows
        for outcome, n in conn.execute(select(rows.c._outcome, func.count()).group_by(rows.c._outcome)):
            setattr(counts, outcome, n)
    if "persons" in plan.counts:
        _find_duplicates(conn, plan, staging.stages["persons"].rows)
    return plan


def _settle_plainly(conn: Connection, stage: Stage, in_scope: ColumnElement[bool]) -> None:
    """Decide in SQL what needs no comparison of contents (``merge.decide``'s first two rules): rows outside
    the scope, rows with no local version (new, or deleted when a tombstone), and rows whose version is the
    local one or one its office has built upon (``sync_arrivals.seen_*``). The rest stay undecided."""
    rows, local, name = stage.rows, stage.source, stage.source.name
    arr = SyncArrival.__table__
    conn.execute(update(rows).values(_in_scope=case((in_scope, True), else_=False)))
    conn.execute(update(rows).where(rows.c._in_scope).values(
        _local=exists().where(local.c.id == rows.c.id),
        _arrival=exists().where(arr.c.table_name == name, arr.c.record_id == rows.c.id)))
    conn.execute(update(rows).where(~rows.c._in_scope).values(_outcome="out_of_scope", _write=False))
    conn.execute(update(rows).where(rows.c._in_scope, ~rows.c._local).values(
        _outcome=case((rows.c.deleted, "deleted"), else_="new"), _write=True))
    same_version = exists().where(local.c.id == rows.c.id, local.c.hlc == rows.c.hlc,
                                  local.c.office_id == rows.c.office_id)
    built_upon = exists().where(arr.c.table_name == name, arr.c.record_id == rows.c.id,
                                arr.c.seen_office_id == rows.c.office_id, rows.c.hlc <= arr.c.seen_hlc)
    conn.execute(update(rows).where(rows.c._in_scope, rows.c._local, or_(same_version, built_upon)).values(
        _outcome="unchanged", _write=False))


def _contested(conn: Connection, stage: Stage) -> Iterator[list[dict[str, Any]]]:
    """The undecided rows in batches by id (keyset: the batch's decisions are written before the next)."""
    rows = stage.rows
    columns = [rows.c[c] for c in stage.columns]
    last = ""
    while True:
        batch = [dict(r) for r in conn.execute(
            select(*columns).where(rows.c._outcome.is_(None), rows.c.id > last).order_by(rows.c.id).limit(CHUNK)
        ).mappings()]
        if not batch:
            return
        yield batch
        last = batch[-1]["id"]


def _decide_in_python(conn: Connection, plan: Plan, stage: Stage, batch: list[dict[str, Any]], pkg: Package) -> None:
    """``merge.decide`` for rows that have a different local version: the rare ones after the first import."""
    name, ids = stage.source.name, [r["id"] for r in batch]
    local = load_rows(conn, stage.source, ids)
    arrivals = _arrivals(conn, name, ids)
    kept = _kept_conflicts(conn, name, ids)
    sender, received = pkg.info.office_id, pkg.manifest.get("received", {})
    decided = []
    for row in batch:
        rid, old = row["id"], local[row["id"]]
        decision = decide(old, row, arrivals.get(rid, ("", "")), sender, received)
        if decision.lost and (rid, *_lost_version(decision, old, row)) in kept:
            decision = Decision("unchanged", decision.write)
        if decision.lost:
            plan.conflicts.append(_conflict(name, old, row, decision, pkg.info.package_id))
        decided.append({"b_id": rid, "_outcome": decision.outcome, "_write": decision.write})
    rows = stage.rows
    conn.execute(update(rows).where(rows.c.id == bindparam("b_id")), decided)


def _conflict(name: str, old: dict[str, Any], row: dict[str, Any], decision: Decision,
              package_id: str) -> dict[str, Any]:
    kept, lost = (row, old) if decision.lost == "local" else (old, row)
    return {
        "table_name": name, "record_id": row["id"], "kept_values": _json_row(kept), "kept_hlc": kept["hlc"],
        "kept_office_id": kept["office_id"], "lost_values": _json_row(lost), "lost_hlc": lost["hlc"],
        "lost_office_id": lost["office_id"], "lost_side": decision.lost, "package_id": package_id,
        "detected_at": utcnow(), "status": "open", "resolution": "", "resolved_by": ""}


def _lost_version(decision: Decision, old: dict[str, Any] | None, row: dict[str, Any]) -> tuple[str, str]:
    lost = old if decision.lost == "local" else row
    return lost["hlc"], lost["office_id"]


def _find_duplicates(conn: Connection, plan: Plan, staged_persons: sa.Table) -> None:
    """The same ID number on two live person records is a duplicate to review, never an import failure.
    Holders of a number: the live persons the import writes, and the live local persons it neither rewrites
    nor tombstones. Only numbers with two holders or more are read; pairs reported before are skipped."""
    persons, dup, s = table("persons"), SyncDuplicate.__table__, staged_persons
    written = select(s.c.id_number, s.c.id).where(s.c._write, s.c.id_number.is_not(None), s.c.id_number != "",
                                                  ~s.c.deleted)
    rewritten = select(s.c.id).where(or_(s.c._write, s.c.deleted))
    holders = sa.union_all(written, select(persons.c.id_number, persons.c.id).where(
        persons.c.id_number.in_(select(written.subquery().c.id_number)), ~persons.c.deleted,
        persons.c.id.not_in(rewritten))).subquery()
    shared = select(holders.c.id_number).group_by(holders.c.id_number).having(func.count() > 1)
    by_number: dict[str, list[str]] = defaultdict(list)
    for number, pid in conn.execute(select(holders).where(holders.c.id_number.in_(shared))):
        by_number[number].append(pid)
    numbers = sorted(by_number)
    known = set()
    for chunk in chunks(numbers):
        known.update(conn.execute(select(dup.c.person_a, dup.c.person_b).where(dup.c.id_number.in_(chunk))))
    for number in numbers:
        ids = sorted(by_number[number])
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if (a, b) not in known:
                    known.add((a, b))
                    plan.duplicates.append((number, a, b))
    plan.counts["persons"].duplicates = len(plan.duplicates)


# -- writing --------------------------------------------------------------------------------------------------------

def _write(conn: Connection, plan: Plan, arrived: str, progress: Progress, journal: Journal) -> None:
    stages = plan.staging.in_order()
    for done, stage in enumerate(stages):
        tbl, rows = stage.source, stage.rows
        if journal.active:  # the rows about to change, and the arrivals about to be noted
            journal.capture(conn, tbl.name, conn.scalars(stage.written()).all())
            journal.capture(conn, SyncArrival.__tablename__,
                            [(tbl.name, rid) for rid in conn.scalars(select(rows.c.id).where(rows.c._in_scope))])
        if tbl.name == "cases":
            _settle_case_numbers(conn, rows, journal)
        _write_rows(conn, stage)
        _write_arrivals(conn, stage, arrived)
        progress.report(done + 1, len(stages) + 1)
    if plan.conflicts:
        with journal.inserting(conn, SyncConflict.__tablename__):
            conn.execute(SyncConflict.__table__.insert(), plan.conflicts)
    if plan.duplicates:
        with journal.inserting(conn, SyncDuplicate.__tablename__):
            conn.execute(SyncDuplicate.__table__.insert(), [
                {"id_number": n, "person_a": a, "person_b": b, "detected_at": utcnow(), "status": "open",
                 "resolved_by": ""} for n, a, b in plan.duplicates])
    grid = plan.staging.stages.get("grid_nodes")
    if grid is not None and conn.scalar(select(exists(grid.written()))):
        _repair_tree_paths(conn, journal)


def _write_rows(conn: Connection, stage: Stage) -> None:
    """The staged rows marked to be written: inserted when new here, else written over the local version."""
    tbl, rows, columns = stage.source, stage.rows, stage.columns
    conn.execute(tbl.insert().from_select(columns, select(*(rows.c[c] for c in columns)).where(
        rows.c._write, ~rows.c._local)))
    conn.execute(update(tbl).where(tbl.c.id == rows.c.id, rows.c._write, rows.c._local).values(
        {c: rows.c[c] for c in columns if c != "id"}))


def _write_arrivals(conn: Connection, stage: Stage, arrived: str) -> None:
    """Remember the newest remote version seen of every record in scope, and when the applied ones arrived."""
    arr, rows, name = SyncArrival.__table__, stage.rows, stage.source.name
    newer = or_(rows.c.hlc > arr.c.seen_hlc, and_(rows.c.hlc == arr.c.seen_hlc, rows.c.office_id > arr.c.seen_office_id))
    conn.execute(update(arr).where(arr.c.table_name == name, arr.c.record_id == rows.c.id, rows.c._in_scope).values(
        seen_hlc=case((newer, rows.c.hlc), else_=arr.c.seen_hlc),
        seen_office_id=case((newer, rows.c.office_id), else_=arr.c.seen_office_id),
        local_hlc=case((rows.c._write, arrived), else_=arr.c.local_hlc)))
    conn.execute(arr.insert().from_select(
        ["table_name", "record_id", "local_hlc", "seen_hlc", "seen_office_id"],
        select(literal(name, sa.String), rows.c.id, case((rows.c._write, arrived), else_=""), rows.c.hlc,
               rows.c.office_id).where(rows.c._in_scope, ~rows.c._arrival)))


def _settle_case_numbers(conn: Connection, staged_cases: sa.Table, journal: Journal) -> None:
    """Case numbers are unique. Two offices can (very rarely) issue the same one: then the case with the
    smaller id keeps it and the others get ``-<first 4 of id>`` appended — the same outcome in every office."""
    cases, s = table("cases"), staged_cases
    # free the numbers of the cases being rewritten, so the order of the updates cannot collide
    conn.execute(update(cases).where(cases.c.id.in_(select(s.c.id).where(s.c._write, s.c._local)))
                 .values(number=cases.c.id))
    claims = sa.union_all(select(s.c.number, s.c.id, literal(True).label("incoming")).where(s.c._write),
                          select(cases.c.number, cases.c.id, literal(False)).where(
                              cases.c.number.in_(select(s.c.number).where(s.c._write)))).subquery()
    clashing = select(claims.c.number).group_by(claims.c.number).having(func.count() > 1)
    holders: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for number, cid, incoming in conn.execute(select(claims).where(claims.c.number.in_(clashing))):
        holders[number].append((cid, incoming))
    for number, claimants in holders.items():
        for cid, incoming in sorted(claimants)[1:]:
            target = s if incoming else cases
            if not incoming:
                journal.capture(conn, "cases", [cid])
            conn.execute(update(target).where(target.c.id == cid).values(number=f"{number}-{cid[:4].upper()}"))


def _repair_tree_paths(conn: Connection, journal: Journal) -> None:
    """``path`` and ``level`` derive from ``parent_id``: recompute them after a merge so that a node moved in
    one office and its child edited in another still form one consistent tree (no new stamps: every office
    derives the same values)."""
    nodes = table("grid_nodes")
    rows = {r.id: r for r in conn.execute(select(nodes.c.id, nodes.c.parent_id, nodes.c.path, nodes.c.level))}
    fixed: dict[str, tuple[str, int]] = {}

    def derive(node_id: str, depth: int = 0) -> tuple[str, int]:
        if node_id not in fixed:
            r = rows[node_id]
            if r.parent_id in rows and depth < 16:
                parent_path, parent_level = derive(r.parent_id, depth + 1)
                fixed[node_id] = (f"{parent_path}{node_id}/", parent_level + 1)
            else:
                fixed[node_id] = (r.path, r.level)
        return fixed[node_id]

    changes = [{"b_id": i, "path": p, "level": lv} for i in rows for p, lv in [derive(i)]
               if (p, lv) != (rows[i].path, rows[i].level)]
    if changes:
        journal.capture(conn, "grid_nodes", [c["b_id"] for c in changes])
        conn.execute(update(nodes).where(nodes.c.id == bindparam("b_id")), changes)


def _store_attachments(ws: Any, pkg: Package, plan: Plan) -> int:
    """The files of the attachments written (not tombstoned) that this office lacks, streamed from the package
    (verified by hash when it was opened; content-addressed, so a file present is not written again)."""
    stage = plan.staging.stages.get("attachments")
    if stage is None:
        return 0
    store, rows = attachment_store(ws), stage.rows
    wanted = {sha for (sha,) in plan.staging.conn.execute(
        select(rows.c.sha256).where(rows.c._write, ~rows.c.deleted).distinct()) if not store.path(sha).exists()}
    stored = 0
    for _sha, data in pkg.attachments(wanted):
        store.put(data)
        stored += 1
    return stored


def _bookkeeping(conn: Connection, ws: Any, actor: Actor, pkg: Package, plan: Plan, backup: str,
                 had_tree: bool, journal: Journal) -> None:
    info, manifest = pkg.info, pkg.manifest
    with Session(bind=conn) as s:
        journal.watch(s)  # offices, scope, peer watermarks, the history row: forgotten again by an undo
        for office in manifest.get("offices", []):
            if office["id"] != ws.office.id:
                remember_office(s, office)
        remember_office(s, manifest["office"])
        if not had_tree and info.scope_grid_id and local_scope(s) is None:
            set_local_scope(s, info.scope_grid_id)  # a new office takes the scope its first package was cut for
        state = peer(s, info.office_id)
        if _covers(manifest, scope_of(conn, local_scope(s))) and (not info.from_hlc or info.from_hlc <= state.received_hlc):
            state.received_hlc = max(state.received_hlc, info.to_hlc)
        state.acked_hlc = max(state.acked_hlc, manifest.get("received", {}).get(ws.office.id, ""))
        state.scope_grid_id = manifest.get("office_scope")
        state.last_received_seq, state.last_received_at = info.seq, utcnow()
        s.add(SyncHistory(package_id=info.package_id, direction="import", user_name=actor.name,
                          file_name=info.path.name, office_id=info.office_id, seq=info.seq, full=info.full,
                          counts={n: c.as_dict() for n, c in plan.counts.items()}, backup_path=backup))
        persons = plan.counts.get("persons")
        add_entry(s, actor.name, SYNC_IMPORT, "grid_nodes", info.scope_grid_id or "", {
            "file": info.path.name, "office": info.office_name, "seq": info.seq, "scope": info.scope_name,
            "records": plan.totals().changed, "persons": persons.changed if persons else 0, "backup": backup})
        s.flush()


def _covers(manifest: dict[str, Any], mine: Scope | None) -> bool:
    """Whether the package can vouch for everything its sender holds for us: it was cut for the sender's whole
    scope, for everything, or for a subtree that contains ours."""
    theirs = manifest["scope"]
    return (theirs["grid_id"] in (None, manifest.get("office_scope"))
            or (mine is not None and mine.path.startswith(theirs["path"])))


# -- reading helpers ------------------------------------------------------------------------------------------------

def _arrivals(conn: Connection, name: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    arr = SyncArrival.__table__
    return {rid: (hlc, office) for rid, hlc, office in conn.execute(
        select(arr.c.record_id, arr.c.seen_hlc, arr.c.seen_office_id).where(
            arr.c.table_name == name, arr.c.record_id.in_(ids)))}


def _kept_conflicts(conn: Connection, name: str, ids: list[str]) -> set[tuple[str, str, str]]:
    c = SyncConflict.__table__
    return set(conn.execute(select(c.c.record_id, c.c.lost_hlc, c.c.lost_office_id).where(
        c.c.table_name == name, c.c.record_id.in_(ids))))


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: encode_value(v) for k, v in row.items()}


@lru_cache(maxsize=1)
def _known_revisions() -> frozenset[str]:
    return frozenset(s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions())


def _foreign_keys(conn: Connection, on: bool) -> None:
    """SQLite checks foreign keys row by row, so the import switches them off (outside its transaction).
    PostgreSQL's are DEFERRABLE INITIALLY DEFERRED (migration 0006): checked once, at commit."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
        conn.commit()

"""Import a package: verify everything first, preview without writing, then back up (a big package) or journal
for undo (a small one, gridapp.sync.journal) and apply it all in one transaction that keeps the remote stamps
(Core statements: the ORM flush hook would re-stamp them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.orm import Session

from gridapp import access, live
from gridapp.changes import Changes, Table
from gridapp.db import _alembic_config, storage_errors
from gridapp.dto import Actor
from gridapp.errors import AlreadyImported, DamagedPackage, ForeignPackage, RuleViolation
from gridapp.hlc import decode
from gridapp.models import GridNode, SyncArrival, SyncConflict, SyncDuplicate, SyncHistory
from gridapp.models.base import utcnow
from gridapp.progress import Progress
from gridapp.services.audit import add_entry
from gridapp.services.cases import attachment_store
from gridapp.sync import container, package
from gridapp.sync.dto import ImportPreview, ImportSummary, PackageInfo, TableCounts, total_of
from gridapp.sync.journal import Journal, journals
from gridapp.sync.merge import Decision, decide
from gridapp.sync.package import Package
from gridapp.sync.scope import Scope, ScopeResolver, scope_of
from gridapp.sync.state import (
    latest_watermark,
    local_scope,
    peer,
    remember_office,
    set_local_scope,
)
from gridapp.sync.tables import chunks, encode_value, load_rows, row_decoder, synced_tables, table
from gridapp.table_labels import label

SYNC_IMPORT = "sync_import"  # the audit action of a package imported
MAX_AHEAD = timedelta(days=2)  # how far a package's stamps may lie ahead of this PC's clock

# Called with the transaction still open, once everything is written: lets a test kill the process right
# there and check that nothing was kept (tests/sync_import_paused.py). Nothing sets it in the program.
after_write: Callable[[], None] | None = None


def read_package(ws: Any, path: Path, passphrase: str) -> Package:
    """Decrypt and check the file and its fit with this database; raises a SyncRefused subclass."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DamagedPackage(f"无法读取同步包 {path.name}：{exc.strerror or exc}。请检查U盘是否已插好。") from exc
    pkg = package.unpack(container.open_sealed(data, passphrase), path, len(data))
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
    _refuse_if_ahead(info, max([info.to_hlc, *_remote_hlcs(pkg)]), ws.clock.wall_ms())
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
    with storage_errors(), ws.engine.connect() as conn:
        plan = _plan(conn, pkg)
    return ImportPreview(pkg.info, plan.table_counts(), plan.totals())


def apply(ws: Any, actor: Actor, pkg: Package, progress: Progress | None = None) -> ImportSummary:
    info = pkg.info
    _require_importer(ws, actor)
    _refuse_if_imported(ws, info)  # a package read once and applied twice
    keep_journal = journals(ws, sum(len(data.rows) for data in pkg.tables.values()))
    backup = str(ws.backup("sync-import")) if ws.db_file is not None and not keep_journal else ""
    with ws.read() as s:
        ws.clock.observe(latest_watermark(s))
    ws.clock.observe(max([info.to_hlc, *_remote_hlcs(pkg)]))
    arrived = ws.clock.now()  # later than every watermark this office has sent: see SyncArrival
    with ws.gate.hold("正在导入同步包"), storage_errors(), ws.engine.connect() as conn:
        _foreign_keys(conn, on=False)  # scoped copies may point at records of other scopes (docs: "Scope")
        try:
            with conn.begin():
                journal = Journal.start(conn, "sync", f"{info.office_name} 第 {info.seq} 号同步包（{info.path.name}）",
                                        actor.name, backup, keep_journal)
                had_tree = conn.scalar(select(func.count()).select_from(GridNode)) > 0
                plan = _plan(conn, pkg)
                _write(conn, plan, arrived, progress or Progress(), journal)
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
    counts: dict[str, TableCounts] = field(default_factory=dict)
    inserts: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    updates: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    seen: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # newest remote (hlc, office)
    known_arrivals: set[tuple[str, str]] = field(default_factory=set)
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


def _plan(conn: Connection, pkg: Package) -> Plan:
    scope = scope_of(conn, local_scope(conn))
    incoming = _incoming(pkg)
    resolver = ScopeResolver(conn, scope, incoming)
    sender, received = pkg.info.office_id, pkg.manifest.get("received", {})
    plan = Plan()
    for tbl in synced_tables():
        rows = incoming.get(tbl.name)
        if not rows:
            continue
        counts = plan.counts[tbl.name] = TableCounts(tbl.name, label(tbl.name))
        local = load_rows(conn, tbl, rows)
        arrivals = _arrivals(conn, tbl.name, rows)
        kept = _kept_conflicts(conn, tbl.name, rows)
        for rid, row in rows.items():
            if not resolver.holds(tbl.name, row):
                counts.out_of_scope += 1
                continue
            old = local.get(rid)
            seen = arrivals.get(rid, ("", ""))
            decision = decide(old, row, seen, sender, received)
            if decision.lost and (rid, *_lost_version(decision, old, row)) in kept:
                decision = Decision("unchanged", decision.write)
            setattr(counts, decision.outcome, getattr(counts, decision.outcome) + 1)
            _note(plan, tbl.name, old, row, decision, pkg.info.package_id)
            if rid in arrivals:
                plan.known_arrivals.add((tbl.name, rid))
            plan.seen[(tbl.name, rid)] = max(seen, (row["hlc"], row["office_id"]))
    if "persons" in plan.counts:
        _find_duplicates(conn, plan, incoming["persons"])
    return plan


def _note(plan: Plan, name: str, old: dict[str, Any] | None, row: dict[str, Any], decision: Decision,
          package_id: str) -> None:
    if decision.write:
        (plan.inserts if old is None else plan.updates)[name].append(row)
    if decision.lost:
        kept, lost = (row, old) if decision.lost == "local" else (old, row)
        plan.conflicts.append({
            "table_name": name, "record_id": row["id"], "kept_values": _json_row(kept), "kept_hlc": kept["hlc"],
            "kept_office_id": kept["office_id"], "lost_values": _json_row(lost), "lost_hlc": lost["hlc"],
            "lost_office_id": lost["office_id"], "lost_side": decision.lost, "package_id": package_id,
            "detected_at": utcnow(), "status": "open", "resolution": "", "resolved_by": ""})


def _lost_version(decision: Decision, old: dict[str, Any] | None, row: dict[str, Any]) -> tuple[str, str]:
    lost = old if decision.lost == "local" else row
    return lost["hlc"], lost["office_id"]


def _find_duplicates(conn: Connection, plan: Plan, incoming: dict[str, dict[str, Any]]) -> None:
    """The same ID number on two live person records is a duplicate to review, never an import failure."""
    written = [r for r in [*plan.inserts["persons"], *plan.updates["persons"]] if r["id_number"] and not r["deleted"]]
    numbers = sorted({r["id_number"] for r in written})
    holders: dict[str, set[str]] = defaultdict(set)
    persons = table("persons")
    for chunk in chunks(numbers):
        for pid, number in conn.execute(select(persons.c.id, persons.c.id_number).where(
                persons.c.id_number.in_(chunk), ~persons.c.deleted)):
            if pid not in incoming or not incoming[pid]["deleted"]:
                holders[number].add(pid)
    for r in written:
        holders[r["id_number"]].add(r["id"])
    dup = SyncDuplicate.__table__
    known = set(conn.execute(select(dup.c.person_a, dup.c.person_b).where(dup.c.id_number.in_(numbers))))
    for number in numbers:
        ids = sorted(holders[number])
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if (a, b) not in known:
                    known.add((a, b))
                    plan.duplicates.append((number, a, b))
    plan.counts["persons"].duplicates = len(plan.duplicates)


# -- writing --------------------------------------------------------------------------------------------------------

def _write(conn: Connection, plan: Plan, arrived: str, progress: Progress, journal: Journal) -> None:
    tables = [t for t in synced_tables() if t.name in plan.counts]
    for done, tbl in enumerate(tables):
        inserts, updates = plan.inserts.get(tbl.name, []), plan.updates.get(tbl.name, [])
        journal.capture(conn, tbl.name, [r["id"] for r in (*inserts, *updates)])
        if tbl.name == "cases":
            _settle_case_numbers(conn, inserts, updates, journal)
        for chunk in chunks(inserts):
            conn.execute(tbl.insert(), chunk)
        for chunk in chunks(updates):
            conn.execute(update(tbl).where(tbl.c.id == bindparam("b_id")), [{**r, "b_id": r["id"]} for r in chunk])
        progress.report(done + 1, len(tables) + 1)
    journal.capture(conn, SyncArrival.__tablename__, plan.seen)
    _write_arrivals(conn, plan, arrived)
    if plan.conflicts:
        with journal.inserting(conn, SyncConflict.__tablename__):
            conn.execute(SyncConflict.__table__.insert(), plan.conflicts)
    if plan.duplicates:
        with journal.inserting(conn, SyncDuplicate.__tablename__):
            conn.execute(SyncDuplicate.__table__.insert(), [
                {"id_number": n, "person_a": a, "person_b": b, "detected_at": utcnow(), "status": "open",
                 "resolved_by": ""} for n, a, b in plan.duplicates])
    if plan.inserts.get("grid_nodes") or plan.updates.get("grid_nodes"):
        _repair_tree_paths(conn, journal)


def _write_arrivals(conn: Connection, plan: Plan, arrived: str) -> None:
    """Remember the newest remote version seen of every record, and when the applied ones arrived."""
    written = {(name, r["id"]) for rows in (plan.inserts, plan.updates) for name, v in rows.items() for r in v}
    arr = SyncArrival.__table__
    fresh, known = [], []
    for (name, rid), (hlc, office) in plan.seen.items():
        values = {"seen_hlc": hlc, "seen_office_id": office}
        if (name, rid) in written:
            values["local_hlc"] = arrived
        if (name, rid) in plan.known_arrivals:
            known.append({**values, "t": name, "r": rid})
        else:
            fresh.append({"local_hlc": "", **values, "table_name": name, "record_id": rid})
    for chunk in chunks(fresh):
        conn.execute(arr.insert(), chunk)
    for with_arrival in (True, False):  # one statement shape per executemany
        rows = [v for v in known if ("local_hlc" in v) == with_arrival]
        stmt = update(arr).where((arr.c.table_name == bindparam("t")) & (arr.c.record_id == bindparam("r")))
        for chunk in chunks(rows):
            conn.execute(stmt, chunk)


def _settle_case_numbers(conn: Connection, inserts: list[dict[str, Any]], updates: list[dict[str, Any]],
                         journal: Journal) -> None:
    """Case numbers are unique. Two offices can (very rarely) issue the same one: then the case with the
    smaller id keeps it and the others get ``-<first 4 of id>`` appended — the same outcome in every office."""
    cases = table("cases")
    if updates:  # free the numbers of the cases being rewritten, so the order of the updates cannot collide
        for chunk in chunks([r["id"] for r in updates]):
            conn.execute(update(cases).where(cases.c.id.in_(chunk)).values(number=cases.c.id))
    claimants: dict[str, list[tuple[str, dict[str, Any] | None]]] = defaultdict(list)
    for row in [*inserts, *updates]:
        claimants[row["number"]].append((row["id"], row))
    for chunk in chunks(sorted(claimants)):
        for cid, number in conn.execute(select(cases.c.id, cases.c.number).where(cases.c.number.in_(chunk))):
            claimants[number].append((cid, None))
    for number, holders in claimants.items():
        for cid, row in sorted(holders, key=lambda h: h[0])[1:]:
            renamed = f"{number}-{cid[:4].upper()}"
            if row is None:
                journal.capture(conn, "cases", [cid])
                conn.execute(update(cases).where(cases.c.id == cid).values(number=renamed))
            else:
                row["number"] = renamed


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
    store = attachment_store(ws)
    wanted = {r["sha256"] for rows in (plan.inserts, plan.updates) for r in rows.get("attachments", [])
              if not r["deleted"]}
    stored = 0
    for sha in wanted & pkg.attachments.keys():
        if not store.path(sha).exists():
            store.put(pkg.attachments[sha])
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

def _incoming(pkg: Package) -> dict[str, dict[str, dict[str, Any]]]:
    out = {}
    for tbl in synced_tables():
        data = pkg.tables.get(tbl.name)
        if data is not None:
            decode = row_decoder(tbl, data.columns)
            out[tbl.name] = {r["id"]: r for r in map(decode, data.rows)}
    return out


def _remote_hlcs(pkg: Package) -> Iterable[str]:
    for data in pkg.tables.values():
        at = data.columns.index("hlc")
        yield from (row[at] for row in data.rows)


def _arrivals(conn: Connection, name: str, rows: dict[str, Any]) -> dict[str, tuple[str, str]]:
    arr = SyncArrival.__table__
    out = {}
    for chunk in chunks(list(rows)):
        out.update((rid, (hlc, office)) for rid, hlc, office in conn.execute(
            select(arr.c.record_id, arr.c.seen_hlc, arr.c.seen_office_id).where(
                arr.c.table_name == name, arr.c.record_id.in_(chunk))))
    return out


def _kept_conflicts(conn: Connection, name: str, rows: dict[str, Any]) -> set[tuple[str, str, str]]:
    c = SyncConflict.__table__
    out: set[tuple[str, str, str]] = set()
    for chunk in chunks(list(rows)):
        out.update(conn.execute(select(c.c.record_id, c.c.lost_hlc, c.c.lost_office_id).where(
            c.c.table_name == name, c.c.record_id.in_(chunk))))
    return out


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

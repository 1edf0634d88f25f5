"""Write a package: the records of a scope that a peer has not acknowledged (or all of them), the attachment
files they reference, and this office's watermarks — encrypted into one file, written atomically."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import ColumnElement, Connection, Table, or_, select, true

from gridapp import access
from gridapp.dto import Actor, OfficeInfo
from gridapp.errors import NotFound, RuleViolation, StorageError
from gridapp.file_names import safe_name
from gridapp.models import GridNode, Office, SyncArrival, SyncHistory, SyncPeer
from gridapp.models.base import new_id, utcnow
from gridapp.progress import Progress
from gridapp.services.audit import add_entry
from gridapp.services.cases import attachment_store
from gridapp.sync import container, package
from gridapp.sync.dto import ExportSummary
from gridapp.sync.scope import Scope, in_scope_clause, scope_of
from gridapp.sync.state import latest_watermark, local_scope, next_seq, peer, received_watermarks
from gridapp.sync.tables import synced_tables, travelling_columns
from gridapp.version import program_version

SUFFIX = ".gridsync"
SYNC_EXPORT = "sync_export"  # the audit action of a package written


def export_package(ws: Any, actor: Actor, target: Path, peer_office_id: str | None, scope_grid_id: str | None,
                   passphrase: str, progress: Progress | None = None) -> ExportSummary:
    access.require(actor, "sync")
    office = _office(ws)
    if not passphrase:
        raise RuleViolation("请先设置本县统一的同步口令（设置 → 同步口令）。")
    with ws.read() as s:
        conn = s.connection()
        ws.clock.observe(latest_watermark(s))
        watermark = ws.clock.now()  # everything this office holds up to here goes into the package
        partner = s.get(Office, peer_office_id) if peer_office_id else None
        if peer_office_id and partner is None:
            raise NotFound("找不到接收同步包的单位。请先导入一次对方的同步包，或改为导出全部数据。")
        state = s.get(SyncPeer, peer_office_id) if peer_office_id else None
        since = state.acked_hlc if state is not None else ""
        scope_id = _clamped(s, actor, scope_grid_id or (state.scope_grid_id if state is not None else None)
                            or local_scope(s))
        scope = scope_of(conn, scope_id)
        if scope_id and scope is None:
            raise NotFound("找不到要导出的网格范围，可能已被删除。")
        seq = next_seq(s)
        manifest = {
            "package_id": new_id(), "schema": _schema_version(conn), "program_version": program_version(),
            "created_at": utcnow().isoformat(),
            "office": {"id": office.id, "name": office.name, "county_code": office.county_code},
            "office_scope": local_scope(s), "seq": seq, "full": peer_office_id is None,
            "to_office_id": peer_office_id, "scope": _scope_json(s, scope), "from_hlc": since,
            "to_hlc": watermark, "received": received_watermarks(s),
            "offices": [{"id": o.id, "name": o.name, "county_code": o.county_code} for o in s.scalars(select(Office))],
        }
        path = _target_file(target, office.name, seq)
        with _written_atomically(path) as out, container.ChunkWriter(out, passphrase) as chunks:
            writer = package.PackageWriter(chunks)
            shas = _records(conn, scope, since, peer_office_id, writer, progress or Progress())
            attachment_bytes = _attachment_files(ws, shas, writer)
            manifest = writer.finish(manifest)
    _record(ws, actor, manifest, path, writer.counts, peer_office_id)
    info = package.info(manifest, path, chunks.size)
    return ExportSummary(path, info, sum(writer.counts.values()), attachment_bytes)


def _office(ws: Any) -> OfficeInfo:
    if ws.office is None:
        raise RuleViolation("本数据库尚未初始化本单位名称，不能导出同步包。")
    return ws.office


def _clamped(s: Any, actor: Actor, scope_id: str | None) -> str | None:
    """The package's scope within the user's: a scope above the user's narrows to it; one beside it is
    refused."""
    mine = access.scope_path(s, actor)
    if mine is None:
        return scope_id
    if scope_id is None:
        return actor.scope_grid_id
    wanted = scope_of(s.connection(), scope_id)
    if wanted is None or access.in_scope(mine, wanted.path):  # a node that is gone is refused by the caller
        return scope_id
    if access.in_scope(wanted.path, mine):
        return actor.scope_grid_id
    raise access.OutOfScope(f"要导出的网格范围{access.OUTSIDE}。")


def _records(conn: Connection, scope: Scope | None, since: str, peer_office_id: str | None,
             writer: package.PackageWriter, progress: Progress) -> set[str]:
    """Every table's rows into the package in batches, as they are read; the sha256 of the attachment files
    the rows reference."""
    tables = synced_tables()
    shas: set[str] = set()
    for done, tbl in enumerate(tables):
        query = select(tbl).where(in_scope_clause(tbl.name, scope))
        if peer_office_id:  # the peer holds its own versions (or newer ones): never send them back
            query = query.where(tbl.c.office_id != peer_office_id, _changed_since(tbl, since))
        columns = [c.name for c in tbl.c]
        query = query.with_only_columns(*travelling_columns(tbl))
        for part in conn.execution_options(yield_per=package.BATCH_ROWS).execute(query).partitions():
            rows = [list(r) for r in part]
            writer.rows(tbl.name, columns, rows)
            if tbl.name == "attachments":
                sha_at, deleted_at = columns.index("sha256"), columns.index("deleted")
                shas.update(r[sha_at] for r in rows if not r[deleted_at])
        progress.report(done + 1, len(tables) + 1)
    return shas


def _changed_since(tbl: Table, since: str) -> ColumnElement[bool]:
    """Changed after the watermark, or arrived here (from a third office) after it with an older stamp."""
    if not since:
        return true()
    arrived = select(SyncArrival.record_id).where(SyncArrival.table_name == tbl.name, SyncArrival.local_hlc > since)
    return or_(tbl.c.hlc > since, tbl.c.id.in_(arrived))


def _attachment_files(ws: Any, shas: set[str], writer: package.PackageWriter) -> int:
    """The referenced files this office holds, one at a time (a file missing here simply does not travel)."""
    store = attachment_store(ws)
    total = 0
    for sha in sorted(shas):
        path = store.path(sha)
        if path.exists():
            data = path.read_bytes()
            writer.attachment(sha, data)
            total += len(data)
    return total


def _schema_version(conn: Connection) -> str:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision() or ""


def _scope_json(s: Any, scope: Scope | None) -> dict[str, Any]:
    if scope is None:
        return {"grid_id": None, "path": "", "name": "全部"}
    return {"grid_id": scope.grid_id, "path": scope.path, "name": s.get(GridNode, scope.grid_id).name}


def _target_file(target: Path, office_name: str, seq: int) -> Path:
    if target.suffix == SUFFIX:
        return target
    day = datetime.now(UTC).astimezone().strftime("%Y%m%d")
    return target / f"{safe_name(office_name, 'office')}-{day}-{seq:04d}{SUFFIX}"


@contextlib.contextmanager
def _written_atomically(path: Path) -> Iterator[BinaryIO]:
    """Temp file, fsync, rename: a stick pulled out mid-write (or a failed export) leaves no half package
    under the real name."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # a stick pulled out takes the temporary file with it
            temporary.unlink(missing_ok=True)
        raise StorageError(f"同步包无法写入 {path.parent}。请检查U盘：可能已写满、处于写保护状态或已被拔出。"
                           "处理后重新插好U盘再导出一次。") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def _record(ws: Any, actor: Actor, manifest: dict[str, Any], path: Path, counts: dict[str, int],
            peer_office_id: str | None) -> None:
    with ws.write(actor) as tx:
        s = tx.session
        s.add(SyncHistory(package_id=manifest["package_id"], direction="export", user_name=actor.name,
                          file_name=path.name, office_id=peer_office_id or "", seq=manifest["seq"],
                          full=manifest["full"], counts={n: {"sent": c} for n, c in counts.items()}))
        add_entry(s, actor.name, SYNC_EXPORT, "grid_nodes", manifest["scope"]["grid_id"] or "", {
            "file": path.name, "scope": manifest["scope"]["name"], "full": manifest["full"],
            "records": sum(counts.values()), "persons": counts.get("persons", 0),
            "masked": False})
        if peer_office_id:
            state = peer(s, peer_office_id)
            state.sent_hlc = manifest["to_hlc"]
            state.last_sent_seq = manifest["seq"]
            state.last_sent_at = utcnow()

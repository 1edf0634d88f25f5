"""USB sync at county scale: a full package of the county data set, its import into an empty database, and an
incremental package of 100 changes — times, peak RSS of each step, sizes, and the ratio to the raw floor
underneath. Targets (issue 16): full export + import ≤ 30 s, incremental export + import ≤ 1 s, each step's
peak RSS ≤ 500 MB. The import's whole-file backup is timed on its own and shown beside the import.

    .venv/bin/python benchmarks/sync.py

The floor is what no package can beat: the database file itself, zlib-compressed and AES-GCM encrypted
(ratio = floor ÷ ours; 1.0 would mean selecting, encoding, checking and merging cost nothing).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from benchmarks.common import DATA, county_workspace, measured, print_table
from gridapp.dto import SYSTEM
from gridapp.workspace import Workspace

PASS = "宁陵县同步口令2026"
CHANGES = 100


class TimedBackups:
    """Wraps ``ws.backup`` (called by the import before it writes) to time the whole-file copy on its own."""

    def __init__(self, ws: Workspace) -> None:
        self.seconds = 0.0
        self._backup = ws.backup
        ws.backup = self  # type: ignore[method-assign]

    def __call__(self, reason: str) -> Path:
        start = time.perf_counter()
        try:
            return self._backup(reason)
        finally:
            self.seconds += time.perf_counter() - start


def main() -> None:
    county, _ = county_workspace()
    county.close()
    work = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    source = copy_of(DATA / "county.sqlite3", work / "county" / "db.sqlite3")
    target = Workspace.open(work / "town" / "db.sqlite3")
    target.init_office("基准测试接收单位", source.office.county_code)
    backups = TimedBackups(target)
    usb = work / "usb"

    with measured() as export_m:
        full = source.sync.export_package(SYSTEM, usb, None, None, PASS)
    with measured() as read_m:
        pkg = target.sync.read_package(full.path, PASS)
    with measured() as apply_m:
        summary = target.sync.apply(SYSTEM, pkg)
    full_backup = backups.seconds
    assert summary.totals.new == full.record_total, summary.totals
    floor_size, floor_wall = raw_floor(source.db_file)

    hello = target.sync.export_package(SYSTEM, usb, source.office.id, None, PASS)  # carries the acknowledgement
    source.sync.apply(SYSTEM, source.sync.read_package(hello.path, PASS))
    change_places(source)
    backups.seconds = 0.0
    with measured() as delta_export_m:
        delta = source.sync.export_package(SYSTEM, usb, target.office.id, None, PASS)
    with measured() as delta_import_m:
        merged = target.sync.apply(SYSTEM, target.sync.read_package(delta.path, PASS))
    delta_backup = backups.seconds
    assert merged.totals.updated == CHANGES, merged.totals

    size_db = source.db_file.stat().st_size
    full_total = export_m.seconds + read_m.seconds + apply_m.seconds
    delta_total = delta_export_m.seconds + delta_import_m.seconds
    print_table("USB sync, county data set", [
        ("records", f"{full.record_total:,} rows in {len(full.package.record_counts)} tables "
                    f"(database file {size_db / 1e6:.0f} MB)"),
        ("full export", f"{export_m}, package {full.package.size_bytes / 1e6:.1f} MB"),
        ("full import: open + verify", f"{read_m}"),
        ("full import: backup + stage + merge + write", f"{apply_m} (backup {full_backup:.1f} s)"),
        ("full export + import (target ≤ 30 s)", f"{full_total:.1f} s "
                                                 f"({full_total - full_backup:.1f} s without the backup)"),
        ("raw floor: db file → zlib → AES-GCM", f"{floor_wall:.1f} s, {floor_size / 1e6:.1f} MB"),
        ("ratio floor ÷ export (time)", f"{floor_wall / export_m.seconds:.2f}"),
        ("ratio floor ÷ export + import (time)", f"{floor_wall / full_total:.2f}"),
        ("ratio package ÷ floor (size)", f"{full.package.size_bytes / floor_size:.2f}"),
        (f"incremental export, {CHANGES} changes", f"{delta_export_m}, {delta.package.size_bytes:,} bytes "
                                                   f"({delta.record_total} records)"),
        (f"incremental import, {CHANGES} changes", f"{delta_import_m} (backup {delta_backup * 1000:.0f} ms)"),
        ("incremental export + import (target ≤ 1 s)",
         f"{delta_total * 1000:.0f} ms ({(delta_total - delta_backup) * 1000:.0f} ms without the backup)"),
    ])
    source.close()
    target.close()
    shutil.rmtree(work, ignore_errors=True)


def copy_of(path: Path, target: Path) -> Workspace:
    """A private copy of the cached county database (the import must not touch the shared cache)."""
    target.parent.mkdir(parents=True)
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    return Workspace.open(target)


def change_places(ws: Workspace) -> None:
    with ws.read() as s:
        ids = [r[0] for r in s.connection().exec_driver_sql(
            f"SELECT id FROM places WHERE NOT deleted ORDER BY id LIMIT {CHANGES}")]
    for n, place_id in enumerate(ids):
        ws.places.update(SYSTEM, place_id, notes=f"同步基准测试修改 {n}")


def raw_floor(db_file: Path) -> tuple[int, float]:
    start = time.perf_counter()
    data = zlib.compress(db_file.read_bytes(), 6)
    nonce, key = os.urandom(12), AESGCM.generate_key(bit_length=256)
    sealed = AESGCM(key).encrypt(nonce, data, None)
    return len(sealed), time.perf_counter() - start


if __name__ == "__main__":
    main()

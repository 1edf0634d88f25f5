"""USB sync at county scale: a full package of the county data set, its import into an empty database, and an
incremental package of 100 changes — times, sizes, and the ratio to the raw floor underneath.

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
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from benchmarks.common import DATA, county_workspace, print_table
from gridapp.dto import SYSTEM
from gridapp.workspace import Workspace

T = TypeVar("T")
PASS = "宁陵县同步口令2026"
CHANGES = 100


def timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    county, _ = county_workspace()
    county.close()
    work = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    source = copy_of(DATA / "county.sqlite3", work / "county" / "db.sqlite3")
    target = Workspace.open(work / "town" / "db.sqlite3")
    target.init_office("基准测试接收单位", source.office.county_code)
    usb = work / "usb"

    full, export_wall, export_cpu = timed(lambda: source.sync.export_package(SYSTEM, usb, None, None, PASS))
    pkg, read_wall, _ = timed(lambda: target.sync.read_package(full.path, PASS))
    summary, apply_wall, apply_cpu = timed(lambda: target.sync.apply(SYSTEM, pkg))
    assert summary.totals.new == full.record_total, summary.totals
    floor_size, floor_wall = raw_floor(source.db_file)

    hello = target.sync.export_package(SYSTEM, usb, source.office.id, None, PASS)  # carries the acknowledgement
    source.sync.apply(SYSTEM, source.sync.read_package(hello.path, PASS))
    change_places(source)
    delta, delta_wall, _ = timed(lambda: source.sync.export_package(SYSTEM, usb, target.office.id, None, PASS))
    small = target.sync.read_package(delta.path, PASS)
    merged, delta_apply_wall, _ = timed(lambda: target.sync.apply(SYSTEM, small))
    assert merged.totals.updated == CHANGES, merged.totals

    size_db = source.db_file.stat().st_size
    print_table("USB sync, county data set", [
        ("records", f"{full.record_total:,} rows in {len(full.package.record_counts)} tables "
                    f"(database file {size_db / 1e6:.0f} MB)"),
        ("full export", f"{export_wall:.1f} s ({export_cpu:.1f} s CPU), package {full.package.size_bytes / 1e6:.1f} MB"),
        ("full import: read + verify", f"{read_wall:.1f} s"),
        ("full import: backup + merge + write", f"{apply_wall:.1f} s ({apply_cpu:.1f} s CPU)"),
        ("raw floor: db file → zlib → AES-GCM", f"{floor_wall:.1f} s, {floor_size / 1e6:.1f} MB"),
        ("ratio floor ÷ export (time)", f"{floor_wall / export_wall:.2f}"),
        ("ratio package ÷ floor (size)", f"{full.package.size_bytes / floor_size:.2f}"),
        (f"incremental export, {CHANGES} changes", f"{delta_wall * 1000:.0f} ms, {delta.package.size_bytes:,} bytes "
                                                   f"({delta.record_total} records)"),
        (f"incremental import, {CHANGES} changes", f"{delta_apply_wall * 1000:.0f} ms (backup of the database included)"),
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

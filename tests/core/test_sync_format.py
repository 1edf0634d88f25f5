"""Package format 2 — chunks sealed one by one — and format 1, as older programs wrote it: both import; any
damage to any chunk (a byte, a dropped, swapped or cut-off chunk) is refused before anything is written,
also when the file changes between the check and the import; the set-wise merge agrees with merge.decide."""

from __future__ import annotations

import struct
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import backends
import pytest
import test_sync_offices as support
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from test_sync_offices import PASS, Offices, export, snapshot
from test_sync_refusals import refused

import gridapp.sync.container
from gridapp.dto import SYSTEM
from gridapp.errors import DamagedPackage
from gridapp.models import SyncArrival
from gridapp.sync import container, importer, package
from gridapp.sync.container import CHUNK, HEADER2
from gridapp.sync.merge import decide
from gridapp.sync.package import Package, TableBatch
from gridapp.sync.staging import staged
from gridapp.sync.tables import encode_value, load_rows, table
from gridapp.workspace import Workspace

fast_kdf, offices = support.fast_kdf, support.offices  # the shared fixtures


@pytest.fixture
def small_chunks(monkeypatch) -> None:
    """Chunks of 512 bytes: a package of a few records spans many chunks."""
    monkeypatch.setattr(gridapp.sync.container, "CHUNK_BYTES", 512)


@pytest.fixture
def package_file(offices: Offices, small_chunks: None) -> Path:
    for n in range(20):
        offices.v1.places.create(SYSTEM, offices.grid11, name=f"便民超市{n}", notes="营业时间 8:00-20:00" * 3)
    return export(offices.v1, offices.town, offices.usb)


def chunk_places(path: Path) -> list[tuple[int, int]]:
    """(offset, length) of every sealed chunk (its length field included)."""
    raw, places, at = path.read_bytes(), [], HEADER2.size
    while at < len(raw):
        (length,) = CHUNK.unpack_from(raw, at)
        places.append((at, CHUNK.size + length))
        at += CHUNK.size + length
    return places


def rewritten(path: Path, edit) -> Path:
    raw = path.read_bytes()
    chunks = [raw[a:a + n] for a, n in chunk_places(path)]
    target = path.with_name("damaged.gridsync")
    target.write_bytes(edit(raw[:HEADER2.size], chunks))
    return target


def flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def test_a_package_is_streamed_in_chunks_and_imports(offices: Offices, package_file: Path) -> None:
    assert len(chunk_places(package_file)) >= 5
    pkg = offices.town.sync.read_package(package_file, PASS)
    assert pkg.info.format_version == 2
    preview = offices.town.sync.preview(pkg)
    summary = offices.town.sync.apply(SYSTEM, pkg)
    assert summary.totals == preview.totals
    assert summary.totals.new == 20


DAMAGE = {
    "a header byte (the nonce prefix)": lambda h, c: flipped(h, 50) + b"".join(c),
    "a byte of the first chunk": lambda h, c: h + flipped(c[0], 40) + b"".join(c[1:]),
    "a byte of a middle chunk": lambda h, c: h + b"".join(c[:2]) + flipped(c[2], 20) + b"".join(c[3:]),
    "a byte of the last chunk": lambda h, c: h + b"".join(c[:-1]) + flipped(c[-1], len(c[-1]) - 1),
    "a chunk's length": lambda h, c: h + c[0] + flipped(c[1], 3) + b"".join(c[2:]),
    "a chunk dropped": lambda h, c: h + c[0] + b"".join(c[2:]),
    "two chunks swapped": lambda h, c: h + c[1] + c[0] + b"".join(c[2:]),
    "the last chunk cut off": lambda h, c: h + b"".join(c[:-1]),
    "cut inside a chunk": lambda h, c: h + b"".join(c[:2]) + c[2][:30],
    "bytes after the end": lambda h, c: h + b"".join(c) + b"\x00" * 20,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_any_damage_to_any_chunk_is_refused_and_nothing_is_written(offices: Offices, package_file: Path,
                                                                   damage: str) -> None:
    damaged = rewritten(package_file, DAMAGE[damage])
    refused(offices.town, damaged, DamagedPackage, "损坏|篡改|不完整|不是同步包|无法")


def test_a_file_changed_after_its_check_is_refused_by_the_import_itself(offices: Offices,
                                                                        package_file: Path) -> None:
    town = offices.town
    pkg = town.sync.read_package(package_file, PASS)
    at, _ = chunk_places(package_file)[3]
    package_file.write_bytes(flipped(package_file.read_bytes(), at + 10))
    before, backups = snapshot(town), backends.file_backups(town)
    with pytest.raises(DamagedPackage, match="篡改"):
        town.sync.apply(SYSTEM, pkg)
    assert snapshot(town) == before
    assert len(backends.file_backups(town)) <= len(backups) + 1  # the backup is taken before the second pass


def format1_copy(path: Path) -> Path:
    """The same package written by the old writer (one sealed message, one frame per table)."""
    pkg = package.open_package(path, PASS)
    tables: dict[str, TableBatch] = {}
    for batch in pkg.batches():
        tables.setdefault(batch.name, TableBatch(batch.name, batch.columns, [])).rows.extend(batch.rows)
    shas = {k[2:] for k in pkg.manifest["checksums"] if k.startswith("A:")}
    manifest = {k: v for k, v in pkg.manifest.items() if k not in ("format", "record_counts", "checksums")}
    frames = package.pack_format1(manifest, tables, dict(pkg.attachments(shas)))
    old = path.with_name("format1.gridsync")
    old.write_bytes(container.seal_format1(frames, PASS))
    return old


def test_a_format_1_package_of_an_older_program_still_imports(offices: Offices, package_file: Path) -> None:
    old = format1_copy(package_file)
    assert old.read_bytes()[8:10] == struct.pack(">H", 1)
    pkg = offices.town.sync.read_package(old, PASS)
    assert (pkg.info.format_version, pkg.info.record_counts) == (1, package.open_package(package_file, PASS)
                                                                  .info.record_counts)
    preview = offices.town.sync.preview(pkg)
    summary = offices.town.sync.apply(SYSTEM, pkg)
    assert summary.totals == preview.totals
    assert summary.totals.new == 20


def test_a_tampered_format_1_package_is_still_refused(offices: Offices, package_file: Path) -> None:
    old = format1_copy(package_file)
    old.write_bytes(flipped(old.read_bytes(), container.HEADER.size + 50))
    refused(offices.town, old, DamagedPackage, "篡改")


# -- the set-wise merge agrees with merge.decide -------------------------------------------------------------------

OFFICE = st.sampled_from(["office-a", "office-b", "office-c"])
HLC = st.sampled_from(["0001", "0002", "0003"])


@st.composite
def pairs(draw) -> dict[str, Any]:
    remote = {"hlc": draw(HLC), "office_id": draw(OFFICE), "deleted": draw(st.booleans()),
              "name": draw(st.sampled_from(["甲", "乙"]))}
    local = draw(st.none() | st.fixed_dictionaries({
        "hlc": HLC, "office_id": OFFICE, "deleted": st.booleans(), "name": st.sampled_from(["甲", "乙"])}))
    seen = draw(st.none() | st.tuples(HLC, OFFICE))
    return {"remote": remote, "local": local, "seen": seen}


class Batches(Package):
    def __init__(self, name: str, rows: list[dict[str, Any]], sender: str, received: dict[str, str]) -> None:
        self.info = SimpleNamespace(office_id=sender, package_id="p")  # type: ignore[assignment]
        self.manifest = {"received": received}
        self._batch = TableBatch(name, list(rows[0]), [[encode_value(v) for v in r.values()] for r in rows])

    def batches(self):
        yield self._batch


@pytest.fixture(scope="module")
def merge_ws(tmp_path_factory) -> Workspace:
    ws = support.open_office(tmp_path_factory.mktemp("merge") / "db.sqlite3", "合并测试")
    grid = ws.grid.create(SYSTEM, None, "宁陵县").id
    ws.places.create(SYSTEM, grid, name="模板")
    yield ws
    ws.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(pairs(), min_size=1, max_size=6), sender=OFFICE,
       received=st.dictionaries(OFFICE, HLC, max_size=3))
def test_the_set_wise_merge_decides_as_merge_decide(merge_ws: Workspace, cases: list[dict[str, Any]], sender: str,
                                                     received: dict[str, str]) -> None:
    places, arr = table("places"), SyncArrival.__table__
    with merge_ws.engine.connect() as conn:
        template = next(iter(load_rows(conn, places, conn.execute(select(places.c.id)).scalars()).values()))
        remote_rows, expected = [], {}
        for n, case in enumerate(cases):
            rid = f"row-{n:02d}"
            remote = {**template, **case["remote"], "id": rid}
            local = None if case["local"] is None else {**template, **case["local"], "id": rid}
            if local is not None:
                conn.execute(places.insert(), local)
            if case["seen"] is not None:
                conn.execute(arr.insert(), {"table_name": "places", "record_id": rid, "local_hlc": "",
                                            "seen_hlc": case["seen"][0], "seen_office_id": case["seen"][1]})
            remote_rows.append(remote)
            expected[rid] = decide(local, remote, case["seen"] or ("", ""), sender, received)
        with staged(conn) as staging:
            pkg = Batches("places", remote_rows, sender, received)
            staging.load(pkg)
            plan = importer._plan(conn, pkg, staging)
            rows = staging.stages["places"].rows
            got = {r.id: (r._outcome, r._write) for r in conn.execute(
                rows.select().where(rows.c.id.like("row-%")))}
    assert got == {rid: (d.outcome, d.write) for rid, d in expected.items()}
    assert len(plan.conflicts) == sum(1 for d in expected.values() if d.lost)

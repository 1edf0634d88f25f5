"""Every package that cannot be imported is refused with a message saying what to do, and the database is
left row-for-row as it was — also when the import process is killed in the middle of its transaction."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import backends
import pytest
import test_sync_offices as support
from test_sync_offices import PASS, Offices, export, open_office, snapshot

import gridapp.sync.export
from gridapp.dto import SYSTEM
from gridapp.errors import DamagedPackage, ForeignPackage, WrongPassphrase
from gridapp.hlc import HybridClock, decode
from gridapp.sync.container import HEADER

fast_kdf, offices = support.fast_kdf, support.offices  # the shared fixtures
PAUSED_IMPORT = Path(__file__).parents[1] / "sync_import_paused.py"


@pytest.fixture
def package(offices: Offices) -> Path:
    offices.v1.places.create(SYSTEM, offices.grid11, name="便民超市")
    return export(offices.v1, offices.town, offices.usb)


def refused(ws, path: Path, error: type[Exception], match: str, passphrase: str = PASS) -> None:
    before, backups = snapshot(ws), backends.file_backups(ws)
    with pytest.raises(error, match=match):
        ws.sync.apply(SYSTEM, ws.sync.read_package(path, passphrase))
    assert snapshot(ws) == before
    assert backends.file_backups(ws) == backups


def altered(path: Path, at: int, data: bytes | None = None) -> Path:
    raw = bytearray(path.read_bytes())
    raw[at] ^= 0x01
    target = path.with_name("altered.gridsync")
    target.write_bytes(bytes(raw) if data is None else data)
    return target


def test_wrong_passphrase(offices: Offices, package: Path) -> None:
    refused(offices.town, package, WrongPassphrase, "口令不正确", passphrase="别的口令12345678")


def test_truncated_file(offices: Offices, package: Path) -> None:
    short = package.with_name("short.gridsync")
    short.write_bytes(package.read_bytes()[:-100])
    refused(offices.town, short, DamagedPackage, "不完整")


def test_tampered_payload_byte(offices: Offices, package: Path) -> None:
    refused(offices.town, altered(package, HEADER.size + 40), DamagedPackage, "篡改")


def test_tampered_header_byte(offices: Offices, package: Path) -> None:
    nonce_at = HEADER.size - 8 - 12  # the header is authenticated too
    refused(offices.town, altered(package, nonce_at), DamagedPackage, "篡改")


def test_not_a_package_at_all(offices: Offices, package: Path) -> None:
    other = package.with_name("photo.gridsync")
    other.write_bytes(b"\xff\xd8\xff\xe0 a photo")
    refused(offices.town, other, DamagedPackage, "不是同步包")


def test_a_newer_format(offices: Offices, package: Path) -> None:
    raw = bytearray(package.read_bytes())
    raw[9] = 3  # format version, big-endian u16 after the magic
    newer = package.with_name("newer.gridsync")
    newer.write_bytes(bytes(raw))
    refused(offices.town, newer, ForeignPackage, "更新版本")


def test_a_newer_schema(offices: Offices, monkeypatch) -> None:
    monkeypatch.setattr(gridapp.sync.export, "_schema_version", lambda _conn: "9999")
    path = export(offices.v1, offices.town, offices.usb)
    refused(offices.town, path, ForeignPackage, "数据结构更新")


def test_another_county(offices: Offices, package: Path, tmp_path: Path) -> None:
    other = open_office(tmp_path / "other" / "db.sqlite3", "外县某村", county="410000")
    try:
        refused(other, package, ForeignPackage, "其他县")
    finally:
        other.close()


def test_this_office_s_own_package(offices: Offices, package: Path) -> None:
    refused(offices.v1, package, ForeignPackage, "本单位自己导出")


def test_an_import_killed_mid_transaction_leaves_the_database_as_before(offices: Offices, package: Path,
                                                                         tmp_path: Path) -> None:
    town = offices.town
    before = snapshot(town)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS, encoding="utf-8")
    marker = tmp_path / "applying.marker"
    town.close()
    proc = subprocess.Popen([sys.executable, str(PAUSED_IMPORT), str(marker), "--db", backends.db_arg(town), "sync",
                             "import", str(package), "--passphrase-file", str(secret)])
    try:
        for _ in range(600):
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), "the import never reached its transaction"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert snapshot(town) == before
    summary = town.sync.apply(SYSTEM, town.sync.read_package(package, PASS))  # and it imports fine afterwards
    assert summary.totals.new == 1


def test_a_package_from_a_clock_a_month_ahead_is_refused(offices: Offices) -> None:
    """A village PC whose clock says next month: its package would drag the town's clock into the future."""
    ahead = int((time.time() + 30 * 86_400) * 1000)
    offices.v1.clock = HybridClock(wall_ms=lambda: ahead)
    offices.v1.places.create(SYSTEM, offices.grid11, name="未来超市")
    package = export(offices.v1, offices.town, offices.usb)
    refused(offices.town, package, ForeignPackage, "比这台电脑的日期晚 30 天")
    stamp_before = offices.town.clock.now()
    assert decode(stamp_before)[0] < ahead - 29 * 86_400_000  # the town's clock did not move

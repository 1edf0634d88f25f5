"""Crash-safe everywhere: a process killed (kill -9) in the middle of an Excel import, demo generation, backup or
restore leaves the database as it was before or as the finished work left it — never half of it; a full disk
and a read-only file give a Chinese message and a database as before.

The command runs in slow motion (tests/slow_cli.py) so the kills land inside the work, at several points."""

from __future__ import annotations

import csv
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import gridapp
from factories import digest, valid_id

from gridapp import backup
from gridapp.workspace import Workspace

pytestmark = pytest.mark.sqlite_only("kill -9, a full disk and a read-only file against the SQLite file")

SLOW_CLI = Path(__file__).parents[1] / "slow_cli.py"
KILL_AFTER = (0.0, 0.4, 1.2)  # seconds after the work's first progress report (0.1 s a step in slow motion)


def run_killed(args: list[str], marker: Path, after: float) -> bool:
    """Run the command in slow motion and kill -9 it ``after`` seconds into its work; True if it was killed
    before it finished on its own."""
    marker.unlink(missing_ok=True)
    proc = subprocess.Popen([sys.executable, str(SLOW_CLI), str(marker), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(after)
        if proc.poll() is not None:
            return False
        proc.send_signal(signal.SIGKILL)
        return True
    finally:
        proc.wait()


def households(db: Path) -> int:
    ws = Workspace.open(db)  # also the start-up check: the file is sound
    try:
        return ws.query.stats()["households"]
    finally:
        ws.close()


def roster(path: Path, families: int) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["户号", "姓名", "与户主关系", "公民身份号码"])
        for n in range(families):
            writer.writerow([f"{n:05d}", f"户主{n}", "户主", valid_id(f"411423196{n % 10}0101{n % 1000:03d}")])
            writer.writerow([f"{n:05d}", f"配偶{n}", "配偶", valid_id(f"411423197{n % 10}0202{n % 1000:03d}")])
    return path


@pytest.fixture
def office(tmp_path: Path) -> Path:
    db = tmp_path / "office.sqlite3"
    assert gridapp("--db", str(db), "init", "--division-code", "411423100201", "--grids", "2").returncode == 0
    return db


def test_an_import_killed_at_any_point_leaves_nothing_or_everything(office: Path, tmp_path: Path) -> None:
    sheet = roster(tmp_path / "花名册.csv", 1000)
    args = ["--db", str(office), "import", str(sheet), "--grid", "第一网格"]
    before = digest(office)
    for after in KILL_AFTER:
        run_killed(args, tmp_path / "marker", after)
        if households(office):  # the kill came after the commit: all of it is there
            assert households(office) == 1000
            return
        assert digest(office) == before
    assert gridapp(*args).returncode == 0 and households(office) == 1000  # and it imports fine afterwards


def test_demo_generation_killed_at_any_point_leaves_an_empty_or_a_whole_village(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    Workspace.open(db).close()
    for after in KILL_AFTER:
        run_killed(["--db", str(db), "demo", "--scale", "village"], tmp_path / "marker", after)
        found = households(db)
        assert found in (0, 300)  # the demo village of seed 1 has 300 households, written in one transaction
        if found:
            break


def test_a_backup_killed_at_any_point_leaves_no_half_backup(demo_village_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "village.sqlite3"
    shutil.copy(demo_village_file, db)
    before = digest(db)
    for after in KILL_AFTER:
        run_killed(["--db", str(db), "backup"], tmp_path / "marker", after)
        assert digest(db) == before
        for info in backup.backups(db):  # whatever carries a backup's name is whole
            assert backup.problem_of(info.path) == ""


def test_a_restore_killed_at_any_point_leaves_the_old_or_the_restored_database(demo_village_file: Path,
                                                                               tmp_path: Path) -> None:
    db = tmp_path / "village.sqlite3"
    shutil.copy(demo_village_file, db)
    ws = Workspace.open(db)
    saved = ws.backups.take("manual")
    from gridapp.dto import SYSTEM

    ws.grid.create(SYSTEM, None, "备份之后的网格")
    ws.close()
    old, restored = digest(db), digest(saved)
    for after in KILL_AFTER:
        killed = run_killed(["--db", str(db), "backup", "restore", str(saved)], tmp_path / "marker", after)
        assert digest(db) in (old, restored)
        if not killed:
            break
        households(db)  # opens: no stray journal is replayed over the restored file


def run_on_a_small_disk(args: list[str], limit: int) -> subprocess.CompletedProcess[str]:
    """The command with no file allowed to grow past ``limit`` bytes — a disk filling up, as SQLite sees it."""
    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "gridapp", *args], capture_output=True, text=True,
                          preexec_fn=small_disk, timeout=300)


def test_a_full_disk_during_an_import_is_a_chinese_message_and_changes_nothing(office: Path, tmp_path: Path) -> None:
    sheet = roster(tmp_path / "花名册.csv", 3000)
    before = digest(office)
    done = run_on_a_small_disk(["--db", str(office), "import", str(sheet), "--grid", "第一网格"],
                               office.stat().st_size + 64 * 1024)
    assert done.returncode == 2 and "磁盘已满" in done.stderr and "Traceback" not in done.stderr
    assert digest(office) == before


def test_a_full_disk_during_demo_generation(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    Workspace.open(db).close()
    before = digest(db)
    done = run_on_a_small_disk(["--db", str(db), "demo", "--scale", "village"], db.stat().st_size + 64 * 1024)
    assert done.returncode == 2 and "磁盘已满" in done.stderr and "Traceback" not in done.stderr
    assert digest(db) == before


@pytest.mark.parametrize("command", [["backup"], ["backup", "restore", "--latest"]])
def test_a_full_disk_during_a_backup_or_a_restore(demo_village_file: Path, tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "village.sqlite3"
    shutil.copy(demo_village_file, db)
    ws = Workspace.open(db)
    ws.backups.take("manual")
    ws.close()
    before, copies = digest(db), backup.backups(db)
    done = run_on_a_small_disk(["--db", str(db), *command], db.stat().st_size // 2)
    assert done.returncode == 2 and "磁盘空间" in done.stderr and "Traceback" not in done.stderr
    assert digest(db) == before and backup.backups(db) == copies
    assert not [p for p in db.parent.rglob(".*") if p.is_file()]  # no half-written copy left behind


def test_a_read_only_database_is_a_chinese_message(office: Path, tmp_path: Path) -> None:
    read_only = f"sqlite:///file:{office}?mode=ro&uri=true"
    sheet = roster(tmp_path / "花名册.csv", 5)
    before = digest(office)
    done = gridapp("--db", read_only, "import", str(sheet), "--grid", "第一网格")
    assert done.returncode == 2 and "只读" in done.stderr and "Traceback" not in done.stderr
    assert digest(office) == before

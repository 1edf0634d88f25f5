"""Nothing lost: a file that is not a database or has damaged pages is refused at start with the newest sound
backup offered and kept as it is; backups are listed with what they hold, restored in one step, copied to a
second folder and kept by a plan; a PC clock set back is noticed."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cli_helpers import gridapp
from factories import Tree, damage_pages, digest, family, valid_id

from gridapp import backup
from gridapp.backup import BackupError
from gridapp.dto import SYSTEM
from gridapp.workspace import DamagedDatabase, Workspace


@pytest.fixture
def village(demo_village_file: Path, tmp_path: Path) -> Path:
    """A closed copy of the demo village with one backup taken beside it."""
    path = tmp_path / "village.sqlite3"
    shutil.copy(demo_village_file, path)
    ws = Workspace.open(path)
    ws.backups.take("manual")
    ws.close()
    return path


@pytest.mark.sqlite_only("a damaged file")
@pytest.mark.parametrize("harm", ["garbage", "pages"])
def test_a_damaged_file_is_refused_with_the_newest_sound_backup_and_kept_as_it_is(village: Path, harm: str) -> None:
    if harm == "garbage":
        village.write_bytes(b"PK\x03\x04 quarantined by an antivirus" * 100)
    else:
        damage_pages(village)
    harmed = village.read_bytes()
    with pytest.raises(DamagedDatabase) as refused:
        Workspace.open(village)
    error = refused.value
    assert error.backup is not None and error.backup.reason == "manual"
    assert "打不开" in str(error) and "gridapp backup restore --latest" in str(error)
    assert ("不是数据库文件" if harm == "garbage" else "损坏") in error.problem
    assert village.read_bytes() == harmed  # never overwritten

    done = gridapp("--db", str(village), "stats")
    assert done.returncode == 2 and "打不开" in done.stderr and "Traceback" not in done.stderr
    restored = gridapp("--db", str(village), "backup", "restore", "--latest")
    assert restored.returncode == 0, restored.stderr
    [kept] = [p for p in village.parent.glob("village.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert kept.read_bytes() == harmed
    ws = Workspace.open(village)
    assert ws.query.stats()["households"] > 0
    ws.close()


@pytest.mark.sqlite_only("a damaged file")
def test_no_sound_backup_says_to_keep_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lonely.sqlite3"
    path.write_bytes(b"not a database at all")
    with pytest.raises(DamagedDatabase, match="没有找到完好的备份。请不要删除这个文件"):
        Workspace.open(path)
    assert gridapp("--db", str(path), "backup", "restore", "--latest").returncode == 2


@pytest.mark.sqlite_only("file backups and restore")
def test_restore_round_trip_keeps_the_current_file_first(ws: Workspace, tree: Tree) -> None:
    ws.households.create(SYSTEM, family(tree.grid1))
    taken = ws.backups.take("manual")
    before = digest(ws.db_file)
    ws.households.create(SYSTEM, family(tree.grid2, "002", valid_id("11010519500101001")))
    [row] = [r for r in ws.backups.list() if r.path == taken]
    assert (row.reason_label, row.households, row.persons) == ("手动备份", 1, 3)
    kept = ws.backups.restore(SYSTEM, taken)
    assert backup.parse_name(kept).reason == "before-restore"
    assert digest(ws.db_file) == before
    reopened = Workspace.open(ws.db_file)
    assert reopened.query.stats()["households"] == 1
    reopened.close()


@pytest.mark.sqlite_only("file backups and restore")
def test_the_cli_lists_backups_with_what_they_hold_and_restores_one(village: Path) -> None:
    listed = gridapp("--db", str(village), "backup", "list", "--json")
    assert listed.returncode == 0
    [row] = json.loads(listed.stdout)
    assert row["reason"] == "manual" and row["households"] > 0 and row["persons"] > row["households"]
    ws = Workspace.open(village)
    before = digest(village)
    ws.grid.create(SYSTEM, None, "多出来的网格")
    ws.close()
    done = gridapp("--db", str(village), "backup", "restore", row["path"])
    assert done.returncode == 0 and "已用" in done.stdout
    assert digest(village) == before


@pytest.mark.sqlite_only("file backups and restore")
def test_a_damaged_backup_is_not_restored(ws: Workspace, tmp_path: Path) -> None:
    bad = ws.backups.take("manual")
    bad.write_bytes(b"garbage")
    before = digest(ws.db_file)
    with pytest.raises(BackupError, match="不能用"):
        ws.backups.restore(SYSTEM, bad)
    assert digest(ws.db_file) == before


def test_the_retention_plan_over_a_year_of_days(tmp_path: Path) -> None:
    """A backup every day at 8:00, one before an import every week, pruned as they are written."""
    db_file, folder = tmp_path / "gridapp.sqlite3", tmp_path / "backups"
    folder.mkdir()
    day = datetime(2026, 1, 1, 8)
    for n in range(365):
        at = day + timedelta(days=n)
        (folder / f"gridapp-{at:%Y%m%d-%H%M%S}-000000-daily.sqlite3").write_bytes(b"")
        if n % 7 == 3:
            (folder / f"gridapp-{at:%Y%m%d}-120000-000000-before-import.sqlite3").write_bytes(b"")
        backup.prune(folder, "gridapp")
        assert len(list(folder.iterdir())) <= 7 + 4 + 12 + 10
    kept = backup.backups(db_file, folder)
    daily = sorted(b.taken_at for b in kept if b.reason == "daily")
    assert len([b for b in kept if b.reason == "before-import"]) == 10
    assert daily[-7:] == [datetime(2026, 12, 31, 8) - timedelta(days=d) for d in range(6, -1, -1)]
    months = {(b.year, b.month) for b in daily}
    assert len(months) == 12 and (2026, 1) in months  # a year back, one a month


@pytest.mark.sqlite_only("file backups and restore")
def test_the_second_copy_is_verified_written_daily_and_watched(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="还没有选择第二份备份的位置"):
        ws.backups.write_second_copy()
    stick = tmp_path / "U盘"
    ws.backups.set_second_folder(SYSTEM, stick)
    assert ws.backups.second_copy_stale()  # chosen, nothing written yet
    first = ws.backups.daily(datetime(2026, 12, 4, 8))
    assert first is not None and first.path.parent == stick and not backup.problem_of(first.path)
    assert ws.backups.daily(datetime(2026, 12, 4, 15)) is None  # once a day
    assert [r.second_copy for r in ws.backups.list()] == [True]
    assert not ws.backups.second_copy_stale(datetime.now())
    assert ws.backups.second_copy_stale(datetime.now() + timedelta(days=8))


def test_a_clock_set_back_is_noticed(ws: Workspace, tree: Tree) -> None:
    ws.households.create(SYSTEM, family(tree.grid1))
    assert ws.clock_problem() == ""
    warning = ws.clock_problem(datetime(2000, 1, 1, 8))
    assert "这台电脑的日期是 2000年01月01日" in warning and "请先把电脑的日期和时间改对" in warning


@pytest.mark.sqlite_only("a damaged file")
def test_an_open_without_the_page_check_leaves_it_for_later(village: Path) -> None:
    damage_pages(village)
    ws = Workspace.open(village, check_pages=False)  # head and tables are fine: the damage is further in
    try:
        assert "损坏" in ws.check_pages()
    finally:
        ws.close()
    with pytest.raises(DamagedDatabase):
        Workspace.open(village)


@pytest.mark.sqlite_only("a damaged file")
def test_an_unchecked_open_of_a_file_that_is_no_database_is_refused_at_once(village: Path) -> None:
    village.write_bytes(b"PK\x03\x04 quarantined by an antivirus" * 100)
    with pytest.raises(DamagedDatabase):
        Workspace.open(village, check_pages=False)


def test_a_sound_database_passes_the_page_check(demo_ws: Workspace) -> None:
    assert demo_ws.check_pages() == ""

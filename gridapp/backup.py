"""Copies of the SQLite file — before every migration, bulk change, import, sync and restore, daily to a second
folder, by hand — each written under a temporary name and renamed when complete, checked, kept by a retention
plan so no disk fills, and restored in one step that a crash cannot leave half done.

A backup's name says when and why it was taken: ``gridapp-20261204-073015-123456-before-import.sqlite3``. A server
database's backups (pg_dump archives, see gridapp.pgtools) follow the same naming, retention and listing under a
place named after the server and database: ``192.168.1.10-5432-gridapp-20261204-073015-123456-manual.dump``.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from gridapp import pgtools
from gridapp.errors import StorageError
from gridapp.progress import Progress

COPY_PAGES = 256  # pages copied per step (1 MB): a county-size file reports its progress a few hundred times
KEEP_BEFORE_CHANGES = 10  # the last backups taken before bulk changes
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
REASONS = {
    "manual": "手动备份", "daily": "每日备份", "before-import": "Excel导入前", "sync-import": "同步导入前",
    "before-upgrade": "程序升级前", "before-restore": "恢复备份前", "before-demo": "生成演示数据前",
}
SCHEDULED = frozenset({"manual", "daily"})  # kept by day, week and month; the others are kept by count
_NAME = re.compile(r"^(?P<stem>.+)-(?P<day>\d{8})-(?P<time>\d{6})-(?P<micro>\d{6})-(?P<reason>[a-z-]+)(?P<suffix>\.sqlite3|\.dump)$")
SERVER_SUFFIX = ".server"  # a server database's place (see server_place): never a file, only a name
DUMP_SUFFIX = ".dump"
_HEADER = b"SQLite format 3\x00"
_DUMP_HEADER = b"PGDMP"  # the first bytes of a pg_dump custom-format archive


class BackupError(StorageError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # local time, from the name
    reason: str

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass(frozen=True)
class Contents:
    """What a database file holds, read without the program's migrations (a backup may be older)."""

    households: int
    persons: int


def backup_dir(db_file: Path) -> Path:
    return db_file.parent / "backups"


def backup_sqlite(db_file: Path, reason: str, folder: Path | None = None, progress: Progress | None = None) -> Path:
    """Copy the database with SQLite's online backup API (consistent even while WAL is in use) into ``folder``
    (by default the backups folder beside it), then let the retention plan drop what is no longer needed."""
    folder = folder or backup_dir(db_file)
    target = new_name(db_file, reason, folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _copy_database(db_file, target, progress)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"无法备份数据库到 {folder}：{_why(exc)}。请检查磁盘空间和文件夹权限后重试。") from exc
    prune(folder, db_file.stem)
    return target


def backup_server(url: str, place: Path, reason: str, folder: Path | None = None) -> Path:
    """A pg_dump archive of the server database at ``url``, named and kept like a file's backups."""
    folder = folder or backup_dir(place)
    target = new_name(place, reason, folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"无法在 {folder} 建立备份文件夹：{_why(exc)}。请检查文件夹权限后重试。") from exc
    pgtools.dump(url, target)
    prune(folder, place.stem)
    return target


def restore_server(url: str, place: Path, archive: Path) -> Path:
    """Replace the server database's contents by a dump (all or nothing), after dumping it as it is now;
    returns that before-restore dump."""
    problem = problem_of(archive)
    if problem:
        raise BackupError(f"备份 {archive.name} 不能用：{problem}。请选另一个备份。")
    kept = backup_server(url, place, "before-restore")
    pgtools.restore(url, archive)
    return kept


def new_name(place: Path, reason: str, folder: Path) -> Path:
    """Where a backup taken now goes: a .sqlite3 copy of a file, a .dump of a server database."""
    suffix = DUMP_SUFFIX if place.suffix == SERVER_SUFFIX else ".sqlite3"
    return folder / f"{place.stem}-{datetime.now():%Y%m%d-%H%M%S-%f}-{reason}{suffix}"


def server_place(folder: Path, host: str, port: int, database: str) -> Path:
    """The name a server database's backups are kept under in ``folder`` (like a database file's path)."""
    return folder / f"{host}-{port}-{database}{SERVER_SUFFIX}"


def list_backups(db_file: Path, folder: Path | None = None) -> list[Path]:
    """The backup files of ``db_file`` in ``folder`` (the one beside it by default), oldest first."""
    return [b.path for b in backups(db_file, folder)]


def backups(db_file: Path, folder: Path | None = None) -> list[BackupInfo]:
    """The backups of ``db_file`` in ``folder``, oldest first."""
    folder = folder or backup_dir(db_file)
    paths = folder.glob(f"{db_file.stem}-*") if folder.is_dir() else ()
    found = [info for info in map(parse_name, paths) if info is not None and _stem_of(info.path) == db_file.stem]
    return sorted(found, key=lambda b: b.taken_at)


def parse_name(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    taken = datetime.strptime(match["day"] + match["time"] + match["micro"], "%Y%m%d%H%M%S%f")
    return BackupInfo(path, taken, match["reason"])


def _stem_of(path: Path) -> str:
    match = _NAME.match(path.name)
    return match["stem"] if match else ""


# -- checking ---------------------------------------------------------------------------------------------------

def problem_of(path: Path, thorough: bool = False, pages: bool = True) -> str:
    """What is wrong with a database file ("" when nothing is): not a database, damaged pages (SQLite's
    quick_check, or the full integrity_check when ``thorough``; neither without ``pages``, as they read the
    whole file), or not one of ours."""
    try:
        with path.open("rb") as f:
            head = f.read(len(_HEADER))
    except OSError as exc:
        return f"无法读取文件：{_why(exc)}"
    if path.suffix == DUMP_SUFFIX:
        return "" if head.startswith(_DUMP_HEADER) else "这不是 pg_dump 备份文件（可能只写了一半，或被改写）"
    if head != _HEADER:
        return "这不是数据库文件（可能只复制了一半，或被其他程序改写、隔离）"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = "PRAGMA integrity_check" if thorough else "PRAGMA quick_check"
            result = conn.execute(check).fetchone()[0] if pages else "ok"
            if result != "ok":
                return f"数据库文件有损坏的部分（{result}）"
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"数据库文件已损坏（{exc}）"
    if tables and "households" not in tables:
        return "这不是本程序的数据库"
    return ""


def contents(path: Path) -> Contents:
    """Households and persons on record (live ones), for choosing a backup."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        households = conn.execute("SELECT count(*) FROM households WHERE NOT deleted").fetchone()[0]
        persons = conn.execute("SELECT count(*) FROM persons WHERE NOT deleted AND status = '在册'").fetchone()[0]
    except sqlite3.Error:
        return Contents(0, 0)
    finally:
        conn.close()
    return Contents(households, persons)


def newest_sound(db_file: Path, folders: Iterable[Path] = ()) -> BackupInfo | None:
    """The newest backup (beside the database or in ``folders``) that passes its own check."""
    found = [b for folder in (backup_dir(db_file), *folders) for b in backups(db_file, folder)]
    for info in sorted(found, key=lambda b: b.taken_at, reverse=True):
        if not problem_of(info.path):
            return info
    return None


# -- restoring --------------------------------------------------------------------------------------------------

def restore(db_file: Path, backup: Path, *, damaged: bool = False, progress: Progress | None = None) -> Path:
    """Put ``backup`` in the place of ``db_file`` (whose connections must be closed). The current file is kept
    first — as a before-restore backup, or beside it as ``….damaged-<time>`` when it is damaged — and the
    backup is copied under a temporary name and renamed into place, so a crash leaves either the old file or the
    restored one. Returns where the old file was kept."""
    problem = problem_of(backup)
    if problem:
        raise BackupError(f"备份 {backup.name} 不能用：{problem}。请选另一个备份。")
    try:
        if damaged or problem_of(db_file):
            kept = db_file.with_name(f"{db_file.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
            for suffix in ("", "-wal", "-shm"):
                source = Path(f"{db_file}{suffix}")
                if source.exists():
                    shutil.copyfile(source, Path(f"{kept}{suffix}"))
        else:
            kept = backup_sqlite(db_file, "before-restore")
            with sqlite3.connect(db_file) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        temp = db_file.with_name(f".{db_file.name}.restoring")
        temp.unlink(missing_ok=True)
        _copy_database(backup, temp, progress)
        for suffix in ("-wal", "-shm"):  # emptied by the checkpoint (or damaged): never to be replayed on the copy
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        os.replace(temp, db_file)
        _sync_folder(db_file.parent)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"恢复没有完成，原来的数据库没有改动：{_why(exc)}。请检查磁盘空间后重试。") from exc
    return kept


# -- the retention plan -----------------------------------------------------------------------------------------

def to_keep(found: list[BackupInfo]) -> set[Path]:
    """Which backups the plan keeps: the newest of each of the last 7 days, 4 weeks and 12 months that have one
    (manual and daily backups), and the last 10 taken before bulk changes."""
    scheduled = sorted((b for b in found if b.reason in SCHEDULED), key=lambda b: b.taken_at, reverse=True)
    keep: set[Path] = set()
    for period, count in ((_day, KEEP_DAILY), (_week, KEEP_WEEKLY), (_month, KEEP_MONTHLY)):
        seen: list[object] = []
        for info in scheduled:
            key = period(info.taken_at)
            if key not in seen:
                seen.append(key)
                if len(seen) > count:
                    break
                keep.add(info.path)
    others = sorted((b for b in found if b.reason not in SCHEDULED), key=lambda b: b.taken_at, reverse=True)
    keep.update(b.path for b in others[:KEEP_BEFORE_CHANGES])
    return keep


def prune(folder: Path, stem: str) -> None:
    found = [b for b in map(parse_name, folder.glob(f"{stem}-*")) if b and _stem_of(b.path) == stem]
    keep = to_keep(found)
    for info in found:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)


def _day(at: datetime) -> object:
    return at.date()


def _week(at: datetime) -> object:
    return at.isocalendar()[:2]


def _month(at: datetime) -> object:
    return at.year, at.month


# -- files ------------------------------------------------------------------------------------------------------

def _copy_database(source: Path, target: Path, progress: Progress | None = None) -> None:
    """A consistent copy written under a temporary name and renamed when complete: a crash never leaves a
    half-written file under a backup's name. Copied in steps that report to ``progress``."""
    partial = target.with_name(f".{target.name}.partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    report = progress.report if progress is not None else None
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=COPY_PAGES,
                       progress=(lambda _status, left, total: report(total - left, total)) if report else None)
        finally:
            dst.close()
    except BaseException:
        for leftover in (partial, partial.with_name(f"{partial.name}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    with partial.open("rb+") as f:
        os.fsync(f.fileno())
    os.replace(partial, target)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows makes renames durable itself and cannot open folders)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def stale_since(found: list[BackupInfo], now: datetime, days: int) -> bool:
    """True when the newest of ``found`` is older than ``days`` (or there is none)."""
    return not found or now - max(b.taken_at for b in found) > timedelta(days=days)

"""Copies of the SQLite file taken before every migration, bulk change, import and sync."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from gridapp.errors import StorageError

KEEP = 30


class BackupError(StorageError):
    pass


def backup_dir(db_file: Path) -> Path:
    return db_file.parent / "backups"


def backup_sqlite(db_file: Path, reason: str, keep: int = KEEP) -> Path:
    """Copy the database with SQLite's online backup API (consistent even while WAL is in use)."""
    folder = backup_dir(db_file)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_file.stem}-{stamp}-{reason}.sqlite3"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise BackupError(f"无法备份数据库到 {folder}：{exc}。请检查磁盘空间和文件夹权限后重试。") from exc
    _prune(folder, db_file.stem, keep)
    return target


def list_backups(db_file: Path) -> list[Path]:
    return sorted(backup_dir(db_file).glob(f"{db_file.stem}-*.sqlite3"))


def _prune(folder: Path, stem: str, keep: int) -> None:
    for old in sorted(folder.glob(f"{stem}-*.sqlite3"))[:-keep]:
        old.unlink(missing_ok=True)

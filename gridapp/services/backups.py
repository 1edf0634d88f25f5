"""Backups of this database (``ws.backups``): the list with what each holds, a second copy in a folder chosen in
设置 (a USB stick, a second disk, a share) written daily and verified, and restoring one.

A server database (PostgreSQL) is backed up with pg_dump archives named, kept and listed the same way, in the
data folder of the PC that takes them (see gridapp.pgtools); the second copy stays an embedded database's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from gridapp import access, backup, paths
from gridapp.backup import BackupError, BackupInfo
from gridapp.dto import Actor
from gridapp.models import Setting
from gridapp.progress import Progress
from gridapp.services.audit import add_entry

SECOND_FOLDER_KEY = "backup.second_folder"
STALE_DAYS = 7  # the home page warns when the last verified second copy is older


@dataclass(frozen=True)
class BackupRow:
    """A backup as the 备份 page lists it."""

    path: Path
    taken_at: datetime
    reason: str
    reason_label: str
    size: int
    households: int
    persons: int
    second_copy: bool  # in the second folder rather than beside the database


class BackupService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def _file(self) -> Path:
        """The database file, or for a server database the name its dumps are kept under (in the data folder)."""
        if self.ws.db_file is not None:
            return self.ws.db_file
        url = self.ws.engine.url
        return backup.server_place(paths.data_dir(), url.host or "localhost", url.port or 5432, url.database or "")

    def take(self, reason: str, folder: Path | None = None, progress: Progress | None = None) -> Path:
        """Copy the database now (before a bulk change, or when asked) — beside it, or into ``folder``; a server
        database is dumped with pg_dump."""
        if self.ws.db_file is None:
            return backup.backup_server(self.ws.url, self._file(), reason, folder)
        return backup.backup_sqlite(self._file(), reason, folder, progress)

    def take_now(self, actor: Actor, second_copy: bool = False, progress: Progress | None = None) -> Path:
        """A backup the user asks for (设置 → 备份, ``gridapp backup``) — beside the database or, checked, in the
        second folder: needs ``settings``. (It leaves the database as it was: no audit entry.)"""
        access.require(actor, "settings")
        return self.write_second_copy(progress=progress).path if second_copy else self.take("manual", None, progress)

    def list(self) -> list[BackupRow]:
        """Every backup beside the database and in the second folder, newest first, with what each holds."""
        db_file, second = self._file(), self.second_folder()
        found = [(b, False) for b in backup.backups(db_file)]
        if second is not None:
            found += [(b, True) for b in backup.backups(db_file, second)]
        rows = []
        for info, is_second in sorted(found, key=lambda f: f[0].taken_at, reverse=True):
            held = backup.contents(info.path)
            rows.append(BackupRow(info.path, info.taken_at, info.reason, info.reason_label, info.size,
                                  held.households, held.persons, is_second))
        return rows

    def restore(self, actor: Actor, path: Path, progress: Progress | None = None) -> Path:
        """Put a backup in place of the database (closing its connections first); returns where the current
        file was kept. The workspace must be opened again afterwards."""
        access.require(actor, "settings")
        db_file = self._file()
        with self.ws.gate.hold("正在恢复备份"):
            self.ws.engine.dispose()
            if self.ws.db_file is None:
                return backup.restore_server(self.ws.url, db_file, Path(path))
            return backup.restore(db_file, Path(path), progress=progress)

    # -- the second copy --------------------------------------------------------------------------------------

    def second_folder(self) -> Path | None:
        with self.ws.read() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == SECOND_FOLDER_KEY))
        return Path(value) if value else None

    def set_second_folder(self, actor: Actor, folder: Path | None) -> None:
        access.require(actor, "settings")
        with self.ws.write(actor) as tx:
            setting = tx.session.get(Setting, SECOND_FOLDER_KEY) or Setting(key=SECOND_FOLDER_KEY)
            setting.value = str(folder) if folder else ""
            tx.session.add(setting)
            add_entry(tx.session, actor.name, "settings", "settings", SECOND_FOLDER_KEY, {"value": setting.value})

    def write_second_copy(self, reason: str = "manual", progress: Progress | None = None) -> BackupInfo:
        """Copy into the second folder and check the copy (opened, quick_check, counts) before trusting it."""
        folder = self.second_folder()
        if folder is None:
            raise BackupError("还没有选择第二份备份的位置。请在“设置 → 备份”里选择一个U盘或另一块磁盘上的文件夹。")
        path = self.take(reason, folder, progress)
        problem = backup.problem_of(path)
        if problem:
            path.unlink(missing_ok=True)
            raise BackupError(f"写到 {folder} 的备份检查不通过：{problem}。请换一个U盘或文件夹再试。")
        info = backup.parse_name(path)
        assert info is not None  # we named it
        return info

    def daily(self, now: datetime | None = None) -> BackupInfo | None:
        """At the first start of the day: a daily copy into the second folder (when one is chosen and none was
        written today). Returns the copy, or None when nothing was due."""
        now = now or datetime.now()
        folder = self.second_folder()
        if folder is None or self.ws.db_file is None:
            return None
        if any(b.taken_at.date() == now.date() for b in backup.backups(self.ws.db_file, folder)):
            return None
        return self.write_second_copy("daily")

    def second_copy_stale(self, now: datetime | None = None) -> bool:
        """True when a second folder is chosen but its newest copy is older than a week (or missing)."""
        folder = self.second_folder()
        if folder is None or self.ws.db_file is None:
            return False
        return backup.stale_since(backup.backups(self.ws.db_file, folder), now or datetime.now(), STALE_DAYS)

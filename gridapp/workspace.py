"""The open database and everything done with it — the core's single entry point (like Anki's Collection).

The UI, the CLI, ledgers, import and sync all hold a Workspace; services hang off it as attributes.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridapp import access, paths
from gridapp.backup import backup_sqlite, list_backups
from gridapp.changes import Changes
from gridapp.db import Stamp, make_engine, make_sessionmaker, migrate, sqlite_file, storage_errors
from gridapp.dto import SYSTEM, Actor, OfficeInfo
from gridapp.errors import RuleViolation, StorageError
from gridapp.hlc import HybridClock
from gridapp.models import Base, Office

BACKUP = "backup"  # the audit action of a backup the user asked for


@dataclass
class Tx:
    """An open write transaction; ``changes`` is filled in as the session flushes."""

    session: Session
    stamp: Stamp

    @property
    def changes(self) -> Changes:
        return self.stamp.changes()


class WriteGate:
    """This process's writes go one at a time, like a single writer thread.

    A save that arrives while an import holds the database waits here for its turn instead of running into
    SQLite's lock (and its "another program" message after the busy timeout). ``activity`` says what the
    current write is doing, for the UI to show while others wait; ``generation`` counts finished writes so
    read-side caches know when they are stale.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner: int | None = None
        self.activity = ""
        self.generation = 0

    @contextmanager
    def hold(self, activity: str = "") -> Iterator[None]:
        me = threading.get_ident()
        if self._owner == me:
            raise RuntimeError("a write inside a write of the same thread would wait for itself")
        with self._lock:
            self._owner, self.activity = me, activity
            try:
                yield
            finally:
                self.generation += 1
                self._owner, self.activity = None, ""


class Workspace:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.db_file: Path | None = sqlite_file(self.engine)
        self._sessions = make_sessionmaker(self.engine)
        self.last_backup: str | None = None
        self.clock = HybridClock()
        self.today: Callable[[], date] = date.today  # replaced in tests to move the calendar
        self.gate = WriteGate()
        self.user: Actor = SYSTEM  # whose reads these are: queries, searches, ledgers see this user's scope
        self._office: OfficeInfo | None = None
        self._attach_services()

    @classmethod
    def open(cls, location: str | Path | None = None) -> Workspace:
        """Open (creating and migrating if needed) the database at ``location`` or the default place."""
        loc = paths.resolve_location(location)
        if not paths.is_url(loc):
            folder = Path(loc).expanduser().resolve().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"无法创建数据文件夹 {folder}：{exc}") from exc
        ws = cls(paths.to_url(loc))
        with storage_errors():
            ws.last_backup = migrate(ws.engine)
            ws.clock.observe(ws._max_hlc())
        return ws

    def close(self) -> None:
        self.engine.dispose()

    def as_user(self, actor: Actor) -> Workspace:
        """This workspace as ``actor`` sees it: the same database, gate and clock, with the queries, searches,
        ledgers and exports limited to the actor's scope and masked as the role requires."""
        view = copy.copy(self)
        view.user = actor
        view._attach_services()
        return view

    # -- sessions ---------------------------------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        with storage_errors(), self._sessions() as session:
            yield session

    @property
    def generation(self) -> int:
        """Bumped by every finished write; read-side caches take it BEFORE they query and compare later."""
        return self.gate.generation

    @contextmanager
    def write(self, actor: Actor, activity: str = "") -> Iterator[Tx]:
        """One use case, one transaction, one writer at a time: commit on success, roll back on any error.

        ``activity`` ("正在导入…") tells waiting writers what holds the database."""
        office = self.office
        stamp = Stamp(self.clock, office.id if office else "", actor)
        with self.gate.hold(activity), storage_errors(), self._sessions() as session, session.begin():
            session.info["stamp"] = stamp
            yield Tx(session, stamp)

    # -- backups ----------------------------------------------------------------------------------------------

    def backup(self, reason: str) -> Path:
        """Copy the database file now (before a bulk change, or when the user asks)."""
        if self.db_file is None:
            raise StorageError("只有本机的数据库文件可以这样备份；服务器数据库请由管理员备份。")
        return backup_sqlite(self.db_file, reason)

    def backup_now(self, actor: Actor) -> Path:
        """A backup the user asks for (设置 → 备份, ``gridapp backup``): needs ``settings``; logged."""
        access.require(actor, "settings")
        path = self.backup("manual")
        self.audit.record(actor, BACKUP, detail={"file": path.name})
        return path

    def backups(self) -> list[Path]:
        return list_backups(self.db_file) if self.db_file is not None else []

    # -- office identity --------------------------------------------------------------------------------------

    @property
    def office(self) -> OfficeInfo | None:
        if self._office is None:
            with self.read() as s:
                row = s.scalars(select(Office).where(Office.is_local)).first()
                if row is not None:
                    self._office = OfficeInfo(row.id, row.name, row.county_code, row.node_id)
        return self._office

    def init_office(self, name: str, county_code: str = "", node_id: str | None = None) -> OfficeInfo:
        """Create this database's office identity (once) and a first administrator account; ``node_id`` is the
        office's own node of the grid tree when it already exists. (``ws.setup.create`` does this together
        with the grid tree, from the division codes.)"""
        from gridapp.services.setup import add_local_office

        if self.office is not None:
            raise RuleViolation(f"本数据库已初始化为“{self.office.name}”，不能重复初始化。")
        with self.read() as s, s.begin():
            add_local_office(s, name, county_code, node_id)
        return self.reload_office()

    def reload_office(self) -> OfficeInfo:
        """Read the office identity again after a write that set it up."""
        self._office = None
        office = self.office
        assert office is not None
        return office

    def _attach_services(self) -> None:
        from gridapp.queries import Queries
        from gridapp.services.audit import AuditService
        from gridapp.services.cases import CaseService
        from gridapp.services.grid import GridService
        from gridapp.services.households import HouseholdService
        from gridapp.services.premises import HouseService, PlaceService
        from gridapp.services.recycle import RecycleBin
        from gridapp.services.search import SearchService
        from gridapp.services.setup import SetupService
        from gridapp.services.users import UserService
        from gridapp.services.visits import VisitService
        from gridapp.sync.service import SyncService

        self.grid = GridService(self)
        self.households = HouseholdService(self)
        self.houses = HouseService(self)
        self.places = PlaceService(self)
        self.recycle = RecycleBin(self)
        self.search = SearchService(self)
        self.setup = SetupService(self)
        self.cases = CaseService(self)
        self.visits = VisitService(self)
        self.sync = SyncService(self)
        self.users = UserService(self)
        self.audit = AuditService(self)
        self.query = Queries(self)

    def _max_hlc(self) -> str:
        with self.read() as s:
            values = [
                s.scalar(select(func.max(t.c.hlc)))
                for t in Base.metadata.sorted_tables
                if "hlc" in t.c
            ]
        return max((v for v in values if v), default="")

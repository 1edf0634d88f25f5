"""The open database and everything done with it — the core's single entry point (like Anki's Collection).

The UI, the CLI, ledgers, import and sync all hold a Workspace; services hang off it as attributes.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from gridapp import backup, connection, live, paths
from gridapp.backup import BackupInfo
from gridapp.changes import Changes
from gridapp.db import Stamp, make_engine, make_sessionmaker, migrate, sqlite_file, storage_errors
from gridapp.dto import SYSTEM, Actor, OfficeInfo
from gridapp.errors import RuleViolation, StorageError
from gridapp.hlc import HybridClock, decode
from gridapp.models import Base, Office, new_id


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

    def seen_elsewhere(self) -> None:
        """Another program committed: read-side caches of this one are stale too."""
        self.generation += 1

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


CLOCK_SLACK = timedelta(minutes=10)  # clocks of two PCs that sync may differ this much without a warning


class DamagedDatabase(StorageError):
    """The database file is not a database or has damaged pages; ``backup`` is the newest sound backup."""

    def __init__(self, file: Path, problem: str, sound: BackupInfo | None) -> None:
        hint = (f"可以恢复最近一份完好的备份（{sound.taken_at:%Y-%m-%d %H:%M}，{sound.reason_label}）：在程序启动时点“恢复”，"
                f"或运行 gridapp backup restore --latest。" if sound else
                "没有找到完好的备份。请不要删除这个文件，把它交给技术人员。")
        super().__init__(f"数据库文件 {file} 打不开：{problem}。原文件会被保留，不会被覆盖。{hint}")
        self.file, self.problem, self.backup = file, problem, sound


def _check_file(file: Path, pages: bool = True) -> None:
    if file.exists() and file.stat().st_size > 0 and (problem := backup.problem_of(file, pages=pages)):
        raise DamagedDatabase(file, problem, backup.newest_sound(file))


@dataclass
class _Replica:
    """The reporting replica's engine, opened once; ``note`` says why it is not used."""

    engine: Engine | None = None
    sessions: sessionmaker[Session] | None = None
    note: str = ""

    def open(self, url: str) -> sessionmaker[Session] | None:
        if self.sessions is None and not self.note:
            engine = make_engine(url, read_only=True)
            try:
                with engine.connect():
                    pass
            except DBAPIError as exc:
                engine.dispose()
                self.note = ("报表数据库（只读副本）现在连不上，台账和统计改从主数据库读取"
                             f"（{str(exc.orig or exc).strip().splitlines()[0]}）。")
                return None
            self.engine, self.sessions = engine, make_sessionmaker(engine)
        return self.sessions


class Workspace:
    def __init__(self, url: str, report_url: str | None = None) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.db_file: Path | None = sqlite_file(self.engine)
        self._sessions = make_sessionmaker(self.engine)
        self._read_sessions = self._sessions  # a for_reports() view reads from the replica instead
        self.report_url = report_url
        self._replica = _Replica()  # opened on first use, shared by every view
        self.last_backup: str | None = None
        self.clock = HybridClock()
        self.today: Callable[[], date] = date.today  # replaced in tests to move the calendar
        self.gate = WriteGate()
        self.writer_id = new_id()  # names this program in change notices, so it skips its own
        self.own_versions: dict[str, str] = {}  # the newest version this program wrote per table (see live.py)
        self.user: Actor = SYSTEM  # whose reads these are: queries, searches, ledgers see this user's scope
        self._office: OfficeInfo | None = None
        self._attach_services()

    @classmethod
    def open(cls, location: str | Path | None = None, report_location: str | None = None, *,
             check_pages: bool = True) -> Workspace:
        """Open (creating and migrating if needed) the database at ``location`` or the default place;
        ``report_location`` (or GRIDAPP_REPORT_DB) is a read-only replica that ledgers and statistics read from.

        An existing file is checked first (SQLite's quick_check): one that is not a database or has damaged
        pages raises DamagedDatabase naming the newest backup that passes its own check; the file itself is
        never touched. Without ``check_pages`` only the file's head and tables are looked at (the quick_check
        reads the whole file: seconds on a county's database) and the caller runs ``check_pages`` later; damage
        met while opening is still reported as DamagedDatabase."""
        loc = paths.resolve_location(location)
        file = None
        if not paths.is_url(loc):
            file = Path(loc).expanduser().resolve()
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"无法创建数据文件夹 {file.parent}：{exc}") from exc
            _check_file(file, pages=check_pages)
        report = paths.resolve_report_location(report_location)
        ws = cls(paths.to_url(loc), paths.to_url(report) if report else None)
        try:
            if ws.db_file is None:
                connection.reach(ws.engine)  # a wrong address, password or database name, said plainly
            with storage_errors():
                ws.last_backup = migrate(ws.engine)
                ws.clock.observe(ws._max_hlc())
        except StorageError:
            ws.close()
            if file is not None and not check_pages:
                _check_file(file)  # a damaged page met while opening: said as a checked open says it
            raise
        return ws

    def check_pages(self) -> str:
        """SQLite's quick_check of the open database file, which ``open(check_pages=False)`` left for later:
        what is wrong ("" when nothing is, or on a server). Saves wait meanwhile (the write gate), so none
        lands in a file not yet checked."""
        if self.db_file is None:
            return ""
        with self.gate.hold("正在检查数据库文件"):
            return backup.problem_of(self.db_file)

    def close(self) -> None:
        self.engine.dispose()
        if self._replica.engine is not None:
            self._replica.engine.dispose()

    @property
    def report_note(self) -> str:
        """Why ledgers read from the main database although a replica is set ("" when they do not)."""
        return self._replica.note

    def for_reports(self) -> Workspace:
        """This workspace with its reads going to the read-only replica (ledgers, statistics), when one is set
        and answers; writes (the ledger's audit entry) still go to the main database. An unreachable replica
        leaves the reads on the main database and says so in ``report_note``."""
        if not self.report_url:
            return self
        sessions = self._replica.open(self.report_url)
        if sessions is None:
            return self
        view = copy.copy(self)
        view._read_sessions = sessions
        view._attach_services()
        return view

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
        with storage_errors(), self._read_sessions() as session:
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
        committing = [False]
        with self.gate.hold(activity), storage_errors(lambda: committing[0]), self._sessions() as session, \
                session.begin():
            session.info["stamp"] = stamp
            tx = Tx(session, stamp)
            yield tx
            session.flush()
            self._follow_monitoring(tx)
            live.announce(session, tx.changes, self.writer_id)
            committing[0] = True
        for table, version in stamp.newest.items():
            self.own_versions[table] = max(version, self.own_versions.get(table, ""))

    def _follow_monitoring(self, tx: Tx) -> None:
        """The one hook of the 红黄绿 monitoring: households whose indicators this write touched are judged
        again, in the same transaction (gridapp.monitoring.recolour)."""
        from gridapp.monitoring.recolour import households_touched, recolour
        from gridapp.services.cases import now_of

        touched = households_touched(tx.session, tx.stamp.records)
        if touched:
            recolour(tx.session, self, tx.stamp.actor, touched, now_of(self))
            tx.session.flush()

    def change_feed(self) -> live.ChangeFeed:
        """Other programs' committed changes from now on (see gridapp.live); the caller closes it."""
        with storage_errors():
            return live.ChangeFeed(self.engine, self.writer_id, self.own_versions, self.gate.seen_elsewhere)

    # -- backups and clocks -----------------------------------------------------------------------------------

    def backup(self, reason: str) -> Path:
        """Copy the database file now, before a bulk change (see ws.backups for everything else)."""
        return self.backups.take(reason)

    def clock_problem(self, now: datetime | None = None) -> str:
        """A plain warning when this PC's clock is earlier than the newest change in the database or the newest
        backup (a dead CMOS battery resets it to 2000): work done now would be dated wrongly. "" when fine."""
        now = now or datetime.now()
        latest = [datetime.fromtimestamp(decode(stamp)[0] / 1000)] if (stamp := self._max_hlc()) else []
        if self.db_file is not None:
            latest += [b.taken_at for b in backup.backups(self.db_file)]
        newest = max(latest, default=None)
        if newest is None or now >= newest - CLOCK_SLACK:
            return ""
        return (f"这台电脑的日期是 {now:%Y年%m月%d日 %H:%M}，比数据库里最近一次修改或备份（{newest:%Y年%m月%d日 %H:%M}）"
                "还早，电脑的时钟可能不准（主板电池没电时常见）。请先把电脑的日期和时间改对，再开始工作。")

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
        from gridapp.imports.service import ImportService
        from gridapp.monitoring.service import MonitoringService
        from gridapp.queries import Queries
        from gridapp.services.audit import AuditService
        from gridapp.services.backups import BackupService
        from gridapp.services.cases import CaseService
        from gridapp.services.grid import GridService
        from gridapp.services.households import HouseholdService
        from gridapp.services.plan_map import PlanMapService
        from gridapp.services.premises import HouseService, PlaceService
        from gridapp.services.recycle import RecycleBin
        from gridapp.services.search import SearchService
        from gridapp.services.setup import SetupService
        from gridapp.services.users import UserService
        from gridapp.services.visits import VisitService
        from gridapp.sync.service import SyncService

        self.grid = GridService(self)
        self.households = HouseholdService(self)
        self.plan_map = PlanMapService(self)
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
        self.backups = BackupService(self)
        self.monitoring = MonitoringService(self)
        self.imports = ImportService(self)
        self.query = Queries(self)

    def _max_hlc(self) -> str:
        with self.read() as s:
            values = [
                s.scalar(select(func.max(t.c.hlc)))
                for t in Base.metadata.sorted_tables
                if "hlc" in t.c
            ]
        return max((v for v in values if v), default="")

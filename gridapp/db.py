"""Engine and sessions: SQLite pragmas, Alembic migrations at start-up, and the flush hook that stamps
every synced record with the hybrid logical clock, the office, and an audit entry.

Nothing here runs at import time: the caller makes an engine explicitly (see gridapp.workspace).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, delete, event, insert, inspect
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from gridapp import access
from gridapp.backup import backup_sqlite
from gridapp.changes import Changes, Table
from gridapp.dto import Actor
from gridapp.errors import ConnectionLost, StorageError, WriteCollision
from gridapp.hlc import HybridClock
from gridapp.models import AuditEntry, Setting, Synced
from gridapp.models.base import utcnow
from gridapp.version import program_version

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
PROGRAM_VERSION_KEY, CREATED_BY_KEY = "program_version", "created_by_version"
BUSY_TIMEOUT_MS = 5000  # how long a write waits for another program holding the file
CONNECT_TIMEOUT = 5  # seconds a server connection may take before it gives up (an unplugged cable)


def make_engine(url: str, read_only: bool = False) -> Engine:
    """An engine; ``read_only`` for a reporting replica (a server session refuses writes, a file opens read-only).

    A server's pooled connections are tested before use (pool_pre_ping), so a connection the server dropped
    while idle (restarted, cable pulled and back) is replaced, not reported."""
    if url.startswith("postgresql"):
        engine = create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT}, pool_pre_ping=True)
        if read_only:
            engine = engine.execution_options(postgresql_readonly=True)
        return engine
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a SQLite engine (also given as a URI, ``file:…?mode=ro``), else None."""
    db = engine.url.database
    if engine.dialect.name != "sqlite" or not db or db == ":memory:":
        return None
    if engine.url.query.get("uri") == "true" and db.startswith("file:"):
        db = db[len("file:"):].split("?")[0]
    return Path(db)


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def migrate(engine: Engine) -> str | None:
    """Bring the schema to the newest revision, backing the file up first when it already holds data.

    Returns the path of the backup taken, if any. Refuses a database written by a newer program.
    """
    cfg = _alembic_config()
    scripts = ScriptDirectory.from_config(cfg)
    head = scripts.get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return None
    if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
        raise StorageError("这个数据库由更新版本的程序创建，当前程序无法打开。请先升级程序。")
    backup = None
    db_file = sqlite_file(engine)
    if current is not None and db_file is not None:
        backup = str(backup_sqlite(db_file, "before-upgrade"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        _name_program(conn, created=current is None)
    return backup


def _name_program(conn: Connection, created: bool) -> None:
    """The database names the program that last created or upgraded its schema (``settings.program_version``,
    and ``created_by_version`` when it created it), so a file says which program wrote it."""
    settings, version = Setting.__table__, program_version()
    keys = [PROGRAM_VERSION_KEY, CREATED_BY_KEY] if created else [PROGRAM_VERSION_KEY]
    conn.execute(delete(settings).where(settings.c.key.in_(keys)))
    conn.execute(insert(settings), [{"key": key, "value": version} for key in keys])


@dataclass
class Stamp:
    """What the flush hook needs to stamp and check a write: the clock, this office and the acting user."""

    clock: HybridClock
    office_id: str
    actor: Actor
    tables: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    records: dict[str, set[str]] = field(default_factory=dict)  # the ids written, by table
    newest: dict[str, str] = field(default_factory=dict)  # the newest version stamped per table
    _scope: list[str | None] = field(default_factory=list)  # the actor's scope path, once looked up

    def scope(self, session: Session) -> str | None:
        if not self._scope:
            self._scope.append(access.scope_path(session, self.actor))
        return self._scope[0]

    def version(self, table: str) -> str:
        """A new hlc for a record of ``table`` (remembered, so this program knows its own writes later)."""
        self.newest[table] = value = self.clock.now()
        return value

    def changes(self) -> Changes:
        return Changes(frozenset(Table(t) for t in self.tables), frozenset(self.ids))


class HardDeleteError(RuntimeError):
    """Synced records are never deleted from the database: set ``deleted`` (a tombstone) instead."""


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", _before_flush)
    return factory


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    stamp: Stamp | None = session.info.get("stamp")
    pending = [o for o in session.new if isinstance(o, Synced)]
    dirty = [o for o in session.dirty if isinstance(o, Synced) and session.is_modified(o)]
    if any(isinstance(o, Synced) for o in session.deleted):
        raise HardDeleteError("synced records are soft-deleted; set .deleted = True")
    if not pending and not dirty:
        return
    if stamp is None:
        raise RuntimeError("writes must go through Workspace.write(actor)")
    scope = stamp.scope(session)
    for obj in pending:
        access.check_write(session, stamp.actor, obj, scope, {})
    for obj in dirty:
        access.check_write(session, stamp.actor, obj, scope, _old_values(obj))
    now = utcnow()
    for obj in pending:
        obj.created_at = obj.updated_at = now
        _stamp(session, stamp, obj, "create", {})
    for obj in dirty:
        obj.updated_at = now
        fields = _changed_fields(obj)
        action = "update"
        if "deleted" in fields:
            action = "delete" if obj.deleted else "restore"
        _stamp(session, stamp, obj, action, {"fields": sorted(fields)})


def _stamp(session: Session, stamp: Stamp, obj: Synced, action: str, detail: dict) -> None:
    if obj.id is None:
        from gridapp.models import new_id

        obj.id = new_id()
    table = obj.__tablename__  # type: ignore[attr-defined]
    obj.hlc = stamp.version(table)
    obj.office_id = stamp.office_id
    stamp.tables.add(table)
    stamp.ids.add(obj.id)
    stamp.records.setdefault(table, set()).add(obj.id)
    session.add(AuditEntry(user_name=stamp.actor.name, action=action, table_name=table, record_id=obj.id,
                           detail=detail))


def _changed_fields(obj: Synced) -> set[str]:
    state = inspect(obj)
    return {a.key for a in state.attrs if a.history.has_changes()}


def _old_values(obj: Synced) -> dict[str, Any]:
    """The values changed columns held before this flush (where the record was, for the scope check)."""
    return {a.key: a.history.deleted[0] for a in inspect(obj).attrs if a.history.deleted}


CONNECTION_LOST = "与数据库服务器的连接断开了，本次修改没有保存，正在重试……如果一直连不上，请检查网线或联系管理服务器的人员。"
# PostgreSQL's SQLSTATE classes: 08 connection exceptions, 57P0x the server shutting down or restarting
LOST_STATES = ("08", "57P01", "57P02", "57P03")
COLLISION_STATES = ("40001", "40P01")  # serialization failure, deadlock: the transaction may simply run again


@contextmanager
def storage_errors(committing: Callable[[], bool] = lambda: False) -> Iterator[None]:
    """Turn the database's low-level failures into messages an office worker can act on.

    ``committing()`` says whether the failure came while committing: a connection lost then may or may not
    have stored the change, so it is not offered as safe to retry."""
    try:
        yield
    except DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", "")  # None: the client could not reach the server at all
        if exc.connection_invalidated or (state is None and isinstance(exc, OperationalError)) \
                or (state or "").startswith(LOST_STATES):
            if committing():
                raise StorageError("与数据库服务器的连接在保存的那一刻断开了，修改可能已经保存，也可能没有。"
                                   "请等连接恢复后重新打开这条记录核对。") from exc
            raise ConnectionLost(CONNECTION_LOST) from exc
        if (state or "").startswith(COLLISION_STATES):
            raise WriteCollision("另一台电脑正在同时保存相关的记录，本次修改没有保存。请重试。") from exc
        if not isinstance(exc, OperationalError):
            raise
        text = str(exc.orig or exc).lower()
        if "locked" in text or "busy" in text:
            raise StorageError("数据库正被另一个程序使用（文件被锁定）。请关闭其他打开同一数据库的窗口后重试。") from exc
        if "disk is full" in text or "full" in text or "disk i/o error" in text:
            raise StorageError("磁盘已满或无法写入（也可能是U盘被拔出、磁盘出错），本次修改没有保存，数据库仍是修改前的样子。"
                               "请清理磁盘空间、检查磁盘后重试。") from exc
        if "readonly" in text or "read-only" in text:
            raise StorageError("数据库文件是只读的，无法保存。请检查文件权限或U盘写保护开关。") from exc
        if "malformed" in text or "not a database" in text:
            raise StorageError("数据库文件已损坏。请退出程序再打开：它会检查文件并提出用最近一份完好的备份恢复"
                               "（命令行：gridapp backup restore --latest）。") from exc
        raise StorageError(f"数据库出错，本次修改没有保存。请重试；如果一再出现，请把这条信息告诉技术人员：{exc.orig or exc}") from exc

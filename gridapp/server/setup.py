"""``gridapp server init``: the schema on an empty server database, its first administrator, and optionally
everything an embedded database holds — so a town that started on one PC moves to the server losing nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, func, inspect, select, table, text
from sqlalchemy.exc import DBAPIError

from gridapp.connection import explain, server_engine, server_url
from gridapp.db import migrate
from gridapp.errors import RuleViolation
from gridapp.models import User
from gridapp.progress import Progress
from gridapp.server import transfer
from gridapp.services.users import ADMIN
from gridapp.workspace import Workspace


class NotEmpty(RuleViolation):
    pass


class CopyMismatch(RuleViolation):
    pass


@dataclass(frozen=True)
class ServerSetup:
    url: str  # without the password
    admin: str  # the administrator who logs in first
    copied_rows: int  # 0 without --from
    counts: dict[str, int]  # rows per table after the copy
    digest: str  # of the copied content, equal to the source's


def init_server(url: str, admin: str = ADMIN, password: str | None = None, source: Path | None = None,
                progress: Progress | None = None) -> ServerSetup:
    """Create the schema on the empty database at ``url`` and give ``admin`` the ``password``.

    With ``source`` (an embedded database file, migrated first) every row is copied over in one transaction,
    checked by counts and digest before it commits. The copied database keeps its users; when none of them
    has a password yet, its set-up administrator gets ``password``. Without ``source`` the server starts
    with ``admin`` alone; the office and grid tree are set up afterwards (the wizard, ``gridapp init``)."""
    if source is not None and not Path(source).is_file():
        raise RuleViolation(f"找不到要搬到服务器上的数据库文件 {source}。请核对文件路径。")
    engine = server_engine(url)
    try:
        _refuse_unless_empty(engine)
        _refuse_unless_code_point_order(engine)
        migrate(engine)
        copied, counts, digest = 0, {}, ""
        if source is not None:
            copied, counts, digest = _copy_from(Path(source), engine, progress)
            with engine.connect() as conn:  # the planner's statistics, before the first user searches
                conn.execute(text("ANALYZE"))
                conn.commit()
    except DBAPIError as exc:
        raise explain(exc, engine.url) from exc
    finally:
        engine.dispose()
    ws = Workspace.open(url)
    try:
        admin = _first_administrator(ws, admin, password)
    finally:
        ws.close()
    return ServerSetup(server_url(url).render_as_string(hide_password=True), admin, copied, counts, digest)


def _copy_from(source: Path, engine: Engine, progress: Progress | None) -> tuple[int, dict[str, int], str]:
    """Copy the file (brought to the newest schema first) in one transaction, committed only when checked."""
    source_ws = Workspace.open(source)
    try:
        with source_ws.engine.connect() as src, engine.begin() as target:
            copied = transfer.copy_tables(src, target, progress)
            counts, digest = transfer.row_counts(src), transfer.digest(src)
            _verify(target, counts, digest)
    finally:
        source_ws.close()
    return copied, counts, digest


def _refuse_unless_empty(engine: Engine) -> None:
    with engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if n != "alembic_version"]
        holding = [n for n in names if conn.execute(select(func.count()).select_from(table(n))).scalar_one()]
    if holding:
        raise NotEmpty(f"服务器上的数据库“{engine.url.database}”不是空的（已有数据表 {'、'.join(sorted(holding)[:5])} "
                       "等），为了不覆盖别人的数据，没有做任何改动。请新建一个空数据库（见 docs/server.md），"
                       "或核对数据库名。")


class WrongCollation(RuleViolation):
    pass


def _refuse_unless_code_point_order(engine: Engine) -> None:
    """Text must sort by code point, as in the embedded database: the prefix searches (ID and phone tails,
    pinyin initials) are ranges on plain indexes, which only the C collation keeps exact."""
    with engine.connect() as conn:
        provider, collation, icu = conn.execute(text(
            "SELECT datlocprovider, datcollate, daticulocale FROM pg_database WHERE datname = current_database()"
        )).one()
    if provider == "i":  # an ICU locale orders by language rules whatever datcollate says
        collation = icu
    if provider == "i" or not (collation in ("C", "POSIX") or collation.startswith("C.")):
        name = engine.url.database
        raise WrongCollation(f"服务器上的数据库“{name}”按“{collation}”排序，本程序需要按编码排序（C），"
                             "否则按尾号、拼音首字母查找会不准确。没有做任何改动。请删掉这个空数据库，按 docs/server.md "
                             f"重新建立：CREATE DATABASE {name} OWNER … ENCODING 'UTF8' LOCALE 'C' TEMPLATE template0;")


def _verify(target: Connection, counts: dict[str, int], digest: str) -> None:
    """Refuse (rolling the copy back) unless the server holds exactly what the file held."""
    got = transfer.row_counts(target)
    if got != counts:
        differ = [f"{name}：{counts[name]}→{got.get(name)}" for name in counts if got.get(name) != counts[name]]
        raise CopyMismatch(f"复制后的行数不一致（{'；'.join(differ)}），服务器上没有留下任何数据。请把这条信息告诉技术人员。")
    if transfer.digest(target) != digest:
        raise CopyMismatch("复制后的内容校验不一致，服务器上没有留下任何数据。请把这条信息告诉技术人员。")


def _first_administrator(ws: Workspace, admin: str, password: str | None) -> str:
    """Who logs in first: the copied users when they have passwords; otherwise ``admin`` (the copied set-up
    administrator, or a new account on an empty server) with ``password``."""
    if not ws.users.is_open():
        return ""
    if password is None:
        raise RuleViolation("请给出第一位管理员的密码（--password-file 密码文件）。")
    with ws.read() as s:
        copied = s.scalar(select(func.count()).select_from(User))
    name = ADMIN if copied else admin
    ws.users.set_first_password(password, name)
    return name

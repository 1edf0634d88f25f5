"""Connecting to a server database with a short timeout, and what a failed connection means in plain Chinese:
a wrong address, a server that does not answer, a wrong password, a database or user that does not exist."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, create_engine, func, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from gridapp.db import CONNECT_TIMEOUT
from gridapp.errors import StorageError

SERVER_DIALECT = "postgresql"


class ServerUnreachable(StorageError):
    """The server database cannot be used; the message says what to check."""


@dataclass(frozen=True)
class ServerInfo:
    """What ``gridapp server check`` and 设置 → 数据库 → 测试连接 tell about a server database."""

    version: str  # "15.8"
    revision: str | None  # the schema's migration revision, None on an empty database
    counts: dict[str, int]  # live households, persons, cases, users (empty on an empty database)


def server_url(url: str) -> URL:
    """The URL parsed, refused in Chinese when it is not a PostgreSQL URL the program can use."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ServerUnreachable(f"“{safe_url(url)}”不是数据库地址。格式应为 "
                                "postgresql+psycopg://用户名:密码@服务器地址:5432/数据库名") from None
    if parsed.get_backend_name() != SERVER_DIALECT:
        raise ServerUnreachable(f"“{safe_url(url)}”不是 PostgreSQL 服务器的地址（应以 postgresql+psycopg:// 开头）。")
    if parsed.drivername == SERVER_DIALECT:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if not parsed.database:
        raise ServerUnreachable("数据库地址里缺少数据库名：在地址最后写上 /数据库名，例如 …:5432/gridapp。")
    return parsed


@dataclass(frozen=True)
class ServerAddress:
    """A server database as 设置 → 数据库 asks for it; ``url()`` is what the program opens."""

    host: str
    port: int = 5432
    database: str = "gridapp"
    user: str = "gridapp"
    password: str = ""
    tls: bool = True

    def url(self) -> str:
        query = {"sslmode": "require"} if self.tls else {}
        return URL.create("postgresql+psycopg", self.user or None, self.password or None, self.host.strip(),
                          self.port, self.database.strip(), query).render_as_string(hide_password=False)


def describe(location: str) -> str:
    """The current database for a person: a file's path, or a server's host, database and user (no password)."""
    if "://" not in location or location.startswith("sqlite"):
        return location.removeprefix("sqlite:///")
    url = make_url(location)
    tls = "，加密连接" if url.query.get("sslmode") in ("require", "verify-ca", "verify-full") else ""
    return f"服务器 {url.host}:{url.port or 5432}，数据库 {url.database}，用户 {url.username}{tls}"


def safe_url(url: str | URL) -> str:
    """The URL with its password hidden, for messages and the settings page."""
    try:
        return make_url(url).render_as_string(hide_password=True) if isinstance(url, str) else \
            url.render_as_string(hide_password=True)
    except ArgumentError:
        return "（无法识别的地址）"


def server_engine(url: str | URL) -> Engine:
    """An engine on a server database that gives up connecting after CONNECT_TIMEOUT seconds."""
    parsed = server_url(url) if isinstance(url, str) else url
    try:
        return create_engine(parsed, connect_args={"connect_timeout": CONNECT_TIMEOUT}, pool_pre_ping=True)
    except NoSuchModuleError:
        raise ServerUnreachable("本程序没有安装 PostgreSQL 驱动（psycopg）。请安装 gridapp[postgresql] 后重试。") from None


def reach(engine: Engine) -> None:
    """Connect once, so that a server which cannot be used is explained before anything is tried on it."""
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        raise explain(exc, engine.url) from exc


def explain(exc: DBAPIError, url: str | URL) -> ServerUnreachable:
    """A failed connection as a message naming what to check (the driver's own words kept at the end)."""
    detail = str(exc.orig or exc).strip()
    low = detail.lower()
    where = make_url(url) if isinstance(url, str) else url
    host, port = where.host or "localhost", where.port or 5432
    if "password authentication failed" in low or "no password supplied" in low:
        what = f"用户“{where.username}”的密码不对。请核对 设置 → 数据库 里的用户名和密码（区分大小写）。"
    elif f'database "{where.database}" does not exist' in low:
        what = (f"服务器上没有名为“{where.database}”的数据库。请核对数据库名，或请服务器管理员按 docs/server.md "
                "建立数据库。")
    elif "role" in low and "does not exist" in low:
        what = f"服务器上没有名为“{where.username}”的用户。请核对用户名，或请服务器管理员按 docs/server.md 建立用户。"
    elif "pg_hba.conf" in low:
        what = ("服务器拒绝了这台电脑的连接（pg_hba.conf 里没有允许它）。请服务器管理员按 docs/server.md "
                "在 pg_hba.conf 里加上办公室网段。")
    elif "ssl" in low:
        what = ("加密连接（TLS）没有建立：服务器可能没有开启 SSL，或证书对不上。请核对“加密连接”设置和服务器证书"
                "（见 docs/server.md）。")
    elif any(s in low for s in ("could not translate host name", "name or service not known", "nodename")):
        what = f"找不到服务器“{host}”。请核对服务器地址（可以用IP地址，例如 192.168.1.10）。"
    else:
        what = (f"连不上服务器 {host}:{port}。请检查：网线和网络是否通、服务器是否开机、PostgreSQL 是否在运行、"
                "端口号是否正确、服务器防火墙是否放行该端口。")
    return ServerUnreachable(f"{what}（{detail.splitlines()[0] if detail else type(exc).__name__}）")


def check(url: str) -> ServerInfo:
    """Connect and tell the server's version, the schema revision and what the database holds."""
    engine = server_engine(url)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar_one().split()[0]
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            counts = _counts(conn) if "households" in tables else {}
    except DBAPIError as exc:
        raise explain(exc, engine.url) from exc
    finally:
        engine.dispose()
    return ServerInfo(version, revision, counts)


def _counts(conn: object) -> dict[str, int]:
    from gridapp.models import Case, Household, Person, User

    found = {}
    for label, model in (("households", Household), ("persons", Person), ("cases", Case)):
        found[label] = conn.execute(select(func.count()).select_from(model).where(~model.deleted)).scalar_one()
    found["users"] = conn.execute(select(func.count()).select_from(User)).scalar_one()
    return found

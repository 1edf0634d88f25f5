"""PostgreSQL's own backup programs, pg_dump and pg_restore, for ``gridapp backup`` on a server database.

They are looked for on PATH, in Debian's /usr/lib/postgresql/<version>/bin and in the Windows installer's
``C:\\Program Files\\PostgreSQL\\<version>\\bin``. The connection goes to them through libpq's environment
variables: the password in PGPASSWORD, never on a command line where other users of the PC could read it.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from gridapp.errors import StorageError

_SEARCH = ("/usr/lib/postgresql/*/bin", "C:/Program Files/PostgreSQL/*/bin", "/usr/pgsql-*/bin")
_LIBPQ_QUERY = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
                "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT"}


class ToolMissing(StorageError):
    pass


def find_tool(name: str) -> Path:
    """pg_dump or pg_restore: on PATH, else the newest version installed in the usual places."""
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)
    exe = name + (".exe" if os.name == "nt" else "")
    found = [Path(folder) / exe for pattern in _SEARCH for folder in glob.glob(pattern)]
    found = sorted((p for p in found if p.is_file()), key=_version)
    if found:
        return found[-1]
    raise ToolMissing(f"找不到 PostgreSQL 的备份程序 {name}。请在这台电脑上安装它：Debian/Ubuntu 运行 "
                      "sudo apt-get install postgresql-client-15；Windows 安装 PostgreSQL（EDB 安装程序，可只选 "
                      "Command Line Tools）。见 docs/server.md。")


def _version(path: Path) -> tuple[int, ...]:
    digits = "".join(c if c.isdigit() else " " for c in str(path.parent.parent.name if path.parent.name == "bin"
                                                             else path.parent.name))
    return tuple(int(d) for d in digits.split()) or (0,)


def libpq_env(url: str) -> dict[str, str]:
    """The environment that points pg_dump/pg_restore at the database of a SQLAlchemy URL."""
    parsed = make_url(url)
    env = {**os.environ, "PGDATABASE": parsed.database or "", "PGHOST": parsed.host or "localhost",
           "PGPORT": str(parsed.port or 5432), "PGUSER": parsed.username or ""}
    env.pop("PGPASSWORD", None)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    for key, name in _LIBPQ_QUERY.items():
        value = parsed.query.get(key)
        if value:
            env[name] = value if isinstance(value, str) else value[0]
    return env


def dump(url: str, target: Path) -> None:
    """A custom-format dump (``pg_dump -Fc``) written under a temporary name and renamed when complete."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        _run(find_tool("pg_dump"), ["-Fc", "--no-owner", "-f", str(partial)], url, "备份")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def restore(url: str, archive: Path) -> None:
    """Replace the database's contents by the dump's, all or nothing (``--single-transaction``)."""
    _run(find_tool("pg_restore"), ["--clean", "--if-exists", "--single-transaction", "--no-owner",
                                   "-d", make_url(url).database or "", str(archive)], url, "恢复")


def _run(tool: Path, args: list[str], url: str, what: str) -> None:
    try:
        done = subprocess.run([str(tool), *args], env=libpq_env(url), capture_output=True, text=True,
                              encoding="utf-8", errors="replace")
    except OSError as exc:
        raise StorageError(f"无法运行 {tool}：{exc.strerror or exc}") from exc
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"退出码 {done.returncode}"
        raise StorageError(f"{tool.name} {what}没有完成，数据库没有改动：{detail}。请检查服务器连接和磁盘空间后重试。")

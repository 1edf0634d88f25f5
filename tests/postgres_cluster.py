"""A throw-away PostgreSQL cluster for the tests: initdb + pg_ctl in a temporary folder, a free local port,
stopped and removed afterwards.

Debian keeps the server's programs in /usr/lib/postgresql/<version>/bin, off PATH. initdb refuses to run as
root, so under root (CI containers, the fresh-debian chroot) the cluster runs as ``nobody``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVER_USER = "gridapp"


def server_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: the newest Debian install, the package scripts/setup.sh unpacked
    (GRIDAPP_PG_BIN), else whatever PATH has."""
    if os.environ.get("GRIDAPP_PG_BIN"):
        return Path(os.environ["GRIDAPP_PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One running server. ``url(db)`` gives a SQLAlchemy URL; ``create_database`` copies a template."""

    def __init__(self) -> None:
        bindir = server_bin()
        if bindir is None:
            raise RuntimeError("PostgreSQL server programs not found (Debian package: postgresql)")
        self.bin = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="gridapp-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._as_nobody = os.geteuid() == 0
        if self._as_nobody:
            shutil.chown(self.folder, "nobody")
        self._run("initdb", "-D", str(self.data), "-U", SERVER_USER, "-A", "trust", "-E", "UTF8",
                  "--no-locale", "--no-sync")
        self.start_server()

    def start_server(self) -> None:
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c jit=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"),
                  "start", "-w")

    def stop_server(self) -> None:
        """Stop the server but keep its data (start_server brings it back): a restart, a pulled cable."""
        self._run("pg_ctl", "-D", str(self.data), "stop", "-m", "fast", "-w")

    def _run(self, program: str, *args: str) -> None:
        cmd = [str(self.bin / program), *args]
        if self._as_nobody:
            cmd = ["runuser", "-u", "nobody", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, cwd=self.folder)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SERVER_USER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str, template: str | None = None) -> str:
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "stop", "-m", "immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

"""Where the embedded database lives: the user's data folder, unless --db or GRIDAPP_DB say otherwise."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "gridapp"
DB_ENV = "GRIDAPP_DB"
REPORT_DB_ENV = "GRIDAPP_REPORT_DB"  # a read-only replica for ledgers and statistics
SYNC_KEY_NAME = "sync.key"


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def sync_key_file() -> Path:
    """The machine-local key that keeps the stored sync passphrase (see gridapp.sync.passphrase) for the command
    line: in the user's config folder, the folder of the program's settings file on Windows and Linux."""
    return Path(user_config_dir(APP_NAME, appauthor=False, roaming=True)) / SYNC_KEY_NAME


def resolve_location(location: str | os.PathLike[str] | None = None) -> str:
    """Return a database location: an explicit path or SQLAlchemy URL, GRIDAPP_DB, or the default file."""
    if location:
        return os.fspath(location)
    if os.environ.get(DB_ENV):
        return os.environ[DB_ENV]
    return str(data_dir() / "gridapp.sqlite3")


def resolve_report_location(location: str | None = None) -> str | None:
    """The reporting replica: an explicit location, GRIDAPP_REPORT_DB, or none."""
    return location or os.environ.get(REPORT_DB_ENV) or None


def is_url(location: str) -> bool:
    return "://" in location


def to_url(location: str) -> str:
    return location if is_url(location) else f"sqlite:///{Path(location).expanduser().resolve()}"

"""The program's version: one number, ``version`` in pyproject.toml, read from the installed metadata (the
frozen build bundles that metadata). Shown by ``--version`` and 关于, and written into what the program leaves
behind — the database (``settings.program_version``) and every sync package's manifest — so a file says which
program wrote it."""

from __future__ import annotations

from importlib import metadata

DISTRIBUTION = "gridapp"
UNKNOWN = "未知"


def program_version() -> str:
    """The installed version, or "未知" in a source tree that was never installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN

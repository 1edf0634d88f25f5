"""Locate bundled data files, both from a source checkout and from a PyInstaller build.

PyInstaller unpacks data into ``sys._MEIPASS``; a checkout keeps ``resources/`` next to the package.
Going through this module is the only way code should find a data file.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """Return the top-level ``resources/`` folder."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return a path inside ``resources/``; the file need not exist."""
    return resource_dir().joinpath(*parts)


def manual_path() -> Path:
    """The printable manual: ``docs/manual/gridapp-manual.pdf`` next to ``resources/`` (the build bundles it
    there); when it was not built, the caller opens the folder of its markdown sources instead."""
    return resource_dir().parent / "docs" / "manual" / "gridapp-manual.pdf"

"""One version, pyproject's: printed by ``--version`` (CLI and program), written into every database the program
creates or upgrades, and into every sync package's manifest, so a file says which program wrote it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import test_sync_offices as support
from sqlalchemy import select
from test_sync_offices import PASS, Offices, export

from gridapp.dto import SYSTEM
from gridapp.models import Setting
from gridapp.sync import package
from gridapp.version import program_version
from gridapp.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
fast_kdf, offices = support.fast_kdf, support.offices  # the shared fixtures


def test_the_version_is_pyprojects_and_the_cli_prints_it() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert program_version() == declared
    shown = subprocess.run([sys.executable, "-m", "gridapp", "--version"], capture_output=True, text=True,
                           check=True, cwd=ROOT)
    assert shown.stdout.strip() == f"gridapp {declared}"


def test_a_new_database_names_the_program_that_created_it(ws: Workspace) -> None:
    with ws.read() as s:
        stored = dict(s.execute(select(Setting.key, Setting.value).where(
            Setting.key.in_(["program_version", "created_by_version"]))).all())
    assert stored == {"program_version": program_version(), "created_by_version": program_version()}


def test_a_package_names_the_program_that_wrote_it(offices: Offices) -> None:
    offices.v1.places.create(SYSTEM, offices.grid11, name="便民超市")
    path = export(offices.v1, offices.town, offices.usb)
    assert package.open_package(path, PASS).info.program_version == program_version()
    assert offices.town.sync.read_package(path, PASS).info.program_version == program_version()

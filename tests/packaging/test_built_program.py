"""The program as an office receives it: ``scripts/build`` makes the one-folder program and the .deb, and the
built programs start on a machine where nothing else of gridapp exists — a fresh HOME, no source tree, no venv:
``--version``, ``--smoke`` (the window built offscreen, a database created in the user's folder), and the command
line printing a ledger whose Chinese title pdftotext reads back. Built once per ./test (the SQLite pass)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import backends
import pytest

from gridapp.version import program_version

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
BUILD_SECONDS = 1800

pytestmark = pytest.mark.skipif(backends.POSTGRESQL, reason="the build is made and tried once, in the SQLite pass")


@pytest.fixture(scope="module")
def built() -> Path:
    """The program folder; the .deb beside it on Debian-based systems."""
    shutil.rmtree(DIST / "gridapp", ignore_errors=True)
    subprocess.run([str(ROOT / "scripts" / "build")], cwd=ROOT, check=True, timeout=BUILD_SECONDS)
    return DIST / "gridapp"


def _fresh_run(program: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a built program with nothing of the developer's around it: its own HOME, no venv or source tree on
    the path, and the current directory far from the checkout."""
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    return subprocess.run([str(program), *args], cwd=home, env=env, capture_output=True, text=True, timeout=300,
                          check=False)


def test_both_programs_say_their_version(built: Path, tmp_path: Path) -> None:
    for name in ("gridapp", "gridapp-cli"):
        shown = _fresh_run(built / name, tmp_path, "--version")
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.strip() == f"gridapp {program_version()}"


def test_the_program_starts_and_creates_its_database_in_a_fresh_home(built: Path, tmp_path: Path) -> None:
    started = _fresh_run(built / "gridapp", tmp_path, "--smoke")
    assert started.returncode == 0, started.stderr
    assert "smoke ok" in started.stdout + started.stderr
    assert (tmp_path / ".local" / "share" / "gridapp" / "gridapp.sqlite3").is_file()
    assert (built / "_internal" / "resources" / "i18n" / "gridapp_en.qm").is_file()
    in_english = _fresh_run(built / "gridapp", tmp_path, "--smoke", "--lang", "en")
    assert in_english.returncode == 0, in_english.stderr
    assert "interface en" in in_english.stdout  # the English catalogue was found and loaded


def test_the_command_line_prints_a_ledger_in_chinese(built: Path, tmp_path: Path) -> None:
    cli = built / "gridapp-cli"
    assert _fresh_run(cli, tmp_path, "demo").returncode == 0
    printed = _fresh_run(cli, tmp_path, "ledger", "population", "-o", str(tmp_path / "人口.pdf"))
    assert printed.returncode == 0, printed.stderr
    text = subprocess.run(["pdftotext", "-l", "1", str(tmp_path / "人口.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "实有人口台账" in text and "幸福村" in text


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="not a Debian-based system: no .deb is made")
def test_the_deb_installs_under_opt_with_a_chinese_menu_entry(built: Path) -> None:
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    deb = DIST / f"gridapp_{program_version()}_{arch}.deb"
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Version", "Depends"], capture_output=True,
                            text=True, check=True).stdout
    assert "Package: gridapp" in fields and f"Version: {program_version()}" in fields
    assert "libxcb-cursor0" in fields and "python3-venv" not in fields
    files = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for path in ("./opt/gridapp/gridapp", "./opt/gridapp/gridapp-cli", "./usr/bin/gridapp -> /opt/gridapp/gridapp",
                 "./usr/share/applications/gridapp.desktop", "./usr/share/icons/hicolor/256x256/apps/gridapp.png",
                 "./opt/gridapp/_internal/resources/fonts/wqy-microhei.ttc"):
        assert path in files
    with_entry = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], capture_output=True, check=True).stdout
    assert "Name[zh_CN]=网格化管理综合信息采集簿".encode() in with_entry
    assert os.access(built / "gridapp", os.X_OK)

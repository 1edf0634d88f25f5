"""The layering rules of pyproject.toml hold (import-linter), and would catch a violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = str(Path(sys.executable).with_name("lint-imports"))


def test_import_contracts_hold() -> None:
    done = subprocess.run([LINT, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_a_qt_import_in_the_core_breaks_the_contract(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("gridapp", "ui"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "gridapp" / "sneaky.py").write_text("import PySide6.QtCore\n", encoding="utf-8")
    (copy / "ui" / "sneaky.py").write_text("from gridapp.models import Person\n", encoding="utf-8")
    done = subprocess.run([LINT, "--no-cache"], cwd=copy, capture_output=True, text=True,
                          env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert done.returncode != 0
    assert "gridapp.sneaky -> PySide6" in done.stdout
    assert "ui.sneaky -> gridapp.models" in done.stdout

"""The English catalogue of the interface: ``update`` runs pyside6-lupdate over every module of ``ui`` into
``resources/i18n/gridapp_en.ts`` (new strings arrive unfinished, translated ones are kept, vanished ones dropped);
``compile`` runs pyside6-lrelease into the ``.qm`` the program loads (a build product, made by ./run, ./test and
scripts/build when missing or older than the ``.ts``).

    .venv/bin/python scripts/translations.py update     # after adding or changing tr() strings
    .venv/bin/python scripts/translations.py compile
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "resources" / "i18n" / "gridapp_en.ts"
COMPILED = CATALOGUE.with_suffix(".qm")
TOOLS = Path(sys.executable).parent


def sources() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in (ROOT / "ui").rglob("*.py"))


def lupdate(target: Path) -> None:
    """Extract every tr()/translate()/QT_TRANSLATE_NOOP string of ``ui`` into ``target`` (kept translations,
    no line numbers, so moving code does not churn the catalogue)."""
    subprocess.run([str(TOOLS / "pyside6-lupdate"), "-locations", "none", "-no-obsolete", "-source-language",
                    "zh_CN", "-target-language", "en", *sources(), "-ts", str(target)], cwd=ROOT, check=True,
                   capture_output=True)


def compile_catalogue(force: bool = False) -> Path:
    if force or not COMPILED.exists() or COMPILED.stat().st_mtime < CATALOGUE.stat().st_mtime:
        subprocess.run([str(TOOLS / "pyside6-lrelease"), "-silent", str(CATALOGUE), "-qm", str(COMPILED)],
                       check=True)
    return COMPILED


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "compile"
    if command == "update":
        lupdate(CATALOGUE)
        compile_catalogue(force=True)
    elif command == "compile":
        compile_catalogue()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Build docs/manual/gridapp-manual.pdf from docs/manual/NN-*.md and write its first pages as PNG images to
docs/manual/pages/ (called by scripts/manual and the build)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from datetime import date
from pathlib import Path

from gridapp.ledgers.manual_pdf import Cover, build_manual
from gridapp.version import program_version

ROOT = Path(__file__).resolve().parent.parent
PAGES_SHOWN = 4  # the cover, the contents and the first chapter


def chapters(folder: Path) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]-*.md"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "manual" / "gridapp-manual.pdf")
    parser.add_argument("--pages", type=Path, help="folder for PNGs of the first pages (needs pdftoppm)")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    cover = Cover("网格化管理综合信息采集簿", "使用手册",
                  f"版本 {program_version()}　　{date.today():%Y年%m月}")
    count = build_manual(chapters(ROOT / "docs" / "manual"), args.out, cover)
    print(f"{args.out}: {count} pages")
    if args.pages:
        shutil.rmtree(args.pages, ignore_errors=True)
        args.pages.mkdir(parents=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-l", str(PAGES_SHOWN), str(args.out),
                        str(args.pages / "page")], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

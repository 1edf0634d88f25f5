"""Print every ledger of a fresh demo village, and the 一事五单 of one of its cases, and turn pages into PNGs
for docs/ (see scripts/ledger-images).

pdftoppm runs under an empty fontconfig, like a PC without Chinese fonts: any glyph not embedded in the PDF
would come out blank.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plan_sample import pin_sample

from gridapp import codes
from gridapp.demo import TODAY, generate
from gridapp.ledgers import LEDGERS, render_case_sheet, render_pdf
from gridapp.ledgers.booklet import HOUSEHOLD_PAGE
from gridapp.workspace import Workspace

EMPTY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/ledgers")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gridapp-ledger-images-") as tmp:
        work = Path(tmp)
        config = work / "fonts.conf"
        config.write_text(EMPTY_FONTCONFIG.format(cache=work / "fc-cache"), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(config)}
        ws = Workspace.open(work / "demo.sqlite3")
        generate(ws, "village", seed=1)
        ws.today = lambda: TODAY  # the demo's own calendar, so the pictures only change when the code does
        village = ws.query.find_grid("幸福村").id
        grid = ws.query.find_grid("第一网格").id
        pin_sample(ws, grid, work)
        for ledger in LEDGERS:
            pdf = work / f"{ledger.key}.pdf"
            pages = render_pdf(ws, ledger.key, grid if ledger.key == "booklet" else village, pdf)
            png(pdf, 1, out / ledger.key, env)
            print(f"{ledger.key}: {pages} 页 -> {out / ledger.key}.png")
        # An archived case that was reopened by a 不满意 rating fills every sheet, the 评单 twice.
        case = next(c for c in ws.query.cases() if c.step == "归档销号" and c.reopened)
        sheet = work / "case_sheet.pdf"
        pages = render_case_sheet(ws, case.id, sheet)
        for page in range(1, pages + 1):
            png(sheet, page, out / ("case_sheet" if page == 1 else f"case_sheet-{page}"), env)
        print(f"case_sheet: {case.number}, {pages} 页 -> {out / 'case_sheet'}.png")
        ws.close()
        booklet = work / "booklet.pdf"
        texts = subprocess.run(["pdftotext", "-layout", str(booklet), "-"], check=True, capture_output=True,
                               text=True).stdout.split("\f")
        png(booklet, 2, out / "booklet-overview", env)
        png(booklet, 3, out / "booklet-plan", env)
        labels = [g.label for g in codes.special_groups()]
        tagged = next(i for i, t in enumerate(texts, start=1)  # a household page that shows tags
                      if HOUSEHOLD_PAGE in t and "流动人口（" in t and any(label in t for label in labels))
        png(booklet, tagged, out / "booklet-household", env)


def png(pdf: Path, page: int, target: Path, env: dict[str, str]) -> None:
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(target)], check=True, env=env)


if __name__ == "__main__":
    main()

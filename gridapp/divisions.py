"""GB/T 2260 administrative divisions, read from ``resources/codes/gb2260-divisions.tsv``.

The table keeps abolished codes (崇文区 110103 …) because ID numbers issued before a change still
carry them. Each code has one row with its latest name; a full name is composed from the province,
prefecture and county rows found through the code's prefixes.
"""

from __future__ import annotations

from functools import cache

from gridapp.resources import resource_path

CURRENT_RELEASE = 201904

# Prefecture-level rows that group counties without being a place name of their own.
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@cache
def _table() -> dict[str, tuple[str, int]]:
    """code -> (latest name, last release seen)."""
    table: dict[str, tuple[str, int]] = {}
    text = resource_path("codes", "gb2260-divisions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, name, _first, last = line.split("\t")
        table[code] = (name, int(last))
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


def is_current(code6: str) -> bool:
    """True when ``code6`` was still in use in the latest release of the table."""
    entry = _table().get(code6)
    return entry is not None and entry[1] >= CURRENT_RELEASE


def prefecture_known(code6: str) -> bool:
    """True when the province and prefecture parts (first 4 digits) of a county code are known.

    Lets callers accept county codes created after the table's last release (e.g. 320614 海门区, 2020).
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


def counties_under(prefix: str, include_abolished: bool = False) -> list[tuple[str, str]]:
    """County-level (code, short name) pairs whose code starts with ``prefix``, sorted by code.

    Meant for demo data: abolished codes and 市辖区 placeholder rows are left out unless asked for.
    """
    result = []
    for code, (name, last) in _table().items():
        if not code.startswith(prefix) or code[4:] == "00" or name in _PLACEHOLDERS:
            continue
        if include_abolished or last >= CURRENT_RELEASE:
            result.append((code, name))
    return sorted(result)

"""Pinyin of personal names for search-as-you-type (张三丰 -> "zsf").

pypinyin reads characters as common words, but several surnames have a special reading
(曾 zeng not ceng, 单 shan not dan). A leading surname found in ``surname_readings.json``
overrides pypinyin; the given name is read by pypinyin on its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from types import ModuleType

from gridapp import codes

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


@cache
def _pypinyin() -> ModuleType:
    # Imported on first use: loading pypinyin's dictionaries takes a noticeable moment at start-up.
    import pypinyin

    return pypinyin


def _han_syllables(text: str) -> list[str]:
    pp = _pypinyin()
    return [s for s in pp.lazy_pinyin(text, style=pp.Style.NORMAL, errors="ignore") if s.isalpha()]


def _surname(name: str) -> tuple[tuple[str, ...], str]:
    """Override syllables for a leading surname, and the rest of the name."""
    readings = codes.surname_readings()
    if len(name) >= 3 and name[:2] in readings:
        return readings[name[:2]], name[2:]
    if name[:1] in readings:
        return readings[name[:1]], name[1:]
    return (), name


def _syllables(name: str, surname: bool = True) -> list[str]:
    """Lower-case syllables for Chinese runs, lower-case alphanumeric characters for the rest."""
    text = unicodedata.normalize("NFKC", name).strip()
    head, rest = _surname(text) if surname else ((), text)
    result = list(head)
    position = 0
    for run in _HAN.finditer(rest):
        result.extend(c.lower() for c in rest[position : run.start()] if c.isalnum())
        result.extend(_han_syllables(run.group()))
        position = run.end()
    result.extend(c.lower() for c in rest[position:] if c.isalnum())
    return result


@lru_cache(maxsize=1 << 16)
def initials(name: str) -> str:
    """Pinyin initials, e.g. 曾小明 -> "zxm"; Latin letters and digits are kept lower-case.

    Cached: names repeat a lot, and imports and the demo generator ask for every person's initials."""
    return "".join(s[0] for s in _syllables(name))


def place_initials(name: str) -> str:
    """Initials of a place name, read as words without the surname readings (解放村 -> "jfc", not "xfc")."""
    return "".join(s[0] for s in _syllables(name, surname=False))


def full_pinyin(name: str) -> str:
    """Toneless pinyin without separators, e.g. 曾小明 -> "zengxiaoming"."""
    return "".join(_syllables(name))

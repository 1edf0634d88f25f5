"""Dates as people type them in forms and spreadsheets: 19650302, 1965.3.2, 1965年3月2日 …

One strict output format (1965-03-02) keeps records comparable; the input side is lenient because
village rosters mix every style, including full-width digits typed with a Chinese input method.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Literal

Precision = Literal["day", "month"]

_SEP = r"\s*[-./。、年]\s*"
_TIME = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
_FULL = (
    re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*[-./。、月]\s*(\d{{1,2}})\s*[日号]?{_TIME}$"),
    re.compile(rf"^(\d{{4}})(\d{{2}})(\d{{2}}){_TIME}$"),
)
_MONTH = (
    re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*月?$"),
    re.compile(r"^(\d{4})(\d{2})$"),
)


class DateError(ValueError):
    """A date the user typed cannot be understood; ``str()`` is the Chinese message."""


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _make(year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise DateError(f"日期 {int(year):04d}-{int(month):02d}-{int(day):02d} 不存在") from None


def _full(text: str) -> date | None:
    for pattern in _FULL:
        found = pattern.match(text)
        if found:
            return _make(*found.groups())
    return None


def parse_date(text: str) -> date:
    """Parse a full date in any common style; raises DateError with a message for the user."""
    cleaned = _clean(text)
    if not cleaned:
        raise DateError("日期不能为空")
    result = _full(cleaned)
    if result is None:
        raise DateError(f"无法识别的日期「{cleaned}」，请按 1965-03-02 的格式填写")
    return result


def parse_partial_date(text: str) -> tuple[date, Precision]:
    """Like ``parse_date`` but also accepts a year and month (1965.03, 1965年3月, 196503).

    Returns the date (the 1st for month precision) and "day" or "month", so imports keep
    the fact that the day was unknown.
    """
    cleaned = _clean(text)
    if not cleaned:
        raise DateError("日期不能为空")
    result = _full(cleaned)
    if result is not None:
        return result, "day"
    for pattern in _MONTH:
        found = pattern.match(cleaned)
        if found:
            year, month = (int(g) for g in found.groups())
            if not 1 <= month <= 12 or year < 1:
                raise DateError(f"日期 {year:04d}-{month:02d} 不存在")
            return date(year, month, 1), "month"
    raise DateError(f"无法识别的日期「{cleaned}」，请按 1965-03-02 或 1965-03 的格式填写")


def format_date(d: date) -> str:
    """The one display and storage format: 1965-03-02."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def age_on(born: date | None, on: date) -> int | None:
    """Age in full years on a given day (None when the birth date is unknown)."""
    if born is None:
        return None
    return on.year - born.year - int((on.month, on.day) < (born.month, born.day))

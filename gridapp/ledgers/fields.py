"""Columns paired with how to read their cell from a record, so each ledger is a list of fields."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from gridapp.ledgers.model import Column, Rows, Section, number_column

SEQ = Column("序号", 10, "center", True)


@dataclass(frozen=True)
class Field:
    column: Column
    value: Callable[[Any], object]


def field(header: str, width: float, value: Callable[[Any], object], align: str = "left") -> Field:
    return Field(Column(header, width, align), value)


def count(header: str, width: float, value: Callable[[Any], object]) -> Field:
    """A field holding a number: right-aligned, and a number in Excel."""
    return Field(number_column(header, width), value)


def attr(header: str, width: float, name: str, align: str = "left") -> Field:
    """A field showing one attribute of the record as it is."""
    return Field(Column(header, width, align), lambda r: getattr(r, name))


def text(value: object) -> str:
    """A cell's text: dates as 2026-11-01, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def period(start: date | None, end: date | None, open_end: str = "") -> str:
    """A date range as 2025-01-01至2026-01-01 (``open_end`` when there is no end), nothing when unknown."""
    if not (start or end):
        return ""
    return f"{text(start)}至{text(end) or open_end}"


def numbered(title: str, fields: Sequence[Field], records: Iterable[Any], **options: Any) -> Section:
    """A section with a 序号 column followed by ``fields``, one row per record; lazily read records
    (``Rows``) give lazily made rows."""

    def row(i: int, record: Any) -> tuple[str, ...]:
        return (str(i), *(text(f.value(record)) for f in fields))

    rows = records.numbered(row) if isinstance(records, Rows) else tuple(
        row(i, r) for i, r in enumerate(records, start=1))
    return Section(title, (SEQ, *(f.column for f in fields)), rows, **options)

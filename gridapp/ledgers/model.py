"""A ledger as plain data: sections of titled tables of strings, shared by the PDF and the Excel writers.

Row sources fill these from the database; nothing here knows about reportlab or openpyxl, so both output
formats show exactly the same columns and rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import starmap
from typing import TYPE_CHECKING, Generic, TypeVar

from gridapp.dto import Chart
from gridapp.privacy import mask_text

if TYPE_CHECKING:
    from gridapp.ledgers.scope import Scope

PORTRAIT = "portrait"
LANDSCAPE = "landscape"

T = TypeVar("T")
U = TypeVar("U")


class Rows(Generic[T]):
    """Records read from the database only while a ledger is written, a batch at a time, so a county ledger
    never holds all its rows: the count is known up front (progress, the audit log) and every pass reads
    them anew through ``read``."""

    def __init__(self, count: int, read: Callable[[], Iterator[T]]) -> None:
        self.count = count
        self.read = read

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[T]:
        return self.read()

    def __bool__(self) -> bool:
        return self.count > 0

    def __repr__(self) -> str:
        return f"Rows({self.count})"

    def map(self, fn: Callable[[T], U]) -> Rows[U]:
        """The same records through ``fn``, still read lazily."""
        return Rows(self.count, lambda: map(fn, self.read()))

    def numbered(self, fn: Callable[[int, T], U]) -> Rows[U]:
        """``fn(n, record)`` for each record, n counting from 1."""
        return Rows(self.count, lambda: starmap(fn, enumerate(self.read(), start=1)))


TableRows = tuple[tuple[str, ...], ...] | Rows[tuple[str, ...]]


@dataclass(frozen=True)
class Column:
    """One column: its header, its width on paper (mm) and how its cells line up.

    ``number`` columns hold counts: right-aligned on paper, stored as numbers in Excel so they can be summed.
    """

    header: str
    width: float
    align: str = "left"
    number: bool = False


def number_column(header: str, width: float = 14) -> Column:
    return Column(header, width, "right", True)


@dataclass(frozen=True)
class Mark:
    """A numbered pin drawn over a section's image: ``x``, ``y`` fractions of the picture, ``colour`` "#rrggbb"."""

    number: str
    x: float
    y: float
    colour: str


@dataclass(frozen=True)
class Section:
    """A titled block: label/value ``fields`` (a form), label/value ``texts`` that each take a whole line
    (a description, an opinion), then a table of ``rows`` under ``columns`` (a tuple, or ``Rows`` read from
    the database while the ledger is written).

    ``new_page`` starts it on a fresh page (a household page of the booklet); ``total`` marks the last row
    as a totals row; ``image`` is a picture printed after the fields (the grid's plan, ``marks`` on it); ``chart`` a bar
    chart drawn above the table (which then holds its figures, as Excel shows them); ``signature`` is a
    line to sign under the section (a sheet of the 一事五单); sections with the same ``sheet`` are stacked on
    one Excel sheet.
    """

    title: str
    columns: tuple[Column, ...] = ()
    rows: TableRows = ()
    fields: tuple[tuple[str, str], ...] = ()
    texts: tuple[tuple[str, str], ...] = ()
    new_page: bool = False
    total: bool = False
    image: str | None = None
    marks: tuple[Mark, ...] = ()  # pins over the image (the booklet's plan map); the key is the table
    chart: Chart | None = None
    signature: str = ""
    sheet: str = ""

    @property
    def sheet_name(self) -> str:
        return self.sheet or self.title


@dataclass(frozen=True)
class SectionRun:
    """Many sections of one shape on one sheet, read a batch at a time while the ledger is written: the
    booklet's household pages, one per household of what may be a whole county. ``columns`` are the tables'
    columns, ``row_count`` the rows of all its sections together."""

    title: str
    sheet: str
    columns: tuple[Column, ...]
    sections: Rows[Section]
    row_count: int

    @property
    def sheet_name(self) -> str:
        return self.sheet


Part = Section | SectionRun


def each_section(parts: Iterable[Part]) -> Iterator[Section]:
    """Every section in order, those of a run read as they come."""
    for part in parts:
        if isinstance(part, SectionRun):
            yield from part.sections
        else:
            yield part


@dataclass(frozen=True)
class LedgerData:
    """Everything a printed or exported ledger shows; ``cover`` asks for a cover page (the booklet);
    ``period`` (first and last day) is the time a period ledger (事件, 走访) covers."""

    key: str
    title: str
    unit: str
    scope: str
    printed_on: date
    orientation: str
    sections: tuple[Part, ...]
    masked: bool = False
    cover: bool = False
    period: tuple[date, date] | None = None

    @property
    def row_count(self) -> int:
        return sum(s.row_count if isinstance(s, SectionRun) else len(s.rows) for s in self.sections)

    def each_section(self) -> Iterator[Section]:
        return each_section(self.sections)

    @property
    def period_text(self) -> str:
        """期间：2026-01-01至2026-12-31, or nothing for a ledger of the present state."""
        return f"期间：{self.period[0].isoformat()}至{self.period[1].isoformat()}" if self.period else ""


@dataclass(frozen=True)
class LedgerKind:
    """What the GUI and ``ledger --list`` show to choose a ledger; ``period`` says it covers a time span
    (the GUI then asks for 起止日期)."""

    key: str
    title: str
    description: str
    period: bool = False


SectionSource = Callable[["Scope"], list[Part]]


@dataclass(frozen=True)
class Ledger:
    """The declarative definition of one ledger: its key, title, paper orientation and section source;
    a ``period`` ledger lists what happened between two days (Scope.period)."""

    key: str
    title: str
    description: str
    orientation: str
    sections: SectionSource
    cover: bool = False
    period: bool = False

    @property
    def kind(self) -> LedgerKind:
        return LedgerKind(self.key, self.title, self.description, self.period)


# -- masking --------------------------------------------------------------------------------------------------

def masked(part: Part) -> Part:
    """The section or run with the middle of ID numbers and mobile numbers hidden everywhere in it (a run's
    sections as they are read)."""
    if isinstance(part, SectionRun):
        return replace(part, sections=part.sections.map(_masked_section))
    return _masked_section(part)


def _masked_section(section: Section) -> Section:
    rows = section.rows.map(_masked_row) if isinstance(section.rows, Rows) else tuple(map(_masked_row, section.rows))
    return replace(
        section,
        rows=rows,
        fields=tuple((label, mask_text(value)) for label, value in section.fields),
        texts=tuple((label, mask_text(value)) for label, value in section.texts),
    )


def _masked_row(row: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(mask_text(cell) for cell in row)

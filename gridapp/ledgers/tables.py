"""Ledger tables for reportlab: cells that wrap instead of being cut off, and a table fed one page at a time.

A plain LongTable re-creates the rest of itself at every page break, so a 10,000-page county ledger would
cost hours (quadratic). ``PagedTable`` hands reportlab a window of rows a little larger than a page, lets the
LongTable (repeatRows=1) split it, and starts the next window after the last row placed: linear time, and
only a page or two of cell objects in memory at once. The rows come through a ``RowFeed`` that reads them
only as windows need them (from the database, a batch at a time, for a county ledger). A window holds as many
rows as could fit if each took one line, so with wrapping cells most of its rows go on to the next window:
their cells are kept for it, and a wrapped cell remembers its line breaks, so each cell is laid out once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from gridapp.ledgers.model import Column

FONT_SIZE = 8.5
LEADING = 10.5
PAD_X = 2.5
PAD_Y = 2
MIN_ROW = LEADING + 2 * PAD_Y  # the height of a one-line row: no row is lower
HEADER_FILL = colors.HexColor("#E4E9F0")
TOTAL_FILL = colors.HexColor("#F2F2F2")
ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


@dataclass
class RowCounter:
    """Rows placed so far, for the progress callback (PagedTable counts them as pages fill up)."""

    total: int
    done: int = 0


class WrappedCell(Paragraph):
    """A cell's Paragraph that breaks its lines once per width: reportlab measures a cell each time a table
    around it is laid out, and the same row is measured by every window it falls into."""

    _wrapped_at: float | None = None
    _size: tuple[float, float] = (0.0, 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth != self._wrapped_at:  # the height has no say in where the lines break
            self._size = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self._size


class CellMaker:
    """Turns a cell's text into what reportlab draws: the string itself when it fits on one line (fast),
    otherwise a Paragraph that wraps, Chinese-style, so nothing is ever cut off."""

    def __init__(self, font: str) -> None:
        self.font = font
        self.styles = {
            align: ParagraphStyle(f"cell-{align}", fontName=font, fontSize=FONT_SIZE, leading=LEADING,
                                  alignment=code, wordWrap="CJK")
            for align, code in ALIGN.items()
        }
        self.header = ParagraphStyle("cell-header", parent=self.styles["center"])

    def cell(self, value: str, width: float, align: str) -> str | Paragraph:
        room = width - 2 * PAD_X
        if "\n" not in value and (len(value) * FONT_SIZE <= room
                                  or stringWidth(value, self.font, FONT_SIZE) <= room):
            return value
        return WrappedCell(escape(value).replace("\n", "<br/>"), self.styles[align])

    def heading(self, value: str) -> Paragraph:
        return Paragraph(escape(value), self.header)


def table_style(font: str, columns: Sequence[Column], total_row: int | None = None) -> TableStyle:
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), font, FONT_SIZE, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), c.align.upper()) for i, c in enumerate(columns)]
    if total_row is not None:
        commands.append(("BACKGROUND", (0, total_row), (-1, total_row), TOTAL_FILL))
    return TableStyle(commands)


class RowFeed:
    """The rows of one table, read once and in order as pages ask for them: the rows read but not yet placed
    wait here as cells, so only a window of rows is ever held, however long the table (rows may come from
    a lazy reader of the database)."""

    def __init__(self, maker: CellMaker, columns: Sequence[Column], widths: Sequence[float],
                 rows: Iterable[Sequence[str]]) -> None:
        self.maker = maker
        self.columns = columns
        self.widths = widths
        self.rows = iter(rows)
        self.cells: dict[int, list[Any]] = {}  # row index -> its cells, made once for every window
        self.read = 0

    def upto(self, end: int) -> int:
        """Reads rows until ``end`` of them have been read or there are no more; the rows read (at most end)."""
        while self.read < end:
            values = next(self.rows, None)
            if values is None:
                break
            self.cells[self.read] = [self.maker.cell(value, w, c.align)
                                     for value, w, c in zip(values, self.widths, self.columns, strict=True)]
            self.read += 1
        return min(end, self.read)

    def placed(self, start: int, end: int) -> None:
        for index in range(start, end):
            del self.cells[index]


class PagedTable(Flowable):
    """The rows of one section under a repeated header row, laid out a page-sized window at a time."""

    def __init__(self, feed: RowFeed, progress: RowCounter, total: bool = False, start: int = 0) -> None:
        super().__init__()
        self.feed = feed
        self.progress = progress
        self.total = total
        self.start = start
        self._table: LongTable | None = None
        self._window_height = 0.0
        self._count = 0
        self._more = False

    def _window(self, height: float) -> tuple[LongTable, int]:
        """A LongTable of the header and more rows than can fit in ``height`` (or all that are left); the
        frame asks wrap() then split() for the same height, so the last window is reused."""
        if self._table is not None and self._window_height == height:
            return self._table, self._count
        feed, start = self.feed, self.start
        end = feed.upto(start + int(height / MIN_ROW) + 2)
        count = end - start
        self._more = feed.upto(end + 1) > end
        header = [feed.maker.heading(c.header) for c in feed.columns]
        data = [header] + [feed.cells[i] for i in range(start, end)]
        last = count if self.total and not self._more else None
        style = table_style(feed.maker.font, feed.columns, last)
        self._window_height = height
        self._table = LongTable(data, colWidths=list(feed.widths), repeatRows=1, style=style)
        self._count = count
        return self._table, count

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        table, _ = self._window(availHeight)
        width, height = table.wrap(availWidth, availHeight)
        if self._more:
            height = max(height, availHeight + 1)  # more rows follow than the window holds: never fits
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table, count = self._window(availHeight)
        parts = table.split(availWidth, availHeight)
        if not parts:
            return []
        used = parts[0]._nrows - 1  # without its header row
        self.progress.done += used
        start = self.start + used
        self.feed.placed(self.start, start)
        if used >= count and not self._more:
            return [parts[0]]
        return [parts[0], PagedTable(self.feed, self.progress, self.total, start)]

    def draw(self) -> None:
        assert self._table is not None
        self.progress.done += self._count
        self.feed.placed(self.start, self.start + self._count)
        self._table.drawOn(self.canv, 0, 0)

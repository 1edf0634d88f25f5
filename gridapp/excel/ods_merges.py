"""The merged cells of an .ods sheet, which calamine does not report, read from the file's content.xml.

A merged area is a table:table-cell with table:number-columns-spanned / table:number-rows-spanned; the cells it
covers follow as table:covered-table-cell. Rows and cells may stand for several (…-repeated), as LibreOffice
writes a sheet's empty tail. The XML is streamed and each row dropped once counted, so a large sheet is cheap.
"""

from __future__ import annotations

import zipfile
from typing import IO, BinaryIO
from xml.etree.ElementTree import ParseError, iterparse

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TABLE, _ROW = f"{{{TABLE}}}table", f"{{{TABLE}}}table-row"
_CELLS = (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell")
_ROWS_REPEATED, _COLUMNS_REPEATED = f"{{{TABLE}}}number-rows-repeated", f"{{{TABLE}}}number-columns-repeated"
_ROWS_SPANNED, _COLUMNS_SPANNED = f"{{{TABLE}}}number-rows-spanned", f"{{{TABLE}}}number-columns-spanned"

Merged = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first column), (last row, last column))


def merged_ranges(data: BinaryIO, index: int) -> list[Merged]:
    """Merged ranges ((first row, first column), (last row, last column)), 0-based, of the ``index``-th sheet.

    Raises ValueError when the file is not a readable ODF archive."""
    try:
        with zipfile.ZipFile(data) as archive, archive.open("content.xml") as content:
            return _merged(content, index)
    except (zipfile.BadZipFile, KeyError, ParseError, OSError) as exc:
        raise ValueError(f"content.xml: {exc}") from exc


def _merged(content: IO[bytes], index: int) -> list[Merged]:
    found: list[Merged] = []
    table, depth, row, column = -1, 0, 0, 0
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if tag == _TABLE:
            depth += 1 if event == "start" else -1
            if event == "start" and depth == 1:
                table, row = table + 1, 0
            if table > index:
                break
        elif tag == _ROW and event == "end" and depth == 1:
            row += int(element.get(_ROWS_REPEATED, 1))
            column = 0
            element.clear()
        elif tag in _CELLS and event == "start" and table == index and depth == 1:
            rows, columns = int(element.get(_ROWS_SPANNED, 1)), int(element.get(_COLUMNS_SPANNED, 1))
            if rows > 1 or columns > 1:
                found.append(((row, column), (row + rows - 1, column + columns - 1)))
            column += int(element.get(_COLUMNS_REPEATED, 1))
    return found

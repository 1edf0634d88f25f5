"""The extent of each worksheet of an .xlsx file, found before python-calamine reads it.

calamine turns a sheet into one dense block from A1 to its last used row and column, 32 bytes a cell: a stray
value in column XFD of a 200,000-row roster asks for 100 GB, and the process aborts (no exception to catch).
So each sheet's extent is taken from its <dimension ref="A1:F3002"> (Excel, WPS and LibreOffice write it) or,
when the sheet has none (openpyxl's write-only mode, our own ledger exports), from the cell references in its
XML, and a sheet larger than MAX_CELLS is refused with a word on how to trim it.
"""

from __future__ import annotations

import re
import zipfile
from typing import BinaryIO
from xml.etree.ElementTree import ParseError, fromstring

MAX_CELLS = 1 << 24  # 16.7 million cells: a county's 200,000 people with 80 columns; 512 MB in calamine
HEAD = 1 << 16  # the <dimension> element comes before the cells, near the start
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"')
_CELL_COLUMN = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)')
_ROW = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d+)"')
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def oversized_sheets(data: BinaryIO) -> dict[str, tuple[int, int]]:
    """Name → (rows, columns) of every worksheet that spans more than MAX_CELLS; {} for what is not an .xlsx
    (calamine then says what is wrong with it)."""
    try:
        with zipfile.ZipFile(data) as archive:
            found = {}
            for name, member in _worksheets(archive).items():
                rows, columns = _extent(archive, member)
                if rows * columns > MAX_CELLS:
                    found[name] = (rows, columns)
            return found
    except (zipfile.BadZipFile, KeyError, ParseError, OSError, EOFError, zipfile.LargeZipFile):
        return {}


def _worksheets(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML member, from the workbook and its relationships."""
    targets = {r.get("Id"): r.get("Target", "") for r in fromstring(archive.read("xl/_rels/workbook.xml.rels"))
               if r.tag == f"{_RELATIONS}Relationship"}
    found = {}
    for sheet in fromstring(archive.read("xl/workbook.xml")).iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_ID), "")
        if target:
            found[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return found


def _extent(archive: zipfile.ZipFile, member: str) -> tuple[int, int]:
    with archive.open(member) as stream:
        head = stream.read(HEAD)
    dimension = _DIMENSION.search(head)
    if dimension:
        rows, columns = int(dimension.group(2)), column_number(dimension.group(1))
        if rows * columns <= MAX_CELLS:
            return rows, columns
    xml = archive.read(member)  # no or too large a <dimension>: what the cells themselves reach
    rows = max((int(n) for n in _ROW.findall(xml)), default=0)
    columns = max((column_number(c) for c in set(_CELL_COLUMN.findall(xml))), default=0)
    return rows, columns


def column_number(letters: bytes) -> int:
    """Excel's column letters as a number: A → 1, Z → 26, AA → 27, XFD → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number

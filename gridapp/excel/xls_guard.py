"""A look at an .xls file's structure before python-calamine reads it, for damage calamine cannot survive.

calamine (0.37, inside python-calamine 0.9.1) trusts three things in an Excel 97–2003 file that a damaged
file gets wrong: the sector chains of the OLE container (a chain that loops back makes it read forever, until
the memory runs out), each sheet's DIMENSIONS record (it reserves rows × columns cells up front) and the column
of each cell (the sheet becomes one dense block up to the last column): a garbled record asks for gigabytes and
the process aborts. None of this is an exception that could be caught; the program would vanish. So the chains
are walked and the records read here first, in Python, and a file that fails is refused as damaged. Formats:
[MS-CFB] for the container, [MS-XLS] 2.4.90 (DIMENSIONS) and the cell records for the workbook stream, whose
sheets have at most 65,536 rows and 256 columns.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

END_OF_CHAIN, FREE = 0xFFFFFFFE, 0xFFFFFFFF
DIMENSIONS = 0x0200
# FORMULA, RSTRING, LABELSST, BLANK, NUMBER, LABEL, BOOLERR, RK: row and column first; MULRK, MULBLANK: the
# last column at the end of the record.
CELLS, SPANS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}, {0x00BD, 0x00BE}
MAX_ROWS, MAX_COLUMNS = 1 << 16, 1 << 8
MINI_SECTOR = 64


class Damaged(ValueError):
    """The file's structure is broken in a way that would bring calamine down."""


def check(data: bytes) -> None:
    """Raise Damaged if the OLE container's chains or a sheet's DIMENSIONS record cannot be right."""
    try:
        _check(data)
    except struct.error as exc:  # a table or record shorter than its own header says
        raise Damaged(str(exc)) from exc


def _check(data: bytes) -> None:
    if len(data) < 512:
        raise Damaged("header")
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if shift not in (9, 12) or mini_shift != 6:
        raise Damaged("sector size")
    size = 1 << shift
    count = (len(data) - 1) // size  # sectors after the header, the last one possibly short
    _, dir_start, _, cutoff, mini_start, _, difat_start = struct.unpack_from("<IIIIIII", data, 44)

    def sector(index: int) -> bytes:
        if index >= count:
            raise Damaged("sector beyond the end")
        return data[(index + 1) * size:(index + 2) * size].ljust(size, b"\0")

    def entries(block: bytes) -> tuple[int, ...]:
        return struct.unpack(f"<{len(block) // 4}I", block)

    fat_sectors = list(entries(data[76:512]))
    for index in _chain(difat_start, lambda i: entries(sector(i))[-1], count):
        fat_sectors += entries(sector(index))[:-1]
    fat = [entry for index in fat_sectors if index != FREE for entry in entries(sector(index))]
    directory = b"".join(sector(i) for i in _chain(dir_start, fat.__getitem__, count))
    mini_fat = [entry for i in _chain(mini_start, fat.__getitem__, count) for entry in entries(sector(i))]
    root_start = struct.unpack_from("<I", directory, 116)[0]
    mini_stream = b"".join(sector(i) for i in _chain(root_start, fat.__getitem__, count))
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset:offset + 128]
        name = entry[:64].decode("utf-16-le", "ignore").split("\0")[0]
        if entry[66] != 2 or name not in ("Workbook", "Book"):  # a stream: only the workbook's matters
            continue
        start, length = struct.unpack_from("<II", entry, 116)
        if length < cutoff:
            small = _chain(start, mini_fat.__getitem__, len(mini_stream) // MINI_SECTOR)
            stream = b"".join(mini_stream[i * MINI_SECTOR:(i + 1) * MINI_SECTOR] for i in small)
        else:
            stream = b"".join(sector(i) for i in _chain(start, fat.__getitem__, count))
        _check_dimensions(stream[:length])


def _chain(start: int, following: Callable[[int], int], limit: int) -> list[int]:
    """The sectors of a chain, which must end, without a loop, inside the file."""
    found: list[int] = []
    seen: set[int] = set()
    index = start
    while index not in (END_OF_CHAIN, FREE):
        if index >= limit or index in seen:
            raise Damaged("broken sector chain")
        seen.add(index)
        found.append(index)
        try:
            index = following(index)
        except IndexError:
            raise Damaged("sector chain leaves the table") from None
    return found


def _check_dimensions(stream: bytes) -> None:
    position = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        if kind == DIMENSIONS and length >= 12:
            first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", stream, position + 4)
            if not (first_row <= last_row <= MAX_ROWS and first_column <= last_column <= MAX_COLUMNS):
                raise Damaged("sheet dimensions")
        elif kind in CELLS and length >= 4 and struct.unpack_from("<H", stream, position + 6)[0] >= MAX_COLUMNS:
            raise Damaged("cell beyond the last column")
        elif kind in SPANS and length >= 6 and struct.unpack_from("<H", stream, position + 2 + length)[0] >= MAX_COLUMNS:
            raise Damaged("cells beyond the last column")
        position += 4 + length

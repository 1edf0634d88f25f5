"""A .csv file as a sheet: its encoding and its delimiter found, its records as rows of text.

Excel and WPS in China write a CSV either as UTF-8 ("CSV UTF-8", with a byte-order mark) or in the system's
ANSI code page, GBK, of which GB18030 is the superset. So the text is decoded by its byte-order mark when it has
one, else as strict UTF-8, else as GB18030. Strict UTF-8 practically never accepts GBK text with Chinese in it
(GBK's two-byte pairs rarely form valid UTF-8 sequences across a whole file), so this order never mistakes one
for the other, unlike a statistical detector, which has to guess among dozens of encodings from a few short
names. The delimiter is the one of comma, tab and semicolon that splits the first records into the same
number of fields, more than one; Excel's own "sep=;" first line is honoured.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter

DELIMITERS = (",", "\t", ";")  # on a tie, the earlier wins
SAMPLE_RECORDS = 50
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def records(text: str) -> list[list[str]]:
    """Every record of the text as a list of cell texts; csv.Error when it is not CSV at all."""
    first, _, rest = text.partition("\n")
    first = first.rstrip("\r")
    if first.lower().startswith("sep=") and len(first) == 5:
        delimiter, text = first[4], rest
    else:
        delimiter = sniff_delimiter(text)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def decode(data: bytes) -> str | None:
    """The text of a CSV file written by Excel or WPS, or None when it is in no encoding they write."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records most consistently into more than one field."""
    def score(delimiter: str) -> tuple[int, int]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        widths: Counter[int] = Counter()
        for count, record in enumerate(reader):
            if count == SAMPLE_RECORDS:
                break
            if any(cell.strip() for cell in record):
                widths[len(record)] += 1
        width, rows = max(widths.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        return (rows, width) if width > 1 else (0, 0)

    return max(DELIMITERS, key=lambda d: (score(d), -DELIMITERS.index(d)))


"""Saving an openpyxl workbook where the user said, a failure said in Chinese (gridapp.errors.cannot_write)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from gridapp.errors import cannot_write


def save(book: Workbook, path: str | Path) -> None:
    """``book.save(path)``; StorageError when the file cannot be written (open in Excel on Windows, a full or
    write-protected stick)."""
    try:
        book.save(path)
    except OSError as exc:
        raise cannot_write(path, exc) from exc

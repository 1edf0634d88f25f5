"""File choosers in one place, called through this module so tests can answer them (monkeypatch)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(parent: QWidget | None, title: str, suggested: str, pattern: str) -> str:
    """The file the user wants to write (empty when cancelled)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return path


def ask_open_path(parent: QWidget | None, title: str, pattern: str) -> str:
    """The file the user wants to read (empty when cancelled)."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", pattern)
    return path


def ask_folder(parent: QWidget | None, title: str, start: str = "") -> str:
    """The folder the user picked, e.g. a USB stick not detected as removable (empty when cancelled)."""
    return QFileDialog.getExistingDirectory(parent, title, start)

"""How the case and visit views show things: moments as one readable text, and headline fonts a size up from
the current font (so the large-font mode enlarges them as well)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtGui import QFont

from gridapp.dates import format_date


def moment_text(value: Any) -> str:
    """Dates as 2026-11-01 and times as 2026-11-01 09:30, so every list reads the same."""
    if value is None:
        return ""
    if hasattr(value, "hour"):
        return value.strftime("%Y-%m-%d %H:%M")
    return format_date(value)


def stored_moment_text(at: datetime) -> str:
    """A stored timestamp (naive UTC, as the core keeps them) in this computer's local time."""
    return f"{at.replace(tzinfo=UTC).astimezone():%Y-%m-%d %H:%M}"


def scaled(font: QFont, factor: float, bold: bool = False) -> QFont:
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * factor)
    bigger.setBold(bold)
    return bigger

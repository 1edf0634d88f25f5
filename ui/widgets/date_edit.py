"""Lenient date entry, and the inline error (red) and warning (amber) labels the forms show under a field.

People type dates the way they write them on paper (19650302, 1965.3.2, 1965年3月2日); the field accepts all
of them and shows the one normalised form, 1965-03-02, as soon as the user moves on.

Fields report errors by calling their label, not through a signal: with PySide6 6.12 on Python 3.11 every
``Signal.emit()`` made from Python drops a reference to ``True``, and enough of them crash the interpreter.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gridapp.dates import DateError, format_date, parse_date

ERROR_COLOUR = QColor("#b00020")
WARNING_COLOUR = QColor("#8a5300")  # amber, dark enough to read on white
WIDEST_DATE = "2000-00-00"


class InlineError(QLabel):
    """Red text under a field; hidden while there is nothing to say."""

    colour = ERROR_COLOUR

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inlineError")
        self.setWordWrap(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, self.colour)
        self.setPalette(palette)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class InlineWarning(InlineError):
    """Amber text under a field: something doubtful that does not block saving."""

    colour = WARNING_COLOUR

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inlineWarning")


class Checked:
    """Mixin for a field that judges its own text and reports into the InlineError ``checked`` gave it."""

    error_label: InlineError | None = None

    def report(self, error: str) -> None:
        if self.error_label is not None:
            self.error_label.show_error(error)


def checked(field: Checked) -> QWidget:
    """``field`` with an InlineError underneath for what the field reports."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    field.error_label = InlineError()
    layout.addWidget(field)
    layout.addWidget(field.error_label)
    return box


class DateEdit(Checked, QLineEdit):
    """A QLineEdit for one date; ``value()`` is the date or None, ``check()`` normalises and reports."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("如 1965-03-02"))
        self.editingFinished.connect(self.check)

    def minimumSizeHint(self) -> QSize:
        """Never so narrow that a whole date is not seen, in whatever font size."""
        metrics = self.fontMetrics()
        room = metrics.horizontalAdvance(WIDEST_DATE) + 2 * metrics.averageCharWidth()
        return super().minimumSizeHint().expandedTo(QSize(room, 0))

    def value(self) -> date | None:
        try:
            return parse_date(self.text())
        except DateError:
            return None

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value) if value else "")
        self.report("")

    def check(self) -> str:
        """Show the typed date as 1965-03-02, or the reason it cannot be read; returns that reason or ''."""
        text = self.text().strip()
        error = ""
        if text:
            try:
                normalised = format_date(parse_date(text))
            except DateError as exc:
                error = str(exc)
            else:
                if normalised != self.text():
                    self.setText(normalised)
        self.report(error)
        return error


def period_box(label: str, start: QWidget, end: QWidget) -> QWidget:
    """“label start — end” as one piece, so a row of filters that wraps never splits a period."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in (QLabel(label), start, QLabel("—"), end):
        row.addWidget(widget)
    return box

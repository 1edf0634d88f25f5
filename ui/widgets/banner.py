"""The line above a form's fields: why a save was refused (red), or what is happening (amber)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

STYLES = {
    "error": "background: #f8d7da; color: #842029; border: 1px solid #f1aeb5; padding: 6px;",
    "notice": "background: #fff8e1; color: #5d4200; border: 1px solid #e0b000; padding: 6px;",
}


class Banner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.show_text("")

    def show_text(self, text: str, kind: str = "error") -> None:
        """Show ``text`` in the style of ``kind``; an empty text hides the banner."""
        self.setText(text)
        self.setStyleSheet(STYLES[kind])
        self.setVisible(bool(text))

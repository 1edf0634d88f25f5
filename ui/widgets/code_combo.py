"""A combo box over one code table (民族, 与户主关系 …): type a few characters, pick, and only table values stay.

Typing matches anywhere in a label or an alias ("爱人" finds 配偶, "汉" finds 汉族); on leaving the field the text
becomes the table's label, or an inline error says it is not in the table. In English the items show the English
of each label (gridapp.i18n) and typing English finds them too, while ``value()`` stays the stored Chinese label.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from gridapp import codes, i18n
from gridapp.i18n import shown
from ui.widgets.date_edit import Checked


def _choices(table: str) -> dict[str, str]:
    return _offered(table, i18n.language())


@cache
def _offered(table: str, language: str) -> dict[str, str]:
    """What the completer offers -> the label it stands for: every label as shown, and in Chinese each alias as
    "丈夫（夫）" (the aliases are Chinese spellings, of no help to someone reading English)."""
    offered = {shown(label, table): label for label in codes.labels(table)}
    if language == i18n.DEFAULT:
        for item in codes.items(table):
            for alias in item.aliases:
                offered.setdefault(f"{alias}（{item.label}）", item.label)
    return offered


def resolve(table: str, text: str) -> str | None:
    """The label meant by ``text``: an offered choice, a code-table match, or the only choice containing it."""
    text = text.strip()
    choices = _choices(table)
    if text in choices:
        return choices[text]
    item = codes.match(table, text)
    if item is not None:
        return item.label
    folded = text.casefold()
    found = {label for offered, label in choices.items() if folded in offered.casefold()}
    return found.pop() if len(found) == 1 else None


class CodeCombo(Checked, QComboBox):
    """Editable combo limited to ``table``; ``value()`` is a label ('' when empty), ``check()`` validates."""

    edited = Signal()  # the user changed the value (typing or picking), never emitted by set_value

    def __init__(self, table: str, required: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.required = required
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if not required:
            self.addItem("", "")
        for label in codes.labels(table):
            self.addItem(shown(label, table), label)
        completer = QCompleter(list(_choices(table)), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self.edited)
        self.activated.connect(self.edited)

    def value(self) -> str:
        text = self.currentText().strip()
        return (resolve(self.table, text) or text) if text else ""

    def shown_value(self) -> str:
        """``value()`` as the interface shows it (its English in English)."""
        return shown(self.value(), self.table)

    def set_value(self, label: str) -> None:
        self.setCurrentText(shown(label, self.table))
        self.report("")

    def check(self) -> str:
        """Replace the typed text by its label, or show why it is refused; returns the error or ''."""
        text = self.currentText().strip()
        title = shown(codes.title(self.table))
        error = ""
        if not text:
            error = self.tr("请选择{title}").format(title=title) if self.required else ""
        elif (label := resolve(self.table, text)) is None:
            error = self.tr("“{text}”不是可选的{title}，请从列表中选择").format(text=text, title=title)
        elif shown(label, self.table) != self.currentText():
            self.setCurrentText(shown(label, self.table))
        self.report(error)
        return error

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Leaving the field settles its value, even while the completion list is still open."""
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.completer().popup().hide()
            self.check()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter settles the value and moves on like Tab — also when it picks from the completion list."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.check()
            self.focusNextPrevChild(True)
            return
        super().keyPressEvent(event)

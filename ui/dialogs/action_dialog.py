"""The small form of one case action (转办, 督办, 评价 …), built from the fields the workflow declares, so a
new field in gridapp.cases.workflow shows up here without touching the GUI. It only collects the values."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridapp.cases.rules import default_rules
from gridapp.cases.workflow import Action, Field
from gridapp.dto import AttachmentInput
from gridapp.i18n import shown
from ui.dialogs import ok_cancel
from ui.dialogs.register_case_dialog import add_photo, photo_inputs
from ui.widgets.choice_combo import labelled
from ui.widgets.date_edit import DateEdit, checked
from ui.window_geometry import fit_to_screen

DEADLINE_TIME = time(18, 0)  # a new 办结期限 typed as a day means the end of that working day


class ActionDialog(QDialog):
    def __init__(self, action: Action, case_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(self.tr("{action}：{title}").format(action=shown(action.label), title=case_title))
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for f in action.fields:
            editor = self.editors[f.key] = self._editor(f)
            label = f"{shown(f.label)}{'' if not f.required else ' *'}"
            form.addRow(label, checked(editor) if isinstance(editor, DateEdit) else editor)
            if f.hint:
                hint = QLabel(shown(f.hint))
                hint.setWordWrap(True)
                form.addRow("", hint)
        level, department = self.editors.get("level"), self.editors.get("department")
        if isinstance(level, QComboBox) and isinstance(department, QComboBox):
            level.currentIndexChanged.connect(
                lambda _index: _fill(department, default_rules().departments_for(level.currentData())))
            _fill(department, default_rules().departments_for(level.currentData()))
        self.photos = QListWidget()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if action.attachments:
            self.photo_button = QPushButton(self.tr("添加照片…"))
            self.photo_button.setAutoDefault(False)
            self.photo_button.clicked.connect(lambda: add_photo(self, self.photos))
            self.photos.setMaximumHeight(self.fontMetrics().height() * 4)
            photos = QHBoxLayout()
            photos.addWidget(self.photos, 1)
            photos.addWidget(self.photo_button)
            form.addRow(self.tr("照片"), photos)
        layout.addWidget(ok_cancel(self, shown(action.label)))
        fit_to_screen(self, QSize(self.fontMetrics().averageCharWidth() * 64, self.sizeHint().height()))

    def _editor(self, f: Field) -> QWidget:
        if f.kind == "choice":
            combo = QComboBox()
            _fill(combo, f.options(), f.table, blank=not f.required)
            return combo
        if f.kind == "datetime":
            return DateEdit()
        edit = QPlainTextEdit()
        if f.kind == "text":
            edit.setMaximumHeight(edit.fontMetrics().height() * 3)
        return edit

    def set_value(self, key: str, value: str) -> None:
        """Fill one field as a user would: pick a choice, type a date or a note."""
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value))
        elif isinstance(editor, DateEdit):
            editor.setText(value)
        else:
            editor.setPlainText(value)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                out[key] = editor.currentData() or ""
            elif isinstance(editor, DateEdit):
                day = editor.value()
                out[key] = datetime.combine(day, DEADLINE_TIME) if day else None
            else:
                out[key] = editor.toPlainText()
        return out

    def attachments(self) -> list[AttachmentInput]:
        return photo_inputs(self.photos)


def _fill(combo: QComboBox, labels: tuple[str, ...], table: str = "", blank: bool = True) -> None:
    """The choices shown in the interface's language, each standing for its stored Chinese label."""
    combo.clear()
    for text, label in [("", "")] * blank + labelled(labels, table):
        combo.addItem(text, label)

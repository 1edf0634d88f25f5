"""A person's special-group tags (残疾人, 低保对象, 社区矫正对象 …), each with its category's own detail fields.

The categories and their fields are data (gridapp.codes.special_groups()), so a new category needs no code here.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from gridapp import codes
from gridapp.codes import DetailField, SpecialGroup
from gridapp.dto import TagInput, TagView
from gridapp.i18n import shown
from ui.widgets.choice_combo import labelled
from ui.widgets.date_edit import DateEdit, checked

NUMBER = QRegularExpression(r"\d{0,9}(\.\d{0,2})?")


def _detail_widget(field: DetailField) -> QWidget:
    if field.type == "choice":
        combo = QComboBox()
        for text, option in [("", ""), *labelled(field.options)]:
            combo.addItem(text, option)
        return combo
    if field.type == "date":
        return DateEdit()
    edit = QLineEdit()
    if field.type == "number":
        edit.setValidator(QRegularExpressionValidator(NUMBER, edit))
    return edit


class TagPanel(QWidget):
    """The details of one tag: the category's fields, then 开始日期, 结束日期 and 备注."""

    changed = Signal()

    def __init__(self, group: SpecialGroup, tag: TagView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.tag_id = tag.id if tag else None
        self.fields: dict[str, QWidget] = {f.key: _detail_widget(f) for f in group.fields}
        self.since = DateEdit()
        self.until = DateEdit()
        self.notes = QLineEdit()
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(shown(group.label))
        title.setObjectName("tagTitle")
        layout.addRow(title)
        for f in group.fields:
            widget = self.fields[f.key]
            layout.addRow(shown(f.label), checked(widget) if isinstance(widget, DateEdit) else widget)
        layout.addRow(self.tr("开始日期"), checked(self.since))
        layout.addRow(self.tr("结束日期"), checked(self.until))
        layout.addRow(self.tr("备注"), self.notes)
        if tag:
            for key, value in tag.details.items():
                if key in self.fields:
                    _write(self.fields[key], value)
            self.since.set_value(tag.since)
            self.until.set_value(tag.until)
            self.notes.setText(tag.notes)
        for widget in self.focus_order():
            if isinstance(widget, QComboBox):
                widget.activated.connect(self.changed)
            else:
                widget.textEdited.connect(self.changed)

    def focus_order(self) -> list[QWidget]:
        return [*self.fields.values(), self.since, self.until, self.notes]

    def errors(self) -> list[str]:
        labels = {f.key: shown(f.label) for f in self.group.fields}
        dated = [(labels[k], w) for k, w in self.fields.items() if isinstance(w, DateEdit)]
        dated += [(self.tr("开始日期"), self.since), (self.tr("结束日期"), self.until)]
        return [self.tr("{tag}的{field}：{error}").format(tag=shown(self.group.label), field=label, error=error)
                for label, edit in dated if (error := edit.check())]

    def value(self) -> TagInput:
        details = {key: text for key, widget in self.fields.items() if (text := _read(widget))}
        return TagInput(self.group.code, details, self.since.value(), self.until.value(), self.notes.text().strip(),
                        self.tag_id)


def _read(widget: QWidget) -> str:
    return (widget.currentData() or "" if isinstance(widget, QComboBox) else widget.text()).strip()


def _write(widget: QWidget, text: str) -> None:
    if isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(widget.findData(text), 0))
    else:
        widget.setText(text)


class TagEditor(QWidget):
    """The list of a person's tags, a chooser to add one, and the selected tag's details beside the list."""

    changed = Signal()  # forwarded from Qt's own signals only (see ui.widgets.date_edit on emit())

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.category = QComboBox()
        self.add_button = QPushButton(self.tr("添加标签"))
        self.remove_button = QPushButton(self.tr("删除标签"))
        self.panels = QStackedWidget()
        self.placeholder = QLabel(self.tr("没有人群标签。要添加，请在下面选择类别，再按“添加标签”。"))
        self.placeholder.setWordWrap(True)
        self.panels.addWidget(self.placeholder)
        self._tags: list[TagPanel] = []
        self._fill_categories()

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 0, 0, 1, 3)
        layout.addWidget(self.panels, 0, 3, 2, 1)
        layout.addWidget(self.category, 1, 0)
        layout.addWidget(self.add_button, 1, 1)
        layout.addWidget(self.remove_button, 1, 2)
        layout.setColumnStretch(3, 1)
        self.list.currentRowChanged.connect(self._show)
        self.list.model().rowsInserted.connect(self.changed)  # a tag added or removed
        self.list.model().rowsRemoved.connect(self.changed)
        self.add_button.clicked.connect(self._add_chosen)
        self.remove_button.clicked.connect(self.remove_current)
        self._show(-1)

    def _fill_categories(self) -> None:
        """Categories grouped under 重点人员 / 关爱对象 / 其他; the group headings cannot be chosen."""
        self.category.addItem(self.tr("选择人群类别…"), None)
        for heading in codes.GROUPS:
            self.category.addItem(f"—— {shown(heading)} ——", None)
            self.category.model().item(self.category.count() - 1).setEnabled(False)
            for group in codes.special_groups():
                if group.group == heading:
                    self.category.addItem(shown(group.label), group.code)

    def set_tags(self, tags: Iterable[TagView]) -> None:
        """Show exactly ``tags`` (replacing any shown before)."""
        while self._tags:
            self._remove(0)
        for tag in tags:
            self._append(TagPanel(codes.special_group(tag.category), tag))
        self.list.setCurrentRow(0 if self._tags else -1)

    def add_tag(self, code: str) -> None:
        """Add a tag of category ``code`` and select it (only select it when the person already has one)."""
        existing = next((i for i, p in enumerate(self._tags) if p.group.code == code), None)
        if existing is None:
            self._append(TagPanel(codes.special_group(code)))
            existing = len(self._tags) - 1
        self.list.setCurrentRow(existing)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self._remove(row)
            self._show(self.list.currentRow())

    def current_panel(self) -> TagPanel | None:
        row = self.list.currentRow()
        return self._tags[row] if row >= 0 else None

    def labels(self) -> list[str]:
        """The tags' categories as shown."""
        return [shown(p.group.label) for p in self._tags]

    def value(self) -> list[TagInput]:
        return [p.value() for p in self._tags]

    def errors(self) -> list[str]:
        return [error for p in self._tags for error in p.errors()]

    def focus_order(self) -> list[QWidget]:
        panel = self.current_panel()
        return [self.list, *(panel.focus_order() if panel else []), self.category, self.add_button,
                self.remove_button]

    def _append(self, panel: TagPanel) -> None:
        self._tags.append(panel)
        self.panels.addWidget(panel)
        self.list.addItem(shown(panel.group.label))
        panel.changed.connect(self.changed)

    def _remove(self, row: int) -> None:
        panel = self._tags.pop(row)
        self.list.takeItem(row)
        self.panels.removeWidget(panel)
        panel.deleteLater()

    def _add_chosen(self) -> None:
        code = self.category.currentData()
        if code:
            self.add_tag(code)
            self.category.setCurrentIndex(0)

    def _show(self, row: int) -> None:
        self.panels.setCurrentWidget(self._tags[row] if row >= 0 else self.placeholder)
        self.remove_button.setEnabled(row >= 0)

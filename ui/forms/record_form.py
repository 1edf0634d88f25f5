"""``RecordForm``: one whole record (house, place) edited in a non-modal window, saved with one service call,
the service's refusal shown in a banner above the fields while everything typed stays where it is; Ctrl+S
saves and closing with unsaved changes asks first."""


from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gridapp.changes import Outcome
from gridapp.dates import format_date
from ui import messages
from ui.context import AppContext
from ui.form_saver import FormSaver
from ui.permissions import read_only
from ui.widgets.banner import Banner
from ui.widgets.code_combo import CodeCombo
from ui.widgets.date_edit import Checked, DateEdit, checked
from ui.window_geometry import fit_to_screen


@dataclass(frozen=True)
class Field:
    """One field of the form. ``kind``: text, code (a combo over code ``table``), number, date or notes."""

    key: str
    label: str
    kind: str = "text"
    table: str = ""
    hint: str = ""
    default: str = ""  # what a new record starts with
    required: bool = False  # a code field that cannot be left blank


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    fields: tuple[Field, ...]


class RecordForm(QWidget):
    """Subclasses say what they edit (``_what``, ``_sections``) and where it lives (``_service``, ``_fetch``);
    a role without ``permission`` sees the record read-only.

    Values go to the service as typed text; the service reads numbers and dates and refuses bad ones, so the
    form never second-guesses the rules.
    """

    def __init__(self, ctx: AppContext, record_id: str | None = None, grid_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.record_id = record_id
        self.grid_id = grid_id
        self.banner = Banner()
        self.grid_label = QLabel()
        self.widgets: dict[str, QWidget] = {}
        self.boxes: dict[str, QGroupBox] = {}
        self.defaults: dict[str, str] = {}

        fields = QWidget()
        column = QVBoxLayout(fields)
        for section in self._sections():
            self.boxes[section.name] = self._section_box(section)
            column.addWidget(self.boxes[section.name])
        column.addStretch(1)
        scroll = QScrollArea()  # the large-font mode must not push fields off the screen
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields)
        body = QHBoxLayout()
        body.addWidget(scroll, 1)
        side = QVBoxLayout()
        self._build_side(side)
        if side.count():
            body.addLayout(side, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.grid_label)
        layout.addLayout(body, 1)
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save())
        self.saver = FormSaver(ctx, self, self.save_button)
        self._saved: dict[str, str] = {}
        self.load()
        if not ctx.can(self.permission):
            read_only(self, keep=(self.close_button,))
        self._fit(scroll, fields)

    permission = "edit_premises"  # houses and places

    # -- what subclasses provide ------------------------------------------------------------------------------

    def _what(self) -> str:
        raise NotImplementedError

    def _sections(self) -> list[Section]:
        raise NotImplementedError

    def _service(self) -> Any:
        raise NotImplementedError

    def _fetch(self, record_id: str) -> Any:
        raise NotImplementedError

    def _title(self, view: Any) -> str:
        raise NotImplementedError

    def _build_side(self, side: QVBoxLayout) -> None:
        """Add widgets beside the fields (hook)."""

    def _loaded(self, view: Any | None) -> None:
        """React to a freshly loaded record, or None for a new one (hook)."""

    # -- building ---------------------------------------------------------------------------------------------

    def _section_box(self, section: Section) -> QGroupBox:
        box = QGroupBox(section.title)
        form = QFormLayout(box)
        for f in section.fields:
            editor = self.widgets[f.key] = self._editor(f)
            self.defaults[f.key] = f.default
            form.addRow(f.label, checked(editor) if isinstance(editor, Checked) else editor)
        return box

    def _editor(self, f: Field) -> QWidget:
        if f.kind == "code":
            return CodeCombo(f.table, required=f.required)
        if f.kind == "notes":
            return QPlainTextEdit()
        edit = DateEdit() if f.kind == "date" else QLineEdit()
        if f.hint:
            edit.setPlaceholderText(f.hint)
        edit.returnPressed.connect(self.focusNextChild)  # Enter moves on, as on the paper page
        return edit

    def _fit(self, scroll: QScrollArea, fields: QWidget) -> None:
        """Open wide enough for every field and as tall as they need, within the screen."""
        scroll.setMinimumWidth(fields.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
                               + 2 * scroll.frameWidth())
        wanted = self.sizeHint().height() - scroll.sizeHint().height() + fields.sizeHint().height()
        fit_to_screen(self, QSize(self.sizeHint().width(), wanted))

    # -- values -----------------------------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """Every field as typed (dates too, so the service can say why one cannot be read)."""
        out = {}
        for key, widget in self.widgets.items():
            if isinstance(widget, CodeCombo):
                out[key] = widget.value()
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText().strip()
            else:
                out[key] = widget.text().strip()
        return out

    def _show(self, values: dict[str, str]) -> None:
        for key, widget in self.widgets.items():
            text = values.get(key, "")
            if isinstance(widget, CodeCombo):
                widget.set_value(text)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            else:
                widget.setText(text)
            if isinstance(widget, Checked):
                widget.report("")

    def is_dirty(self) -> bool:
        return self.values() != self._saved

    # -- load and save ----------------------------------------------------------------------------------------

    def load(self) -> None:
        self._version: str | None = None  # what the form read (None: a new record)
        if self.record_id:
            view = self._fetch(self.record_id)
            self._version = view.version
            self.grid_id, path = view.grid_id, view.grid_path
            self._show({key: _text(getattr(view, key)) for key in self.widgets})
            self.setWindowTitle(self.tr("{what}：{title}").format(what=self._what(), title=self._title(view)))
        else:
            view = None
            path = self.ctx.ws.query.grid_node(self.grid_id).path_names
            self._show(self.defaults)
            self.setWindowTitle(self.tr("新建{what}").format(what=self._what()))
        self.grid_label.setText(self.tr("所属网格：{path}").format(path=" / ".join(path)))
        self._saved = self.values()
        self._loaded(view)

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """One service call off the UI thread (``then`` follows a success); on refusal the banner says why and
        the typed values stay. False when the save could not start."""
        if self.saver.busy():
            return False
        service, actor, fields, record_id, grid_id = self._service(), self.ctx.actor, self.values(), self.record_id, \
            self.grid_id
        version = self._version
        self.saver.run(lambda: service.update(actor, record_id, version, **fields) if record_id
                       else service.create(actor, grid_id, **fields), self._stored, then)
        return True

    def _stored(self, outcome: Outcome) -> None:
        self.show_banner("", "notice")
        self.record_id = outcome.id
        self.load()

    def reopen(self) -> None:
        """Show what is stored now, after another workstation saved this record (the user types again)."""
        self.load()
        self.show_banner(self.tr("已重新打开，显示的是现在保存的内容。请把您的修改再填一次，然后保存。"), "notice")

    def show_banner(self, text: str, kind: str) -> None:
        self.banner.show_text(text, kind)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.setAccepted(messages.may_close(self, self.is_dirty(), self.save))



def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value)

"""登记事件: the quick-register dialog a grid worker fills in under a minute — title, category, urgency and a
line of description are enough; the grid is the one selected, the time is now, Enter moves on, Ctrl+S saves.

Opened for a visit (``visit_id``), it registers the visit's finding as a case in one action: grid, place,
description and the visited household come from the visit, so only title, category and urgency are asked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QSize
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridapp import codes
from gridapp.changes import Outcome
from gridapp.dto import AttachmentInput, CaseInput
from gridapp.i18n import shown
from ui import file_dialogs, messages
from ui.context import AppContext
from ui.dialogs.choose_household_dialog import ChooseHouseholdDialog
from ui.dialogs.choose_node_dialog import ChooseNodeDialog
from ui.form_saver import FormSaver
from ui.widgets.banner import Banner
from ui.widgets.choice_combo import ChoiceCombo, labelled
from ui.widgets.code_combo import CodeCombo
from ui.widgets.form_scroll import FormScrollArea
from ui.window_geometry import fit_to_screen

PHOTO_PATTERN = QT_TRANSLATE_NOOP("RegisterCaseDialog", "图片 (*.jpg *.jpeg *.png *.bmp);;所有文件 (*)")
# Code-table labels (data the service reads, not UI text, so never translated).
DEFAULT_SOURCE, DEFAULT_URGENCY = "巡查发现", "一般"


class CategoryFields(QWidget):
    """The 6 大类 and, once one is chosen, its sub-types."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories = {c.label: c for c in codes.case_categories()}
        self.category = ChoiceCombo(labelled(self.categories))
        self.subtype = QComboBox()
        self.category.currentIndexChanged.connect(lambda _index: self._fill_subtypes(self.category.value()))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.category, 1)
        row.addWidget(self.subtype, 1)
        self._fill_subtypes(self.category.value())

    def _fill_subtypes(self, label: str) -> None:
        self.subtype.clear()
        self.subtype.addItem("", "")
        for subtype in self.categories[label].subtypes:
            self.subtype.addItem(shown(subtype.label), subtype.label)


def add_photo(parent: QWidget, photos: QListWidget) -> None:
    """Ask for one photo or scan and list its path (shared with the case actions)."""
    path = file_dialogs.ask_open_path(parent, QCoreApplication.translate("RegisterCaseDialog", "添加照片"),
                                      QCoreApplication.translate("RegisterCaseDialog", PHOTO_PATTERN))
    if path:
        photos.addItem(path)


def photo_inputs(photos: QListWidget) -> list[AttachmentInput]:
    paths = [photos.item(i).text() for i in range(photos.count())]
    return [AttachmentInput(filename=path, path=path) for path in paths]


class RegisterCaseDialog(QDialog):
    """Saves itself (one service call); ``case_id`` is the new case once accepted. A refusal is shown in the
    banner and everything typed stays."""

    def __init__(self, ctx: AppContext, grid_id: str, visit_id: str | None = None, finding: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.grid_id = grid_id
        self.visit_id = visit_id
        self.case_id: str | None = None
        self.household_ids: list[str] = []
        self.setWindowTitle(self.tr("由走访发现登记事件") if visit_id else self.tr("登记事件"))

        self.banner = Banner()
        self.title = QLineEdit(finding[:60])
        self.title.setPlaceholderText(self.tr("例如：3组12号门前垃圾堆积"))
        self.category = CategoryFields()
        self.source = CodeCombo("case_source", required=True)
        self.source.set_value(DEFAULT_SOURCE)
        self.urgency = CodeCombo("case_urgency", required=True)
        self.urgency.set_value(DEFAULT_URGENCY)
        self.grid_label = QLabel()
        self.grid_button = QPushButton(self.tr("更改网格…"))
        self.grid_button.clicked.connect(self.choose_grid)
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("门牌、路口或场所名称"))
        self.occurred = QDateTimeEdit(QDateTime(ctx.now()))
        self.occurred.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("看到了什么、涉及谁、已做了什么"))
        self.reporter = QLineEdit()
        self.reporter.setPlaceholderText(self.tr("反映人姓名（群众反映时填写）"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("反映人电话"))
        self.households_label = QLabel(self.tr("（无）"))
        self.households_button = QPushButton(self.tr("选择住户…"))
        self.households_button.clicked.connect(self.choose_households)
        self.photos = QListWidget()
        self.photos.setMaximumHeight(self.fontMetrics().height() * 4)
        self.photo_button = QPushButton(self.tr("添加照片…"))
        self.photo_button.clicked.connect(lambda: add_photo(self, self.photos))

        form = QFormLayout()
        form.addRow(self.tr("标题"), self.title)
        form.addRow(self.tr("类别 / 小类"), self.category)
        form.addRow(self.tr("紧急程度"), self.urgency)
        if visit_id:
            form.addRow(self.tr("说明"), self.description)
        else:
            form.addRow(self.tr("来源"), self.source)
            form.addRow(self.tr("网格"), _row(self.grid_label, self.grid_button))
            form.addRow(self.tr("地点"), self.place)
            form.addRow(self.tr("时间"), self.occurred)
            form.addRow(self.tr("情况描述"), self.description)
            form.addRow(self.tr("反映人"), _row(self.reporter, self.phone))
            form.addRow(self.tr("关联住户"), _row(self.households_label, self.households_button))
        form.addRow(self.tr("照片"), _row(self.photos, self.photo_button))
        for edit in (self.title, self.place, self.reporter, self.phone):
            edit.returnPressed.connect(self.focusNextChild)  # Enter moves on, as on the paper page

        self.save_button = QPushButton(self.tr("登记 (Ctrl+S)"))
        self.cancel_button = QPushButton(self.tr("取消"))
        for button in (self.save_button, self.cancel_button, self.grid_button, self.households_button,
                       self.photo_button):
            button.setAutoDefault(False)  # Enter in a field must not press a button
        self.save_button.clicked.connect(lambda: self.save())
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(FormScrollArea(form), 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save())
        self.saver = FormSaver(ctx, self, self.save_button)
        self._show_grid()
        self._initial = self.case_input()
        fit_to_screen(self, QSize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height()))

    def _show_grid(self) -> None:
        self.grid_label.setText(" / ".join(self.ctx.ws.query.grid_node(self.grid_id).path_names))

    def choose_grid(self) -> None:
        dialog = ChooseNodeDialog(self.ctx.ws, self.tr("选择网格"), self.tr("事件发生在哪个网格？"),
                                  start_id=self.grid_id, parent=self)
        if dialog.exec() and dialog.chosen() is not None:
            self.grid_id = dialog.chosen().id
            self._show_grid()

    def choose_households(self) -> None:
        dialog = ChooseHouseholdDialog(self.ctx.ws, self.grid_id, self.tr("关联住户"),
                                       self.tr("勾选与事件有关的住户："), multiple=True, parent=self)
        if dialog.exec():
            self.household_ids = dialog.chosen_ids()
            self.households_label.setText(self.tr("已选 {n} 户").format(n=len(self.household_ids))
                                          if self.household_ids else self.tr("（无）"))

    def case_input(self) -> CaseInput:
        return CaseInput(
            grid_id=self.grid_id, title=self.title.text(), category=self.category.category.value(),
            subtype=self.category.subtype.currentData(), source=self.source.value(), urgency=self.urgency.value(),
            description=self.description.toPlainText(), place_text=self.place.text(),
            occurred_at=self.occurred.dateTime().toPython(), reporter_name=self.reporter.text(),
            reporter_phone=self.phone.text(), household_ids=list(self.household_ids),
            attachments=photo_inputs(self.photos))

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Register the case off the UI thread and close the dialog (``then`` follows); on refusal the banner says
        why and everything typed stays. False when the registering could not start."""
        if self.saver.busy():
            return False
        ws, actor, data, visit_id, now = self.ctx.ws, self.ctx.actor, self.case_input(), self.visit_id, self.ctx.now()

        def register() -> Outcome:
            if visit_id:
                return ws.visits.open_case_from_visit(actor, visit_id, data.title, data.category, data.subtype,
                                                      data.urgency, note=data.description,
                                                      attachments=data.attachments, now=now)
            return ws.cases.register(actor, data, now=now)

        self.saver.run(register, self._registered, then)
        return True

    def _registered(self, outcome: Outcome) -> None:
        self.case_id = outcome.id
        self.accept()

    def show_banner(self, text: str, kind: str) -> None:
        self.banner.show_text(text, kind)

    def is_dirty(self) -> bool:
        return self.case_input() != self._initial

    def reject(self) -> None:
        """Esc, ✕ and 取消 ask before dropping what was typed; a 保存 answer that succeeds has accepted already."""
        if messages.may_close(self, self.is_dirty(), self.save) and self.case_id is None:
            super().reject()


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget, 1 if isinstance(widget, (QLineEdit, QListWidget, QLabel)) else 0)
    return box

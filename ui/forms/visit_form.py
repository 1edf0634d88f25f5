"""走访记录 form: kind, date, worker, whom or what was visited, what was said, found and will be followed up;
a finding becomes a case with one button (由发现登记事件). Enter moves on, Ctrl+S saves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridapp.changes import Outcome
from gridapp.dto import VisitInput, WorkerView
from ui import messages
from ui.context import AppContext
from ui.dialogs.case_window import show_case
from ui.dialogs.choose_household_dialog import ChooseHouseholdDialog
from ui.dialogs.register_case_dialog import RegisterCaseDialog, add_photo, photo_inputs
from ui.form_saver import FormSaver
from ui.permissions import offer, read_only
from ui.punctuation import bracketed
from ui.widgets.banner import Banner
from ui.widgets.code_combo import CodeCombo
from ui.widgets.date_edit import DateEdit, checked
from ui.widgets.form_scroll import FormScrollArea
from ui.window_geometry import keep_geometry

TARGET_KINDS = {"household": QT_TRANSLATE_NOOP("VisitForm", "住户"), "person": QT_TRANSLATE_NOOP("VisitForm", "人员"),
                "place": QT_TRANSLATE_NOOP("VisitForm", "场所"), "grid": QT_TRANSLATE_NOOP("VisitForm", "网格")}


def grid_workers(ctx: AppContext, grid_id: str) -> list[WorkerView]:
    """The workers of the visited grid, or of the nearest grid above it that has any: a micro-grid (微网格)
    usually has none of its own, its grid's workers visit it."""
    node_id: str | None = grid_id
    while node_id:
        workers = ctx.ws.query.visit_workers(node_id)
        if workers:
            return workers
        node_id = ctx.ws.query.grid_node(node_id).parent_id
    return []


@dataclass(frozen=True)
class Target:
    kind: str  # household, person, place or grid
    id: str
    title: str


class VisitForm(QWidget):
    def __init__(self, ctx: AppContext, grid_id: str, visit_id: str | None = None, target: Target | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.grid_id = grid_id
        self.visit_id = visit_id
        self.target = target or Target("grid", grid_id, ctx.ws.query.grid_node(grid_id).name)
        self.case_id: str | None = None  # the last case opened from the finding

        self.banner = Banner()
        self.kind = CodeCombo("visit_kind", required=True)
        self.kind.set_value("巡查" if self.target.kind == "grid" else "入户走访")
        self.day = DateEdit()
        self.day.set_value(ctx.now().date())
        self.worker = QComboBox()
        self.worker.setEditable(True)
        for worker in grid_workers(ctx, grid_id):
            self.worker.addItem(worker.name, worker.id)
        # Only the user's own entry is a safe default: any other worker would be credited with a visit they
        # did not make.
        self.worker.setCurrentIndex(self.worker.findText(ctx.actor.name))
        self.worker.lineEdit().setPlaceholderText(self.tr("选择或填写走访的网格员"))
        self.target_label = QLabel()
        self.household_button = QPushButton(self.tr("选择住户…"))
        self.place_button = QPushButton(self.tr("选择场所…"))
        self.grid_button = QPushButton(self.tr("巡查本网格"))
        self.household_button.clicked.connect(self.choose_household)
        self.place_button.clicked.connect(self.choose_place)
        self.grid_button.clicked.connect(lambda: self.set_target(
            Target("grid", self.grid_id, ctx.ws.query.grid_node(self.grid_id).name)))
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText(self.tr("例如：入户了解近况，身体良好"))
        self.findings = QPlainTextEdit()
        self.findings.setPlaceholderText(self.tr("发现的问题或隐患（没有可不填）"))
        self.follow_up = QPlainTextEdit()
        self.follow_up.setPlaceholderText(self.tr("下一步怎么跟进"))
        self.photos = QListWidget()
        self.photos.setMaximumHeight(self.fontMetrics().height() * 4)
        self.photo_button = QPushButton(self.tr("添加照片…"))
        self.photo_button.clicked.connect(lambda: add_photo(self, self.photos))
        for edit in (self.content, self.findings, self.follow_up):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(self.fontMetrics().height() * 5)
        self.day.returnPressed.connect(self.focusNextChild)
        self.worker.lineEdit().returnPressed.connect(self.focusNextChild)

        target_row = QHBoxLayout()
        target_row.addWidget(self.target_label, 1)
        target_row.addWidget(self.household_button)
        target_row.addWidget(self.place_button)
        target_row.addWidget(self.grid_button)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photos, 1)
        photo_row.addWidget(self.photo_button)
        form = QFormLayout()
        form.addRow(self.tr("走访方式"), self.kind)
        form.addRow(self.tr("日期"), checked(self.day))
        form.addRow(self.tr("网格员"), self.worker)
        form.addRow(self.tr("走访对象"), target_row)
        form.addRow(self.tr("走访内容"), self.content)
        form.addRow(self.tr("发现问题"), self.findings)
        form.addRow(self.tr("后续跟进"), self.follow_up)
        form.addRow(self.tr("照片"), photo_row)

        self.case_button = QPushButton(self.tr("由发现登记事件"))
        self.case_button.clicked.connect(lambda: self.open_case())
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.case_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(FormScrollArea(form), 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save())
        self.saver = FormSaver(ctx, self, self.save_button)
        self._version: str | None = None  # what the form read (None: a new visit)
        if visit_id:
            self._load(visit_id)
        self.set_target(self.target)
        self._saved = self.visit_input()
        if ctx.can("record_visits"):
            offer(ctx, "register_cases", self.case_button)
        else:
            read_only(self, keep=(self.close_button,))
        keep_geometry(self, ctx.settings, "visit_form",
                      QSize(self.fontMetrics().averageCharWidth() * 90, self.sizeHint().height()))

    def _load(self, visit_id: str) -> None:
        view = self.ctx.ws.query.visit(visit_id)
        row, self._version = view.row, view.version
        self.grid_id = row.grid_id
        self.target = Target(row.target_kind, row.target_id, row.target_title)
        self.kind.set_value(row.kind)
        self.day.set_value(row.visited_on)
        self.worker.setCurrentText(row.worker_name)
        self.content.setPlainText(row.content)
        self.findings.setPlainText(row.findings)
        self.follow_up.setPlainText(row.follow_up)

    def set_target(self, target: Target) -> None:
        self.target = target
        kind = QCoreApplication.translate("VisitForm", TARGET_KINDS[target.kind])
        self.target_label.setText(self.tr("{kind}：{title}").format(kind=kind, title=target.title))
        self.setWindowTitle(self.tr("走访记录：{title}").format(title=target.title))

    def choose_household(self) -> None:
        dialog = ChooseHouseholdDialog(self.ctx.ws, self.grid_id, self.tr("选择住户"), self.tr("走访哪一户？"),
                                       parent=self)
        if dialog.exec() and dialog.chosen_ids():
            [household_id] = dialog.chosen_ids()
            row = self.ctx.ws.query.household_rows([household_id])[0]
            self.set_target(Target("household", household_id, f"{row.head_name} {row.address}".strip()))

    def choose_place(self) -> None:
        places = self.ctx.ws.query.places(self.grid_id)
        if not places:
            self._refused(self.tr("这个网格还没有登记场所。"))
            return
        names = [bracketed(p.name, p.address) if p.address else p.name for p in places]
        name, ok = QInputDialog.getItem(self, self.tr("选择场所"), self.tr("巡查哪个场所？"), names, 0, False)
        if ok and name in names:
            place = places[names.index(name)]
            self.set_target(Target("place", place.id, place.name))

    def visit_input(self) -> VisitInput:
        worker = self.worker.currentText().strip()
        index = self.worker.findText(worker)
        return VisitInput(
            target_kind=self.target.kind, target_id=self.target.id, kind=self.kind.value(), visited_on=self.day.value(),
            worker_id=self.worker.itemData(index) if index >= 0 else None, worker_name=worker,
            content=self.content.toPlainText(), findings=self.findings.toPlainText(),
            follow_up=self.follow_up.toPlainText(), attachments=photo_inputs(self.photos), version=self._version)

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """One service call off the UI thread (``then`` follows a success); on refusal the banner says why and
        everything typed stays. False when the save could not start."""
        if self.saver.busy():
            return False
        if self.day.check():
            return self._refused(self.day.check())
        visits, actor, data, visit_id = self.ctx.ws.visits, self.ctx.actor, self.visit_input(), self.visit_id
        if not data.worker_name:  # the service would credit the visit to the logged-in user instead
            return self._refused(self.tr("请填写网格员：这次走访是谁做的？"))
        self.saver.run(lambda: visits.update(actor, visit_id, data) if visit_id else visits.record(actor, data),
                       self._stored, then)
        return True

    def _stored(self, outcome: Outcome) -> None:
        self.show_banner("", "notice")
        self.visit_id = outcome.id
        self.photos.clear()  # stored with the visit; saving again must not add them twice
        self._version = self.ctx.ws.query.visit(outcome.id).version  # the next save goes over this one
        self._saved = self.visit_input()

    def show_banner(self, text: str, kind: str) -> None:
        self.banner.show_text(text, kind)

    def is_dirty(self) -> bool:
        return self.visit_input() != self._saved

    def closeEvent(self, event: QCloseEvent) -> None:
        event.setAccepted(messages.may_close(self, self.is_dirty(), self.save))

    def _refused(self, reason: str) -> bool:
        self.show_banner(reason, "error")
        return False

    def open_case(self) -> None:
        """Save the visit, then register its finding as a case in one step and open the case window."""
        if not self.findings.toPlainText().strip():
            self._refused(self.tr("请先在“发现问题”里写明发现了什么，再登记事件。"))
            return
        self.save(then=self._register_case)

    def _register_case(self) -> None:
        dialog = RegisterCaseDialog(self.ctx, self.grid_id, visit_id=self.visit_id,
                                    finding=self.findings.toPlainText().strip(), parent=self)
        if dialog.exec() and dialog.case_id is not None:
            self.case_id = dialog.case_id
            show_case(self.ctx, dialog.case_id, self)

"""The case window: what was registered, who and what it concerns, its photos, the timeline of every step,
and buttons for only the actions the acting user may take now (gridapp.cases.workflow.available_actions).
Archived cases are read-only. 打印一事五单 writes the case's five sheets as a PDF."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp.cases import workflow
from gridapp.changes import Changes, Table
from gridapp.dto import CaseView, TimelineEntry
from gridapp.i18n import shown
from ui import file_dialogs, messages
from ui.context import AppContext
from ui.dialogs.action_dialog import ActionDialog
from ui.display import moment_text, scaled
from ui.latest_read import LatestRead
from ui.operations import Operation
from ui.permissions import offer
from ui.punctuation import bracketed, clauses, label_value
from ui.widgets.form_scroll import PageScrollArea
from ui.window_geometry import keep_geometry

OVERDUE_STYLE = "color: #b00020; font-weight: bold;"
LINK_KINDS = {"household": QT_TRANSLATE_NOOP("CaseWindow", "住户"), "person": QT_TRANSLATE_NOOP("CaseWindow", "人员"),
              "place": QT_TRANSLATE_NOOP("CaseWindow", "场所")}
DETAILS = (  # the case's facts down the left of its window
    ("category", QT_TRANSLATE_NOOP("CaseWindow", "类别")), ("source", QT_TRANSLATE_NOOP("CaseWindow", "来源")),
    ("grid", QT_TRANSLATE_NOOP("CaseWindow", "网格")), ("place", QT_TRANSLATE_NOOP("CaseWindow", "地点")),
    ("occurred", QT_TRANSLATE_NOOP("CaseWindow", "发生时间")),
    ("reporter", QT_TRANSLATE_NOOP("CaseWindow", "反映人")), ("handler", QT_TRANSLATE_NOOP("CaseWindow", "承办")),
    ("satisfaction", QT_TRANSLATE_NOOP("CaseWindow", "满意度")),
    ("description", QT_TRANSLATE_NOOP("CaseWindow", "情况描述")),
    ("summary", QT_TRANSLATE_NOOP("CaseWindow", "公示内容")),
)
DATA_LABELS = {"urgency": QT_TRANSLATE_NOOP("CaseWindow", "紧急程度"), "deadline": QT_TRANSLATE_NOOP("CaseWindow", "办结期限"),
               "level": QT_TRANSLATE_NOOP("CaseWindow", "承办层级"), "department": QT_TRANSLATE_NOOP("CaseWindow", "承办部门"),
               "rating": QT_TRANSLATE_NOOP("CaseWindow", "满意度"), "summary": QT_TRANSLATE_NOOP("CaseWindow", "公示内容")}
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def show_case(ctx: AppContext, case_id: str, parent: QWidget | None = None) -> CaseWindow:
    """One window per case: raise the one already open, or open it."""
    for window in (parent.window().findChildren(CaseWindow) if parent else []):
        if window.case_id == case_id and window.isVisible():
            window.raise_()
            window.activateWindow()
            return window
    window = CaseWindow(ctx, case_id, parent)
    window.show()
    window.activateWindow()
    return window


class CaseWindow(QWidget):
    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.case_id = case_id
        self.view: CaseView | None = None

        self.heading = QLabel()
        self.heading.setObjectName("caseHeading")
        self.heading.setFont(scaled(self.font(), 1.3, bold=True))
        self.heading.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.details: dict[str, QLabel] = {}
        details = QFormLayout()
        for key, label in DETAILS:
            value = self.details[key] = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            details.addRow(self.tr(label), value)
        self.links = QListWidget()
        self.attachments = QListWidget()
        self.attachments.itemDoubleClicked.connect(self._open_attachment)
        self.timeline = QTableWidget(0, 5)
        self.timeline.setHorizontalHeaderLabels([self.tr("时间"), self.tr("环节"), self.tr("单"), self.tr("经办人"),
                                                 self.tr("说明")])
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.timeline.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.timeline.setWordWrap(True)  # long notes wrap instead of being cut off
        self.timeline.setAlternatingRowColors(True)
        self.timeline.verticalHeader().hide()
        self.timeline.horizontalHeader().setStretchLastSection(True)
        # Row heights follow the final column widths, once the header has settled.
        self.timeline.horizontalHeader().sectionResized.connect(
            lambda *_args: QTimer.singleShot(0, self.timeline, self.timeline.resizeRowsToContents))

        left_column = QVBoxLayout()
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addLayout(details)
        left_column.addWidget(_boxed(self.tr("关联住户、人员、场所"), self.links))
        left_column.addWidget(_boxed(self.tr("照片和附件（双击打开）"), self.attachments))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(PageScrollArea(left_column))
        splitter.addWidget(_boxed(self.tr("办理过程"), self.timeline))
        splitter.setStretchFactor(1, 2)

        self.action_row = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        self.status = QLabel()
        self.print_button = QPushButton(self.tr("打印一事五单"))
        self.print_path = ""
        self.printing = LatestRead(ctx.tasks, self._printed, self._print_failed, self)  # ignored once closed
        self.print_button.clicked.connect(self.print_sheet)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addLayout(self.action_row)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.state_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        offer(ctx, "print", self.print_button)
        ctx.bus.changed.connect(self.on_changes)
        self.reload()
        metrics = self.fontMetrics()
        keep_geometry(self, ctx.settings, "case_window", QSize(metrics.averageCharWidth() * 150, metrics.height() * 40))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the large-font mode
            self.heading.setFont(scaled(self.font(), 1.3, bold=True))

    # -- showing --------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the case again at the context's clock: details, timeline and the buttons valid now."""
        now = self.ctx.now()
        view = self.view = self.ctx.ws.query.case(self.case_id, now)
        row = view.row
        self.setWindowTitle(self.tr("事件 {number}").format(number=row.number))
        self.heading.setText(f"{row.number}  {row.title}")
        state = self.tr("状态：{step}　紧急程度：{urgency}　受理：{accepted}　办理期限：{deadline}").format(
            step=shown(row.step), urgency=shown(row.urgency), accepted=moment_text(row.accepted_at),
            deadline=moment_text(row.deadline) or "—")
        if row.overdue:
            state += self.tr("　已超期")
        if row.step == workflow.ARCHIVED:
            state += self.tr("　（已归档销号，只能查看）")
        self.state_label.setText(state)
        self.state_label.setStyleSheet(OVERDUE_STYLE if row.overdue else "")
        handler = " ".join(shown(p) for p in (row.handling_level, row.department) if p)
        if row.supervisions:
            handler += self.tr("（督办 {n} 次）").format(n=row.supervisions)
        satisfaction = shown(row.satisfaction) + (self.tr("（退回重办 {n} 次）").format(n=row.reopened) if row.reopened else "")
        reporter = " ".join(p for p in (view.reporter_name, view.reporter_phone) if p)
        for key, text in (("category", " / ".join(shown(p) for p in (row.category, row.subtype) if p)),
                          ("source", shown(row.source)), ("grid", " / ".join(view.grid_path)), ("place", view.place_text),
                          ("occurred", moment_text(view.occurred_at)), ("reporter", reporter),
                          ("handler", handler), ("satisfaction", satisfaction),
                          ("description", view.description), ("summary", view.public_summary)):
            self.details[key].setText(text or "—")
        self.links.clear()
        for link in view.links:
            kind = _translated(LINK_KINDS[link.kind]) if link.kind in LINK_KINDS else link.kind
            self.links.addItem(label_value(kind, link.title))
        self.attachments.clear()
        self.timeline.setRowCount(len(view.timeline))
        for row_no, entry in enumerate(view.timeline):
            for column, text in enumerate(self._entry_texts(entry)):
                self.timeline.setItem(row_no, column, QTableWidgetItem(text))
            for file in entry.attachments:
                item = QListWidgetItem(label_value(shown(entry.action), file.filename))
                item.setData(PATH_ROLE, file.path)
                self.attachments.addItem(item)
        for column in range(self.timeline.columnCount() - 1):
            self.timeline.resizeColumnToContents(column)
        self.timeline.resizeRowsToContents()
        self._show_actions(view, now)

    def _entry_texts(self, entry: TimelineEntry) -> list[str]:
        action = workflow.ACTIONS.get(entry.action)
        facts = [label_value(_translated(DATA_LABELS[k]), fact_text(v)) for k, v in entry.data.items()
                 if k in DATA_LABELS and v]
        if entry.data.get("reopened"):
            facts.append(self.tr("退回重新办理"))
        if entry.data.get("on_time") is False:
            facts.append(self.tr("超时办结"))
        note = clauses([entry.note] * bool(entry.note) + facts)
        return [moment_text(entry.at), shown(action.label if action else entry.action), shown(entry.sheet),
                bracketed(entry.actor_name, shown(entry.actor_role)), note]

    def _show_actions(self, view: CaseView, now) -> None:
        for button in self.action_buttons.values():
            self.action_row.removeWidget(button)
            button.deleteLater()
        self.action_buttons.clear()
        for action in workflow.available_actions(view.state, self.ctx.actor.role, now=now):
            button = self.action_buttons[action.code] = QPushButton(shown(action.label))
            button.setToolTip(self.tr("填写{sheet}").format(sheet=shown(action.sheet)) if action.sheet else "")
            button.clicked.connect(lambda _checked=False, a=action: self.take(a.code))
            self.action_row.addWidget(button)

    def on_changes(self, changes: Changes) -> None:
        if self.concerns(changes):
            self.reload()

    def concerns(self, changes: Changes) -> bool:
        """A change to this case or to a household, person or place it links to; one that does not say which
        records it touched (a sync import) is checked by its tables."""
        if not changes.ids:
            return changes.touches(Table.CASES, Table.CASE_STEPS, Table.CASE_LINKS, Table.ATTACHMENTS,
                                   Table.HOUSEHOLDS, Table.PERSONS, Table.PLACES)
        linked = {link.id for link in self.view.links} if self.view else set()
        return not changes.ids.isdisjoint(linked | {self.case_id})

    # -- acting ---------------------------------------------------------------------------------------------

    def take(self, code: str) -> None:
        """Ask the action's fields in its dialog and take it off the UI thread; a refusal is shown and the dialog
        asked again with what was typed."""
        action = workflow.ACTIONS[code]
        self._ask(code, ActionDialog(action, self.view.row.title if self.view else "", self))

    def _ask(self, code: str, dialog: ActionDialog) -> None:
        if not dialog.exec():
            return
        ws, actor, values, attachments, now = self.ctx.ws, self.ctx.actor, dialog.values(), dialog.attachments(), \
            self.ctx.now()

        def refused(exc: Exception) -> None:
            messages.failure(self, exc)
            QTimer.singleShot(0, lambda: self._ask(code, dialog))

        Operation(self.ctx, self, lambda _progress: ws.cases.act(actor, self.case_id, code, values, attachments,
                                                                 now=now)) \
            .success(lambda _outcome: self.reload()).failure(refused).run()

    def _open_attachment(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(item.data(PATH_ROLE)))

    # -- printing -------------------------------------------------------------------------------------------

    def print_sheet(self) -> None:
        """Ask where to save, then write the 一事五单 PDF off the UI thread."""
        from gridapp.ledgers.catalog import render_case_sheet

        number = self.view.row.number if self.view else self.tr("事件")
        path = file_dialogs.ask_save_path(self, self.tr("打印一事五单"), f"{number}-一事五单.pdf", "PDF (*.pdf)")
        if not path:
            return
        ws, case_id = self.ctx.ws, self.case_id
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("正在生成，请稍候…"))
        self.print_path = path
        self.printing.start(lambda: render_case_sheet(ws, case_id, Path(path), mask=False))

    def _printed(self, pages: int) -> None:
        self.print_button.setEnabled(True)
        self.status.setText(self.tr("已保存：{path}（{pages} 页）").format(path=self.print_path, pages=pages))

    def _print_failed(self, exc: Exception) -> None:
        self.print_button.setEnabled(True)
        self.status.setText("")
        messages.failure(self, exc, self.tr("一事五单没有生成"))


def fact_text(value: Any) -> str:
    """A value of a step's data as the lists show it: ISO moments (2026-09-25T13:59) as moments, a core term (a
    level, department or rating) in the interface's language, any other text exactly as typed."""
    text = str(value)
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return moment_text(parse(text))
        except ValueError:
            continue
    return shown(text)


def _translated(text: str) -> str:
    return QCoreApplication.translate("CaseWindow", text)


def _boxed(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(widget)
    return box

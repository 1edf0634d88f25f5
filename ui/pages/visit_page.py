"""走访: the visit log of a grid subtree (by worker, kind and date) and the list of who is due or overdue for a
visit under the visit rules, from which 记录走访 opens the visit form already filled in.

The due list is read off the UI thread and only while its tab is shown: for a whole county it takes seconds.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridapp import codes
from gridapp.changes import Changes, Table
from gridapp.dto import DueVisit, VisitFilter
from gridapp.i18n import shown
from ui import messages
from ui.context import AppContext
from ui.display import moment_text
from ui.forms.visit_form import Target, VisitForm
from ui.grid_tree_model import GridTreeModel, reveal
from ui.latest_read import LatestRead
from ui.operations import run_write
from ui.paged_table_model import PagedColumn, PagedTableModel, fit_columns
from ui.permissions import offer
from ui.widgets.date_edit import DateEdit, period_box
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.flow_layout import flow_row
from ui.widgets.scoped_list import (
    CountLabel,
    ask_for_scope,
    record_table,
    scope_tree,
    select_first_node,
    tree_splitter,
)

HORIZONS = ((QT_TRANSLATE_NOOP("VisitPage", "今日应访（含已逾期）"), 0), (QT_TRANSLATE_NOOP("VisitPage", "本周内应访"), 7),
            (QT_TRANSLATE_NOOP("VisitPage", "30天内应访"), 30))


def due_state(overdue_days: int) -> str:
    if overdue_days > 0:
        return QCoreApplication.translate("VisitPage", "逾期 {n} 天").format(n=overdue_days)
    if overdue_days == 0:
        return QCoreApplication.translate("VisitPage", "今日到期")
    return QCoreApplication.translate("VisitPage", "{n} 天后到期").format(n=-overdue_days)


class VisitPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._due: dict[str, DueVisit] = {}
        self._due_stale = True
        self._log_stale = False  # visits changed while the page was hidden: read the log again when shown
        self.due_read = LatestRead(ctx.tasks, self._show_due, self._due_failed, self)
        self.tree_model = GridTreeModel(ctx.ws, self)
        self.tree = scope_tree(self.tree_model)
        self.tree.selectionModel().currentChanged.connect(self._node_selected)
        self.worker = QComboBox()
        self.worker.currentIndexChanged.connect(self.refresh)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._log_tab(), self.tr("走访记录"))
        self.tabs.addTab(self._due_tab(), self.tr("应访名单"))
        self.tabs.currentChanged.connect(lambda _index: self._read_due_if_stale())
        offer(ctx, "record_visits", self.new_button, self.delete_button, self.record_button)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.worker)
        top.addStretch(1)
        column.addLayout(top)
        column.addWidget(self.tabs, 1)
        QVBoxLayout(self).addWidget(tree_splitter(self.tree, right))
        ctx.bus.changed.connect(self.on_changes)
        select_first_node(self.tree, self.refresh)

    # -- building -------------------------------------------------------------------------------------------

    def _log_tab(self) -> QWidget:
        self.kind = QComboBox()
        self.kind.addItem(self.tr("方式：全部"), None)
        for label in codes.labels("visit_kind"):
            self.kind.addItem(shown(label), label)
        self.kind.currentIndexChanged.connect(self.refresh_log)
        self.date_from, self.date_to = DateEdit(), DateEdit()
        self.date_from.setPlaceholderText(self.tr("日期从"))
        self.date_to.setPlaceholderText(self.tr("至"))
        for edit in (self.date_from, self.date_to):
            edit.editingFinished.connect(self.refresh_log)
        self.log_model = PagedTableModel(
            [PagedColumn(self.tr("日期"), "visited_on", text=moment_text, sample="2026-11-01"),
             PagedColumn(self.tr("方式"), "kind", text=shown, sample=shown("电话回访")), PagedColumn(self.tr("网格员"), "worker_name", sample="欧阳小明"),
             PagedColumn(self.tr("走访对象"), "target_title", sample="欧阳小明 幸福村12组123号"),
             PagedColumn(self.tr("网格"), "grid_name", sample="第一微网格"),
             PagedColumn(self.tr("内容"), "content", sample="入户了解近况，身体良好"),
             PagedColumn(self.tr("发现问题"), "findings", sample="屋后电线老化裸露"),
             PagedColumn(self.tr("登记事件"), "case_numbers", text=" ".join)],
            lambda _sort, _descending: self.ctx.ws.query.visit_ids(self.visit_filter()),
            self.ctx.ws.query.visit_rows, parent=self)
        self.log_table = record_table(self.log_model)
        self.log_table.setSortingEnabled(False)  # newest first, always
        self.log_table.doubleClicked.connect(lambda index: self.open_visit(index.row()))
        self.log_count = CountLabel()
        self.new_button = QPushButton(self.tr("记录走访"))
        self.open_button = QPushButton(self.tr("打开"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.new_button.clicked.connect(self.new_visit)
        self.open_button.clicked.connect(lambda: self.open_visit(self.log_table.currentIndex().row()))
        self.delete_button.clicked.connect(self.delete_visit)
        self.log_hint = EmptyHint(
            self.log_table, self.tr("这里还没有走访记录。\n每次入户走访或巡查以后，点下面的“记录走访”记下来。"),
            self.tr("没有符合条件的走访记录。\n可以把上面的网格员、方式改回“全部”，或清空日期。"), self.log_filtered)
        filters = flow_row(self.kind, period_box(self.tr("日期"), self.date_from, self.date_to))
        return _tab(filters, self.log_table, self.log_count, (self.new_button, self.open_button, self.delete_button))

    def _due_tab(self) -> QWidget:
        self.horizon = QComboBox()
        for label, days in HORIZONS:
            self.horizon.addItem(QCoreApplication.translate("VisitPage", label), days)
        self.horizon.currentIndexChanged.connect(self.refresh_due)
        self.overdue_only = QCheckBox(self.tr("只看已逾期"))
        self.overdue_only.toggled.connect(self.refresh_due)
        self.due_model = PagedTableModel(
            [PagedColumn(self.tr("走访对象"), "title", "title", sample="欧阳小明"),
             PagedColumn(self.tr("地址"), "address", "address", sample="幸福村12组123号"),
             PagedColumn(self.tr("网格"), "grid_name", "grid_name", sample="第一微网格"),
             PagedColumn(self.tr("走访要求"), "rule", "rule", shown, shown("特殊人群每月走访")),
             PagedColumn(self.tr("上次走访"), "last_visit", "last_visit", moment_text, "2026-11-01"),
             PagedColumn(self.tr("应访日期"), "due_date", "due_date", moment_text, "2026-11-01"),
             PagedColumn(self.tr("状态"), "overdue_days", "overdue_days", due_state, "逾期 111 天")],
            self._due_keys, lambda keys: [self._due[k] for k in keys], alert=lambda d: d.overdue_days > 0,
            sort=("due_date", False), parent=self)
        self.due_table = record_table(self.due_model)
        self.due_table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # soonest due first
        self.due_table.doubleClicked.connect(lambda index: self.record_due(index.row()))
        self.due_count = CountLabel()
        self.record_button = QPushButton(self.tr("记录走访"))
        self.record_button.clicked.connect(lambda: self.record_due(self.due_table.currentIndex().row()))
        self.due_hint = EmptyHint(self.due_table, "")
        self._fit()
        return _tab(flow_row(self.horizon, self.overdue_only), self.due_table, self.due_count,
                    (self.record_button,))

    def _fit(self) -> None:
        for table in (self.log_table, self.due_table):
            fit_columns(table)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    # -- filters --------------------------------------------------------------------------------------------

    def scope_id(self) -> str | None:
        node = self.tree_model.node(self.tree.currentIndex())
        return node.id if node else None

    def worker_id(self) -> str | None:
        return self.worker.currentData()

    def log_filtered(self) -> bool:
        return bool(self.worker_id() or self.kind.currentData() or self.date_from.text().strip()
                    or self.date_to.text().strip())

    def visit_filter(self) -> VisitFilter:
        return VisitFilter(scope_id=self.scope_id(), worker_id=self.worker_id(), kind=self.kind.currentData(),
                           date_from=self.date_from.value(), date_to=self.date_to.value())

    def _fill_workers(self) -> None:
        current = self.worker_id()
        self.worker.blockSignals(True)
        self.worker.clear()
        self.worker.addItem(self.tr("网格员：全部"), None)
        for w in self.ctx.ws.query.visit_workers(self.scope_id()):
            self.worker.addItem(w.name, w.id)
        self.worker.setCurrentIndex(max(self.worker.findData(current), 0))
        self.worker.blockSignals(False)

    def show_due(self, within_days: int = 0, overdue_only: bool = False) -> None:
        """Jump here from the home page: the due list of the whole scope for a horizon."""
        worker_changed = self.worker.currentIndex() != 0
        for widget in (self.horizon, self.overdue_only, self.worker):
            widget.blockSignals(True)
        self.horizon.setCurrentIndex(max(self.horizon.findData(within_days), 0))
        self.overdue_only.setChecked(overdue_only)
        self.worker.setCurrentIndex(0)
        for widget in (self.horizon, self.overdue_only, self.worker):
            widget.blockSignals(False)
        if worker_changed:
            self.refresh_log()
        self._due_stale = True
        self.tabs.setCurrentIndex(1)
        self._read_due_if_stale()

    def show_log(self, flt: VisitFilter) -> None:
        """Jump here from a chart of the home page: the visit log of a grid by worker and dates."""
        widgets = (self.worker, self.kind, self.tree.selectionModel())
        for widget in widgets:
            widget.blockSignals(True)
        if flt.scope_id:
            reveal(self.tree, flt.scope_id)
        self._fill_workers()
        self.worker.setCurrentIndex(max(self.worker.findData(flt.worker_id), 0))
        self.kind.setCurrentIndex(max(self.kind.findData(flt.kind), 0))
        for widget in widgets:
            widget.blockSignals(False)
        self.date_from.set_value(flt.date_from)
        self.date_to.set_value(flt.date_to)
        self.tabs.setCurrentIndex(0)
        self.refresh()

    # -- refreshing -----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_log()
        self.refresh_due()

    def refresh_log(self) -> None:
        self._log_stale = False
        self.log_model.refresh()
        self.log_count.setText(self.tr("共 {n} 条走访记录").format(n=self.log_model.rowCount()))

    def refresh_due(self) -> None:
        """Read the due list again now if it is on screen, else when it next is."""
        self._due_stale = True
        self._read_due_if_stale()

    def _read_due_if_stale(self) -> None:
        if not (self._due_stale and self.isVisible() and self.tabs.currentIndex() == 1):
            return
        self._due_stale = False
        scope, worker, days = self.scope_id(), self.worker_id(), self.horizon.currentData()
        overdue_only, today, query = self.overdue_only.isChecked(), self.ctx.now().date(), self.ctx.ws.query
        self.due_count.setText(self.tr("正在计算应访名单，请稍候…"))
        self.due_hint.set_texts("")
        self.due_read.start(lambda: [d for d in (query.due_visits(scope, today, worker, days) if scope else [])
                                     if d.overdue_days > 0 or not overdue_only])

    def due_busy(self) -> bool:
        return self.due_read.running

    def _show_due(self, due: list[DueVisit]) -> None:
        self._due = {f"{d.target_kind}:{d.target_id}": d for d in due}
        self.due_model.refresh()
        self.due_hint.set_texts(self.tr("没有已逾期的走访对象。") if self.overdue_only.isChecked()
                                else self.tr("这段时间没有需要走访的对象。\n特殊人群和监测户到了走访周期，会列在这里。"))
        self.due_count.setText(self.tr("应访 {n} 个，其中已逾期 {late} 个").format(
            n=len(due), late=sum(1 for d in due if d.overdue_days > 0)))

    def _due_failed(self, exc: Exception) -> None:
        self._due_stale = True
        self.due_count.setText(self.tr("应访名单没有算出来：{error}").format(error=messages.failure_line(exc)))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._log_stale:
            self.refresh_log()
        self._read_due_if_stale()

    def _due_keys(self, sort: str, descending: bool) -> list[str]:
        return sorted(self._due, key=lambda k: (getattr(self._due[k], sort) is not None, getattr(self._due[k], sort)),
                      reverse=descending)

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Table.GRID_ASSIGNMENTS, Table.GRID_WORKERS):
            self._fill_workers()
        if changes.touches(Table.VISITS, Table.CASES):
            if self.isVisible():
                self.refresh_log()
            else:
                self._log_stale = True
        if changes.touches(Table.VISITS, Table.HOUSEHOLDS, Table.PERSONS, Table.PERSON_TAGS):
            self.refresh_due()
        if changes.touches(Table.GRID_NODES, Table.HOUSEHOLDS, Table.PERSONS):
            self.tree_model.refresh_counts()

    def _node_selected(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._fill_workers()
        self.refresh()

    # -- records --------------------------------------------------------------------------------------------

    def _show(self, form: VisitForm) -> VisitForm:
        form.show()
        form.activateWindow()
        return form

    def new_visit(self) -> VisitForm | None:
        scope = self.scope_id()
        if scope is None:
            ask_for_scope(self, self.tree)
            return None
        return self._show(VisitForm(self.ctx, scope, parent=self))

    def open_visit(self, row: int) -> VisitForm | None:
        if not 0 <= row < self.log_model.rowCount():
            return None
        visit = self.log_model.record(row)
        return self._show(VisitForm(self.ctx, visit.grid_id, visit_id=visit.id, parent=self))

    def record_due(self, row: int) -> VisitForm | None:
        """记录走访 for a due household or person: the form opens with the target filled in."""
        if not 0 <= row < self.due_model.rowCount():
            return None
        due = self.due_model.record(row)
        target = Target(due.target_kind, due.target_id, due.title)
        return self._show(VisitForm(self.ctx, due.grid_id, target=target, parent=self))

    def delete_visit(self) -> None:
        row = self.log_table.currentIndex().row()
        if row < 0:
            return
        visit = self.log_model.record(row)
        if messages.confirm(self, self.tr("删除 {day} 对“{title}”的走访记录？").format(
                day=moment_text(visit.visited_on), title=visit.target_title)):
            ws, actor = self.ctx.ws, self.ctx.actor
            run_write(self.ctx, self, lambda: ws.visits.delete(actor, visit.id))


def _tab(filters: QLayout, table: QWidget, count: QLabel, buttons: tuple[QPushButton, ...]) -> QWidget:
    tab = QWidget()
    column = QVBoxLayout(tab)
    column.addLayout(filters)
    column.addWidget(table, 1)
    footer = QHBoxLayout()
    footer.addWidget(count, 1)
    for button in buttons:
        footer.addWidget(button)
    column.addLayout(footer)
    return tab

"""事件: the cases of a grid subtree, filtered by status, category, overdue and date, with their counts;
overdue rows stand out; double-click opens the case window."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QWidget

from gridapp import codes
from gridapp.cases import workflow
from gridapp.cases.deadlines import RUNNING
from gridapp.changes import Changes, Table
from gridapp.dto import CaseFilter
from gridapp.i18n import shown
from ui.context import AppContext
from ui.dialogs.case_window import show_case
from ui.dialogs.register_case_dialog import RegisterCaseDialog
from ui.display import moment_text
from ui.grid_tree_model import GridTreeModel, reveal
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
    scoped_list_layout,
    select_first_node,
)

IN_PROGRESS = tuple(step for step in workflow.STEPS if step in RUNNING)  # 办理中: the clock is running
WATCHED = (Table.CASES, Table.CASE_STEPS, Table.CASE_LINKS)
SORTED_BY = "accepted_at"


class CasePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tree_model = GridTreeModel(ctx.ws, self)
        self.tree = scope_tree(self.tree_model)
        self.tree.selectionModel().currentChanged.connect(self._node_selected)

        self.status = QComboBox()
        self.status.addItem(self.tr("状态：全部"), ())
        self.status.addItem(self.tr("办理中"), IN_PROGRESS)
        for step in workflow.STEPS:
            self.status.addItem(shown(step), (step,))
        self.category = QComboBox()
        self.category.addItem(self.tr("类别：全部"), None)
        for label in codes.labels("case_category"):
            self.category.addItem(shown(label), label)
        self.overdue = QCheckBox(self.tr("只看超期"))
        self.date_from, self.date_to = DateEdit(), DateEdit()
        self.date_from.setPlaceholderText(self.tr("受理日期从"))
        self.date_to.setPlaceholderText(self.tr("至"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("编号或标题"))
        self.text.setClearButtonEnabled(True)
        self.status.currentIndexChanged.connect(self.refresh)
        self.category.currentIndexChanged.connect(self.refresh)
        self.overdue.toggled.connect(self.refresh)
        for edit in (self.date_from, self.date_to, self.text):
            edit.editingFinished.connect(self.refresh)
        filter_row = flow_row(self.status, self.category, self.overdue,
                              period_box(self.tr("受理日期"), self.date_from, self.date_to), self.text)

        self.model = PagedTableModel(self._columns(), self._ids, self._rows, alert=lambda row: row.overdue,
                                     sort=(SORTED_BY, True), parent=self)
        self.table = record_table(self.model)
        self.table.sortByColumn(next(i for i, c in enumerate(self.model.columns) if c.sort == SORTED_BY),
                                Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda index: self.open_case(index.row()))
        self.empty_hint = EmptyHint(
            self.table, self.tr("这里还没有事件。\n群众反映或巡查发现问题时，点下面的“登记事件”记下来。"),
            self.tr("没有符合条件的事件。\n可以把上面的筛选改回“全部”，或清空日期和编号。"), self.is_filtered)

        self.count_label = CountLabel()
        self.new_button = QPushButton(self.tr("登记事件"))
        self.open_button = QPushButton(self.tr("打开"))
        self.new_button.clicked.connect(self.register_case)
        self.open_button.clicked.connect(lambda: self.open_case(self.table.currentIndex().row()))
        scoped_list_layout(self, self.tree, filter_row, self.table, self.count_label,
                           (self.new_button, self.open_button))
        offer(ctx, "register_cases", self.new_button)
        ctx.bus.changed.connect(self.on_changes)
        select_first_node(self.tree, self.refresh)
        fit_columns(self.table)

    def _columns(self) -> list[PagedColumn]:
        return [
            PagedColumn(self.tr("编号"), "number", "number", sample="4114231012010401-2026-QT4S-0015"),
            PagedColumn(self.tr("标题"), "title", "title", sample="幸福村9组24号门前垃圾堆积"),
            PagedColumn(self.tr("状态"), "step", "step", shown, shown("归档销号")),
            PagedColumn(self.tr("时效"), "timeliness", None, shown, shown("按时办结")),
            PagedColumn(self.tr("紧急程度"), "urgency", "urgency", shown),
            PagedColumn(self.tr("类别"), "category", "category", shown, shown("社会治安")),
            PagedColumn(self.tr("小类"), "subtype", None, shown, shown("涉黑涉恶线索")),
            PagedColumn(self.tr("网格"), "grid_name", sample="第一微网格"),
            PagedColumn(self.tr("受理时间"), "accepted_at", "accepted_at", moment_text, "2026-10-25 15:22"),
            PagedColumn(self.tr("办理期限"), "deadline", "deadline", moment_text, "2026-10-25 15:22"),
            PagedColumn(self.tr("承办"), "department", text=shown),
        ]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            fit_columns(self.table)

    # -- filters --------------------------------------------------------------------------------------------

    def scope_id(self) -> str | None:
        node = self.tree_model.node(self.tree.currentIndex())
        return node.id if node else None

    def is_filtered(self) -> bool:
        return bool(self.status.currentIndex() or self.category.currentIndex() or self.overdue.isChecked()
                    or self.date_from.text().strip() or self.date_to.text().strip() or self.text.text().strip())

    def current_filter(self) -> CaseFilter:
        return CaseFilter(scope_id=self.scope_id(), steps=self.status.currentData(),
                          category=self.category.currentData(), overdue=self.overdue.isChecked(),
                          accepted_from=self.date_from.value(), accepted_to=self.date_to.value(),
                          text=self.text.text())

    def show_filtered(self, overdue: bool = False, in_progress: bool = False) -> None:
        """Jump here from the home page: every case of the scope, only the overdue or only those in progress."""
        for widget in (self.status, self.category, self.overdue):
            widget.blockSignals(True)
        self.status.setCurrentIndex(1 if in_progress else 0)
        self.category.setCurrentIndex(0)
        self.overdue.setChecked(overdue)
        for widget in (self.status, self.category, self.overdue):
            widget.blockSignals(False)
        self.date_from.clear()
        self.date_to.clear()
        self.text.clear()
        self.refresh()

    def show_list(self, flt: CaseFilter) -> None:
        """Jump here from a chart of the home page: the cases of a grid by status, overdue and accepted dates."""
        widgets = (self.status, self.category, self.overdue, self.tree.selectionModel())
        for widget in widgets:
            widget.blockSignals(True)
        steps = [self.status.itemData(i) for i in range(self.status.count())]
        self.status.setCurrentIndex(steps.index(flt.steps) if flt.steps in steps else 0)
        self.category.setCurrentIndex(max(self.category.findData(flt.category), 0))
        self.overdue.setChecked(flt.overdue)
        if flt.scope_id:
            reveal(self.tree, flt.scope_id)
        for widget in widgets:
            widget.blockSignals(False)
        self.date_from.set_value(flt.accepted_from)
        self.date_to.set_value(flt.accepted_to)
        self.text.clear()
        self.refresh()

    def _ids(self, sort: str, descending: bool) -> list[str]:
        return self.ctx.ws.query.case_ids(self.current_filter(), self.ctx.now(), sort, descending)

    def _rows(self, ids: list[str]) -> list:
        return self.ctx.ws.query.case_rows(ids, self.ctx.now())

    def refresh(self) -> None:
        current = self.current_id()
        self.model.refresh()
        if current:
            self.select_case(current)
        counts = self.ctx.ws.query.case_counts(replace(self.current_filter(), overdue=False), self.ctx.now())
        node = self.tree_model.node(self.tree.currentIndex())
        self.count_label.setText(self.tr(
            "{scope}：列出 {shown} 件（共 {total} 件，办理中 {running} 件，已超期 {overdue} 件，已归档 {archived} 件）"
        ).format(scope=node.name if node else self.tr("全部"), shown=self.model.rowCount(), total=counts.total,
                 running=sum(counts.by_step[s] for s in IN_PROGRESS), overdue=counts.overdue,
                 archived=counts.by_step[workflow.ARCHIVED]))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.refresh()
        if changes.touches(Table.GRID_NODES, Table.HOUSEHOLDS, Table.PERSONS):
            self.tree_model.refresh_counts()

    def _node_selected(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.refresh()

    # -- records --------------------------------------------------------------------------------------------

    def current_id(self) -> str | None:
        row = self.table.currentIndex().row()
        return self.model.record_id(row) if 0 <= row < self.model.rowCount() else None

    def select_case(self, case_id: str) -> None:
        row = self.model.row_of(case_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def open_case(self, row: int):
        if 0 <= row < self.model.rowCount():
            return show_case(self.ctx, self.model.record_id(row), self)
        return None

    def register_case(self) -> str | None:
        """登记事件 in the selected grid; the new case is selected in the list. Returns its id."""
        scope = self.scope_id()
        if scope is None:
            ask_for_scope(self, self.tree)
            return None
        dialog = RegisterCaseDialog(self.ctx, scope, parent=self)
        if not dialog.exec() or dialog.case_id is None:
            return None
        self.select_case(dialog.case_id)
        return dialog.case_id

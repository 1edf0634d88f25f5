"""住户: the households of a grid subtree, filtered and sorted, opening the household page of the 采集簿."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from gridapp import codes
from gridapp.changes import Changes, Table
from gridapp.dto import HouseholdFilter
from gridapp.i18n import shown
from ui import messages
from ui.context import AppContext
from ui.grid_tree_model import GridTreeModel, reveal
from ui.household_table_model import HouseholdTableModel
from ui.operations import run_write
from ui.paged_table_model import fit_columns
from ui.permissions import offer
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.scoped_list import (
    CountLabel,
    ask_for_scope,
    record_table,
    scope_tree,
    scoped_list_layout,
    select_first_node,
)

# The widest usual content of each column: widths follow the font, so large-font mode cuts nothing off.
COLUMN_SAMPLES = ("0000号", "欧阳小明", "11010519491231002X", "人数", "幸福村12组123号附1", "13800001234",
                  "户籍户", "监测")


class HouseholdPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tree_model = GridTreeModel(ctx.ws, self)
        self.tree = scope_tree(self.tree_model)
        self.tree.selectionModel().currentChanged.connect(self._node_selected)

        self.model = HouseholdTableModel(ctx.ws, self)
        self.table = record_table(self.model)
        self.table.doubleClicked.connect(lambda index: self.open_household(index.row()))
        fit_columns(self.table, COLUMN_SAMPLES)

        self.filters = {
            "tag": self._combo(self.tr("人群类别"), [(g.label, g.code) for g in codes.special_groups()]),
            "residence_kind": self._combo(self.tr("人口类别"), _same(codes.labels("residence_kind"))),
            "kind": self._combo(self.tr("户类别"), _same(codes.labels("household_kind"))),
            "colour": self._combo(self.tr("监测颜色"), _same(codes.labels("monitor_colour"))),
            "person_status": self._combo(self.tr("人员状态"), _same(codes.labels("person_status"))),
        }
        self.count_label = CountLabel()
        self.new_button = QPushButton(self.tr("新建住户"))
        self.open_button = QPushButton(self.tr("打开"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.import_button = QPushButton(self.tr("从Excel导入…"))
        self.import_button.clicked.connect(self.import_excel)
        self.new_button.clicked.connect(self.new_household)
        self.open_button.clicked.connect(lambda: self.open_household(self.table.currentIndex().row()))
        self.delete_button.clicked.connect(self.delete_household)

        filter_row = FlowLayout()
        for combo in self.filters.values():
            combo.currentIndexChanged.connect(self.refresh)
            filter_row.addWidget(combo)
        self.empty_hint = EmptyHint(
            self.table, self.tr("这里还没有住户。\n点下面的“新建住户”登记第一户，或点“从Excel导入…”导入花名册。"),
            self.tr("没有符合条件的住户。\n可以把上面的筛选改回“全部”。"), self.is_filtered)
        scoped_list_layout(self, self.tree, filter_row, self.table, self.count_label,
                           (self.new_button, self.open_button, self.delete_button, self.import_button))
        offer(ctx, "edit_households", self.new_button, self.delete_button)
        offer(ctx, "import", self.import_button)
        ctx.bus.changed.connect(self.on_changes)
        select_first_node(self.tree, self.refresh)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            fit_columns(self.table, COLUMN_SAMPLES)

    def _combo(self, title: str, choices: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("{title}：全部").format(title=title), None)
        for label, value in choices:
            combo.addItem(shown(label), value)
        return combo

    def is_filtered(self) -> bool:
        return any(combo.currentData() is not None for combo in self.filters.values())

    def current_filter(self) -> HouseholdFilter:
        return HouseholdFilter(**{key: combo.currentData() for key, combo in self.filters.items()})

    def scope_id(self) -> str | None:
        node = self.tree_model.node(self.tree.currentIndex())
        return node.id if node else None

    def refresh(self) -> None:
        self.model.set_scope(self.scope_id(), self.current_filter())
        node = self.tree_model.node(self.tree.currentIndex())
        self.count_label.setText(self.tr("{scope}：共 {n} 户").format(
            scope=node.name if node else self.tr("全部"), n=self.model.rowCount()))

    def show_list(self, scope_id: str | None, flt: HouseholdFilter) -> None:
        """Jump here from a chart of the home page: the households of a grid under a filter."""
        widgets = (*self.filters.values(), self.tree.selectionModel())
        for widget in widgets:
            widget.blockSignals(True)
        for key, combo in self.filters.items():
            combo.setCurrentIndex(max(combo.findData(getattr(flt, key)), 0))
        if scope_id:
            reveal(self.tree, scope_id)
        for widget in widgets:
            widget.blockSignals(False)
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Table.HOUSEHOLDS, Table.PERSONS, Table.PERSON_TAGS):
            self.refresh()
        if changes.touches(Table.GRID_NODES, Table.HOUSEHOLDS, Table.PERSONS):
            self.tree_model.refresh_counts()

    def select_household(self, household_id: str) -> None:
        row = self.model.row_of(household_id)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def open_household(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.ctx.open_household(self.model.household_id(row), None)

    def new_household(self) -> None:
        from ui.forms.household_form import HouseholdForm

        scope = self.scope_id()
        if scope is None:
            ask_for_scope(self, self.tree)
            return
        HouseholdForm(self.ctx, grid_id=scope, parent=self).show()

    def import_excel(self) -> None:
        from ui.dialogs.import_wizard import ImportWizard

        self.wizard = ImportWizard(self.ctx, grid_id=self.scope_id(), parent=self)
        self.wizard.show()

    def delete_household(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        hid = self.model.household_id(row)
        label = f"{self.model.index(row, 0).data()} {self.model.index(row, 1).data()}"
        if messages.confirm(self, self.tr("把住户“{label}”及其成员移到回收站？可在回收站恢复。").format(label=label)):
            ws, actor = self.ctx.ws, self.ctx.actor
            run_write(self.ctx, self, lambda: ws.recycle.delete(actor, "household", hid))

    def _node_selected(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.refresh()


def _same(labels: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(label, label) for label in labels]

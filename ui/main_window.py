"""The main window: the grid tree on the left, the households of the selected node on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gridapp.workspace import Workspace
from ui.grid_tree_model import GridTreeModel
from ui.household_table_model import HouseholdTableModel


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        office = ws.office.name if ws.office else self.tr("（未设置单位）")
        self.setWindowTitle(self.tr("网格化管理综合信息采集簿 — {office}").format(office=office))
        self.resize(1280, 800)

        self.tree_model = GridTreeModel(ws, self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(False)
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(self._node_selected)

        self.household_model = HouseholdTableModel(ws, self)
        self.households = QTableView()
        self.households.setModel(self.household_model)
        self.households.setSortingEnabled(True)
        self.households.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.households.setAlternatingRowColors(True)
        self.households.verticalHeader().setDefaultSectionSize(28)
        self.households.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.households.horizontalHeader().setStretchLastSection(True)
        self.scope_label = QLabel()

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.households)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([360, 920])
        self.setCentralWidget(splitter)

        self.statusBar().showMessage(self.tr("单位：{office}    数据库：{db}").format(office=office, db=ws.url))
        self._select_first_node()

    def household_count(self) -> int:
        return self.household_model.rowCount()

    def _select_first_node(self) -> None:
        first = self.tree_model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
            self.tree.expand(first)
        else:
            self.household_model.set_scope(None)
            self._show_scope(None)

    def _node_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.tree_model.node(current)
        self.household_model.set_scope(node.id if node else None)
        self._show_scope(node.name if node else None)

    def _show_scope(self, name: str | None) -> None:
        self.scope_label.setText(self.tr("{scope}：共 {n} 户").format(
            scope=name or self.tr("全部"), n=self.household_model.rowCount()))
        widths = (90, 80, 170, 50, 240, 120, 70, 50)
        for col, w in enumerate(widths):
            self.households.setColumnWidth(col, w)

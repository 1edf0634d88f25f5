"""The layout every list page shares: the grid tree on the left as the scope, filters, the list and its
buttons on the right."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.widgets.empty_hint import EmptyHint


class CountLabel(QLabel):
    """The count under a list. A long count wraps instead of widening the window, but no count is squeezed
    narrower than a short one, which would break “共 67 户” in the middle."""

    SAMPLE = "第一微网格：共 1234 户"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countLabel")
        self.setWordWrap(True)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self.fontMetrics().horizontalAdvance(self.SAMPLE)), hint.height())


def scoped_list_layout(page: QWidget, tree: QWidget, filters: QLayout, table: QWidget, count: QLabel,
                       buttons: tuple[QPushButton, ...]) -> QSplitter:
    footer = QHBoxLayout()
    footer.addWidget(count, 1)
    for button in buttons:
        footer.addWidget(button)
    right = QWidget()
    column = QVBoxLayout(right)
    column.setContentsMargins(0, 0, 0, 0)
    column.addLayout(filters)
    column.addWidget(table)
    column.addLayout(footer)
    splitter = tree_splitter(tree, right)
    QVBoxLayout(page).addWidget(splitter)
    return splitter


# The widest usual line of the grid tree, four levels down: the tree pane is as wide as that and no wider, so
# a 1024-pixel screen leaves the room to the list.
TREE_SAMPLE = "第一网格（120户 / 480人）"
TREE_DEPTH = 4


class TreeSplitter(QSplitter):
    """``left`` (holding ``tree``) at the width of the tree's usual lines — again after a font change (the
    large-font mode); ``right`` takes the rest of the window and any room gained when it grows."""

    def __init__(self, left: QWidget, right: QWidget, tree: QTreeView) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.tree = tree
        self.addWidget(left)
        self.addWidget(right)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.fit_tree()

    def tree_width(self) -> int:
        tree = self.tree
        return (tree.fontMetrics().horizontalAdvance(TREE_SAMPLE) + tree.indentation() * TREE_DEPTH
                + 2 * tree.frameWidth() + tree.verticalScrollBar().sizeHint().width())

    def fit_tree(self) -> None:
        width = self.tree_width()
        self.setSizes([width, max(sum(self.sizes()) - width, 4 * width)])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_tree()


def tree_splitter(left: QWidget, right: QWidget, tree: QTreeView | None = None) -> TreeSplitter:
    """See TreeSplitter; ``tree`` is ``left`` itself unless given."""
    return TreeSplitter(left, right, tree or left)


def scope_tree(model: QAbstractItemModel) -> QTreeView:
    """The grid tree a list page is scoped by; without any grid yet it says where grids are made."""
    tree = QTreeView()
    tree.setModel(model)
    tree.setUniformRowHeights(True)
    EmptyHint(tree, no_grid_text())
    return tree


def no_grid_text() -> str:
    return QCoreApplication.translate("ScopedList", "还没有网格。\n请先点左边的“网格”，建立本单位的网格。")


def ask_for_scope(page: QWidget, tree: QTreeView) -> None:
    """A new record needs a grid: say which grid to pick, or, with none yet, where grids are made."""
    if tree.model().rowCount() == 0:
        messages.error(page, QCoreApplication.translate("ScopedList", "还没有网格。请先点左边的“网格”，建立本单位的网格，"
                                                                      "然后再来登记。"))
    else:
        messages.error(page, QCoreApplication.translate("ScopedList", "请先在左边选择一个网格。"))


def record_table(model: QAbstractItemModel) -> QTableView:
    """A sortable, single-row-selection list of records, as every list page shows them."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def select_first_node(tree: QTreeView, refresh: Callable[[], None]) -> None:
    """Start a list page on the top node, opened one level; with no tree yet, show the (empty) list and select
    the first node as soon as one is made (a new office builds its tree while the page already exists)."""
    model = tree.model()

    def select_first() -> None:
        first = model.index(0, 0)
        if first.isValid() and not tree.currentIndex().isValid():
            tree.setCurrentIndex(first)
            tree.expand(first)

    select_first()
    if not tree.currentIndex().isValid():
        refresh()
    model.rowsInserted.connect(lambda parent, *_: None if parent.isValid() else QTimer.singleShot(0, tree, select_first))

"""The grid tree as a Qt item model that loads each node's children only when it is expanded.

Refreshing updates the loaded levels in place (rows inserted, removed or moved one by one) instead of
resetting, so the views keep their expanded branches and selection when data changes elsewhere.
Nodes can be dragged onto other nodes; the model only carries the node id and hands the move to a callback,
because confirming and reporting errors is the page's business.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QTreeView

from gridapp.dto import GridNodeRow
from gridapp.errors import NotFound
from gridapp.i18n import shown
from gridapp.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_MIME_TYPE = "application/x-gridapp-grid-node"
MoveCallback = Callable[[str, str], bool]  # (node id, new parent id) -> moved


@dataclass(eq=False)
class _Item:
    row: GridNodeRow | None  # None for the invisible root
    parent: _Item | None
    children: list[_Item] = field(default_factory=list)
    loaded: bool = False


class GridTreeModel(QAbstractItemModel):
    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.show_retired = False
        self.move_node: MoveCallback | None = None  # set to accept drops
        self._root = _Item(None, None)
        self._load(self._root)

    def reload(self) -> None:
        self.beginResetModel()
        self._root = _Item(None, None)
        self._load(self._root)
        self.endResetModel()

    def refresh_counts(self) -> None:
        """Re-read every loaded level and bring it up to date in place: counts, names, added and gone nodes."""
        self._sync(self._root, QModelIndex())

    def set_show_retired(self, show: bool) -> None:
        if show != self.show_retired:
            self.show_retired = show
            self.refresh_counts()

    def node(self, index: Index) -> GridNodeRow | None:
        return self._item(index).row

    def index_for(self, node_id: str) -> QModelIndex:
        """The node's index, loading the levels above it; invalid if the node is gone or hidden."""
        try:
            path = self.ws.query.grid_path(node_id)
        except NotFound:
            return QModelIndex()
        index = QModelIndex()
        for step in path:
            if self.canFetchMore(index):
                self.fetchMore(index)
            item = self._item(index)
            row = next((i for i, child in enumerate(item.children) if child.row.id == step), None)
            if row is None:
                return QModelIndex()
            index = self.index(row, 0, index)
        return index

    # -- loading ----------------------------------------------------------------------------------------------

    def _rows(self, item: _Item) -> list[GridNodeRow]:
        return self.ws.query.grid_children(item.row.id if item.row else None, include_retired=self.show_retired)

    def _load(self, item: _Item) -> None:
        item.children = [_Item(r, item) for r in self._rows(item)]
        item.loaded = True

    def _sync(self, item: _Item, index: QModelIndex) -> None:
        rows = self._rows(item)
        wanted = {r.id for r in rows}
        for pos in reversed(range(len(item.children))):
            if item.children[pos].row.id not in wanted:
                self.beginRemoveRows(index, pos, pos)
                del item.children[pos]
                self.endRemoveRows()
        for pos, row in enumerate(rows):
            found = next((i for i in range(pos, len(item.children)) if item.children[i].row.id == row.id), None)
            if found is None:
                self.beginInsertRows(index, pos, pos)
                item.children.insert(pos, _Item(row, item))
                self.endInsertRows()
            elif found != pos:
                self.beginMoveRows(index, found, found, index, pos)
                item.children.insert(pos, item.children.pop(found))
                self.endMoveRows()
            item.children[pos].row = row
        if item.children:
            self.dataChanged.emit(self.index(0, 0, index), self.index(len(item.children) - 1, 0, index))
        for pos, child in enumerate(item.children):
            if child.loaded:
                self._sync(child, self.index(pos, 0, index))

    def _item(self, index: Index) -> _Item:
        return index.internalPointer() if index.isValid() else self._root

    # -- QAbstractItemModel -----------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        item = self._item(parent)
        if not self.hasIndex(row, column, parent) or row >= len(item.children):
            return QModelIndex()
        return self.createIndex(row, column, item.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._item(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.parent.children.index(parent), 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() > 0:
            return 0
        return len(self._item(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        item = self._item(parent)
        return bool(item.children) if item.loaded else bool(item.row and item.row.child_count)

    def canFetchMore(self, parent: Index) -> bool:
        return not self._item(parent).loaded

    def fetchMore(self, parent: Index) -> None:
        item = self._item(parent)
        rows = self._rows(item)
        item.loaded = True
        if rows:
            self.beginInsertRows(parent, 0, len(rows) - 1)
            item.children = [_Item(r, item) for r in rows]
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.node(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.tr("{name}（{households}户 / {persons}人）").format(
                name=row.name, households=row.household_count, persons=row.person_count)
            return self.tr("{text}（已撤销）").format(text=text) if row.retired else text
        if role == Qt.ItemDataRole.ForegroundRole and row.retired:
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{shown(row.level_label)} · {shown(row.kind)} · {row.code}"
        if role == NODE_ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("网格")
        return None

    # -- drag and drop ----------------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        row = self.node(index)
        if row is not None and not row.retired:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME_TYPE]

    def mimeData(self, indexes: Sequence[Index]) -> QMimeData | None:
        rows = [self.node(i) for i in indexes if i.isValid()]
        if not rows:
            return None
        data = QMimeData()
        data.setData(NODE_MIME_TYPE, rows[0].id.encode("ascii"))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        """Only onto a node (not between two), only a grid node, only while someone handles the move."""
        target = self.node(parent)
        return (self.move_node is not None and action == Qt.DropAction.MoveAction and row == -1
                and target is not None and not target.retired and data.hasFormat(NODE_MIME_TYPE))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        node_id = bytes(data.data(NODE_MIME_TYPE).data()).decode("ascii")
        return self.move_node(node_id, self.node(parent).id)


def reveal(view: QTreeView, node_id: str) -> QModelIndex:
    """Open the branches above a node and make it the view's current item; invalid if it is not shown."""
    model = view.model()
    index = model.index_for(node_id)
    if index.isValid():
        parent = index.parent()
        while parent.isValid():
            view.expand(parent)
            parent = parent.parent()
        view.setCurrentIndex(index)
        view.scrollTo(index)
    return index

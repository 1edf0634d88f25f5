"""The grid tree as a Qt item model that loads each node's children only when it is expanded."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from gridapp.dto import GridNodeRow
from gridapp.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


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
        self._root = _Item(None, None)
        self._load(self._root)

    def reload(self) -> None:
        self.beginResetModel()
        self._root = _Item(None, None)
        self._load(self._root)
        self.endResetModel()

    def refresh_counts(self) -> None:
        """Re-read every loaded level; update counts in place, or rebuild when the tree's shape changed."""
        stack = [self._root]
        while stack:
            item = stack.pop()
            if not item.loaded:
                continue
            rows = self.ws.query.grid_children(item.row.id if item.row else None)
            if [r.id for r in rows] != [c.row.id for c in item.children]:
                self.reload()
                return
            for child, row in zip(item.children, rows, strict=True):
                child.row = row
                stack.append(child)
        if self._root.children:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._root.children) - 1, 0))
            self.layoutChanged.emit()

    def _load(self, item: _Item) -> None:
        rows = self.ws.query.grid_children(item.row.id if item.row else None)
        item.children = [_Item(r, item) for r in rows]
        item.loaded = True

    def _item(self, index: Index) -> _Item:
        return index.internalPointer() if index.isValid() else self._root

    def node(self, index: Index) -> GridNodeRow | None:
        return self._item(index).row

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
        rows = self.ws.query.grid_children(item.row.id if item.row else None)
        self.beginInsertRows(parent, 0, max(len(rows) - 1, 0))
        item.children = [_Item(r, item) for r in rows]
        item.loaded = True
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.node(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("{name}（{households}户 / {persons}人）").format(
                name=row.name, households=row.household_count, persons=row.person_count)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.level_label} · {row.kind} · {row.code}"
        if role == NODE_ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("网格")
        return None

"""A sortable table over a list of row DTOs (houses, places): a village or town holds a few thousand at
most, so the rows are kept whole and sorted in memory; rows that need attention are highlighted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ui.paged_table_model import column_header, record_cell

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    attr: str


class RecordTableModel(QAbstractTableModel):
    """Rows are dataclasses with an ``id``; ``alert(row)`` says which to highlight (D级 houses, 高 places)."""

    def __init__(self, columns: Sequence[Column], alert: Callable[[Any], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.alert = alert
        self._rows: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        """The row showing ``record_id``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def _apply_sort(self) -> None:
        if self._sort is not None:
            column, order = self._sort
            attr = self.columns[column].attr
            self._rows.sort(key=lambda r: getattr(r, attr), reverse=order == Qt.SortOrder.DescendingOrder)

    # -- QAbstractTableModel ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        return record_cell(row, role, self.alert, lambda: getattr(row, self.columns[index.column()].attr))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        return column_header([c.header for c in self.columns], section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()  # the selection follows its record, not its row number
        ids = [self._rows[i.row()].id for i in kept]
        self._sort = (column, order)
        self._apply_sort()
        self.changePersistentIndexList(kept, [self.index(self.row_of(rid), i.column())
                                              for rid, i in zip(ids, kept, strict=True)])
        self.layoutChanged.emit()

"""The household list: the model holds only row ids and fetches row data one page at a time, so a
county's 50,000 households open as fast as a village's 300."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from gridapp.dto import HouseholdFilter, HouseholdRow
from gridapp.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
MAX_PAGES = 20
ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Red and yellow households stand out in the list (三色 monitoring); green ones stay plain.
COLOUR_BACKGROUNDS = {"红": QColor(255, 205, 205), "黄": QColor(255, 240, 180)}

# (sort key understood by Queries.household_ids, header, row attribute)
COLUMNS = (
    ("number", "户号", "number"),
    ("head_name", "户主", "head_name"),
    (None, "户主身份证号", "head_id_number"),
    ("member_count", "人数", "member_count"),
    ("address", "地址", "address"),
    ("phone", "电话", "phone"),
    ("kind", "户类别", "kind"),
    ("colour", "监测", "colour"),
    (None, "所属网格", "grid_name"),
)


class HouseholdTableModel(QAbstractTableModel):
    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._ids: list[str] = []
        self._pages: OrderedDict[int, list[HouseholdRow]] = OrderedDict()
        self._scope: str | None = None
        self._filter = HouseholdFilter()
        self._sort = ("number", False)

    def set_scope(self, scope_id: str | None, flt: HouseholdFilter | None = None) -> None:
        self._scope = scope_id
        self._filter = flt or HouseholdFilter()
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._ids = self.ws.query.household_ids(self._scope, self._filter, *self._sort)
        self._pages.clear()
        self.endResetModel()

    def household_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, household_id: str) -> int:
        return self._ids.index(household_id)

    def _row(self, row: int) -> HouseholdRow | None:
        page = row // PAGE
        if page not in self._pages:
            ids = self._ids[page * PAGE:(page + 1) * PAGE]
            self._pages[page] = self.ws.query.household_rows(ids)
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        rows = self._pages[page]
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    # -- QAbstractTableModel ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            row = self._row(index.row())
            return COLOUR_BACKGROUNDS.get(row.colour) if row is not None else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(index.row())
        return None if row is None else getattr(row, COLUMNS[index.column()][2])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section][1])
        return section + 1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0]
        if key is None:
            return
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        self.refresh()

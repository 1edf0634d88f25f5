"""The household list: a PagedTableModel over the household query (row ids, rows one page at a time, a bounded
page cache), so a county's 50,000 households open as fast as a village's 300; red and yellow households stand
out (三色 monitoring)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from gridapp.dto import HouseholdFilter
from gridapp.i18n import shown
from gridapp.workspace import Workspace
from ui.paged_table_model import Index, PagedColumn, PagedTableModel

# Red and yellow households stand out in the list; green ones stay plain.
COLOUR_BACKGROUNDS = {"红": QColor(255, 205, 205), "黄": QColor(255, 240, 180)}

# (sort key understood by Queries.household_ids, header, row attribute, how its value is shown); code-table
# values are shown in the interface's language but sorted and filtered on the stored Chinese
COLUMNS = (
    ("number", QT_TRANSLATE_NOOP("HouseholdTableModel", "户号"), "number", None),
    ("head_name", QT_TRANSLATE_NOOP("HouseholdTableModel", "户主"), "head_name", None),
    (None, QT_TRANSLATE_NOOP("HouseholdTableModel", "户主身份证号"), "head_id_number", None),
    ("member_count", QT_TRANSLATE_NOOP("HouseholdTableModel", "人数"), "member_count", None),
    ("address", QT_TRANSLATE_NOOP("HouseholdTableModel", "地址"), "address", None),
    ("phone", QT_TRANSLATE_NOOP("HouseholdTableModel", "电话"), "phone", None),
    ("kind", QT_TRANSLATE_NOOP("HouseholdTableModel", "户类别"), "kind", shown),
    ("colour", QT_TRANSLATE_NOOP("HouseholdTableModel", "监测"), "colour", shown),
    (None, QT_TRANSLATE_NOOP("HouseholdTableModel", "所属网格"), "grid_name", None),
)


class HouseholdTableModel(PagedTableModel):
    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        self.ws = ws
        self._scope: str | None = None
        self._filter = HouseholdFilter()
        columns = [PagedColumn(QCoreApplication.translate("HouseholdTableModel", header), attr, sort, text)
                   for sort, header, attr, text in COLUMNS]
        super().__init__(columns, lambda sort, descending: ws.query.household_ids(self._scope, self._filter, sort,
                                                                                 descending),
                         ws.query.household_rows, sort=("number", False), parent=parent)

    def set_scope(self, scope_id: str | None, flt: HouseholdFilter | None = None) -> None:
        self._scope = scope_id
        self._filter = flt or HouseholdFilter()
        self.refresh()

    def household_id(self, row: int) -> str:
        return self.record_id(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            row = self.record(index.row())
            return COLOUR_BACKGROUNDS.get(row.colour) if row is not None else None
        return super().data(index, role)

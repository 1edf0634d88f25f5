"""A sortable list over row ids that fetches row DTOs one page at a time, so a county's 20,000 cases or
100,000 visits open as fast as a village's few hundred. The case list, the visit log, 房屋 and 场所 are
instances; what differs (the queries, the columns, which rows stand out) is passed in."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
MAX_PAGES = 20
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALERT_BACKGROUND = QColor("#f8d7da")
ALERT_FOREGROUND = QColor("#842029")


def record_cell(row: Any, role: int, alert: Callable[[Any], bool], text: Callable[[], Any]) -> Any:
    """One cell of a record list: its text, and the alert colours on rows that need attention (every list of
    records reads the same way)."""
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
        return text()
    if role == Qt.ItemDataRole.BackgroundRole and alert(row):
        return ALERT_BACKGROUND
    if role == Qt.ItemDataRole.ForegroundRole and alert(row):
        return ALERT_FOREGROUND
    return None


def column_header(headers: Sequence[str], section: int, orientation: Qt.Orientation, role: int) -> Any:
    """Column titles across the top, row numbers down the side."""
    if role != Qt.ItemDataRole.DisplayRole:
        return None
    return headers[section] if orientation == Qt.Orientation.Horizontal else section + 1


@dataclass(frozen=True)
class PagedColumn:
    """``sort`` is the query's sort key (None: not sortable); ``text`` turns the row attribute into text;
    ``sample`` is the widest usual content, which sets the column's width in the current font."""

    header: str
    attr: str
    sort: str | None = None
    text: Callable[[Any], str] | None = None
    sample: str = ""


def fit_columns(table: QTableView, samples: Sequence[str] | None = None) -> None:
    """Columns as wide as their samples or their headers as shown (translated: English headers are longer) in
    the table's font, so large-font mode and English cut nothing off; call again on a font change. ``samples``
    defaults to the paged model's column samples."""
    metrics, header = table.fontMetrics(), table.horizontalHeader()
    padding = 3 * metrics.averageCharWidth()
    model = table.model()
    if samples is None:
        samples = [column.sample for column in model.columns]
    for i, sample in enumerate(samples):
        shown = str(model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        text_width = max(metrics.horizontalAdvance(sample), header.fontMetrics().horizontalAdvance(shown))
        table.setColumnWidth(i, text_width + padding)


class PagedTableModel(QAbstractTableModel):
    """``fetch_ids(sort, descending)`` lists the matching ids; ``fetch_rows(ids)`` returns their rows in order;
    ``alert(row)`` says which rows to highlight (overdue cases)."""

    def __init__(self, columns: Sequence[PagedColumn], fetch_ids: Callable[[str, bool], list[str]],
                 fetch_rows: Callable[[list[str]], list[Any]], alert: Callable[[Any], bool] = lambda _row: False,
                 sort: tuple[str, bool] = ("", True), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.fetch_ids = fetch_ids
        self.fetch_rows = fetch_rows
        self.alert = alert
        self._sort = sort
        self._ids: list[str] = []
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._loaded = False  # sorting before the first refresh only sets the order it will use

    def refresh(self) -> None:
        self._loaded = True
        self.beginResetModel()
        self._ids = self.fetch_ids(*self._sort)
        self._pages.clear()
        self.endResetModel()

    def record_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, record_id: str) -> int:
        """The row showing ``record_id``, or -1."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def record(self, row: int) -> Any | None:
        page = row // PAGE
        if page not in self._pages:
            ids = self._ids[page * PAGE:(page + 1) * PAGE]
            self._pages[page] = _aligned(ids, self.fetch_rows(ids))
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
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        row = self.record(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]

        def text() -> Any:
            value = getattr(row, column.attr)
            return column.text(value) if column.text else value

        return record_cell(row, role, self.alert, text)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        return column_header([c.header for c in self.columns], section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort
        if key is None:
            return
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        if self._loaded:
            self.refresh()


def _aligned(ids: list[str], rows: list[Any]) -> list[Any]:
    """Rows put back under their own ids: a record gone between reading the ids and reading its page leaves its
    line empty instead of shifting its neighbours' data up a line (an action on a line must reach its record).
    Rows without an ``id`` (the due-visit list) are taken in the order given."""
    if not rows or not hasattr(rows[0], "id"):
        return rows
    by_id = {row.id: row for row in rows}
    return [by_id.get(record_id) for record_id in ids]

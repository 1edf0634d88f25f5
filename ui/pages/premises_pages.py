"""实有房屋 and 场所: the records of a grid subtree, filtered and sorted, opened in their forms and deleted to
the recycle bin. Both pages are the same page; they differ only in columns, filters, words and form. The lists
are paged (ui.paged_table_model): the query sorts and filters the ids, rows are read a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from gridapp import codes
from gridapp.changes import Changes, Table
from gridapp.dto import HouseRow, PlaceView
from gridapp.i18n import shown
from ui import messages
from ui.context import AppContext
from ui.forms.house_form import HouseForm
from ui.forms.place_form import PlaceForm, RecordForm
from ui.grid_tree_model import GridTreeModel
from ui.operations import run_write
from ui.paged_table_model import PagedColumn, PagedTableModel, fit_columns
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


@dataclass(frozen=True)
class Filter:
    """A combo above the list: ``key`` is the query's keyword, ``table`` the code table of its choices."""

    key: str
    title: str
    table: str


class PremisesPage(QWidget):
    """Scope tree on the left, the list on the right; subclasses supply what differs."""

    kind = ""  # the recycle bin's name for the records
    watched: tuple[str, ...] = ()  # tables whose changes alter the list

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tree_model = GridTreeModel(ctx.ws, self)
        self.tree = scope_tree(self.tree_model)
        self.tree.selectionModel().currentChanged.connect(self._node_selected)

        self.filters: dict[str, QComboBox] = {}
        columns = self._columns()
        self.model = PagedTableModel(columns, self._ids, self._read_rows, alert=self._alert,
                                     sort=(columns[0].sort, False), parent=self)
        self.table = record_table(self.model)
        self.table.doubleClicked.connect(lambda index: self.open_record(index.row()))

        filter_row = FlowLayout()
        for f in self._filters():
            combo = QComboBox()
            combo.addItem(self.tr("{title}：全部").format(title=f.title), None)
            for label in codes.labels(f.table):
                combo.addItem(shown(label), label)
            combo.currentIndexChanged.connect(self.refresh)
            self.filters[f.key] = combo
            filter_row.addWidget(combo)
        self.empty_hint = EmptyHint(self.table, self._empty_text(), self._no_match_text(),
                                    lambda: any(c.currentData() is not None for c in self.filters.values()))

        self.count_label = CountLabel()
        self.new_button = QPushButton(self._new_label())
        self.open_button = QPushButton(self.tr("打开"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.new_button.clicked.connect(self.new_record)
        self.open_button.clicked.connect(lambda: self.open_record(self.table.currentIndex().row()))
        self.delete_button.clicked.connect(self.delete_record)
        scoped_list_layout(self, self.tree, filter_row, self.table, self.count_label,
                           (self.new_button, self.open_button, self.delete_button))
        offer(ctx, "edit_premises", self.new_button, self.delete_button)
        ctx.bus.changed.connect(self.on_changes)
        select_first_node(self.tree, self.refresh)
        fit_columns(self.table)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            fit_columns(self.table)

    # -- what subclasses provide ------------------------------------------------------------------------------

    def _columns(self) -> list[PagedColumn]:
        """The list's columns; the first one sorts the list until a header is clicked."""
        raise NotImplementedError

    def _filters(self) -> list[Filter]:
        raise NotImplementedError

    def _alert(self, row: Any) -> bool:
        raise NotImplementedError

    def _read_ids(self, scope_id: str, sort: str, descending: bool, **filters: str | None) -> list[str]:
        raise NotImplementedError

    def _read_rows(self, ids: list[str]) -> list[Any]:
        raise NotImplementedError

    def _form(self, record_id: str | None, grid_id: str | None) -> RecordForm:
        raise NotImplementedError

    def _new_label(self) -> str:
        raise NotImplementedError

    def _count_text(self, scope: str, n: int) -> str:
        raise NotImplementedError

    def _confirm_text(self, row: Any) -> str:
        raise NotImplementedError

    def _empty_text(self) -> str:
        raise NotImplementedError

    def _no_match_text(self) -> str:
        raise NotImplementedError

    # -- behaviour --------------------------------------------------------------------------------------------

    def scope_id(self) -> str | None:
        node = self.tree_model.node(self.tree.currentIndex())
        return node.id if node else None

    def _ids(self, sort: str, descending: bool) -> list[str]:
        """The ids the list shows: the selected subtree's records under the filters, in the clicked order."""
        scope = self.scope_id()
        filters = {key: combo.currentData() for key, combo in self.filters.items()}
        return self._read_ids(scope, sort, descending, **filters) if scope else []

    def refresh(self) -> None:
        """Re-read the list, keeping the selected record selected."""
        current = self.current_id()
        self.model.refresh()
        if current:
            self.select_record(current)
        node = self.tree_model.node(self.tree.currentIndex())
        self.count_label.setText(self._count_text(node.name if node else self.tr("全部"), self.model.rowCount()))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.watched):
            self.refresh()
        if changes.touches(Table.GRID_NODES, Table.HOUSEHOLDS, Table.PERSONS):
            self.tree_model.refresh_counts()

    def current_id(self) -> str | None:
        row = self.table.currentIndex().row()
        return self.model.record_id(row) if 0 <= row < self.model.rowCount() else None

    def select_record(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def open_record(self, row: int) -> RecordForm | None:
        if not 0 <= row < self.model.rowCount():
            return None
        record_id = self.model.record_id(row)
        for form in self.findChildren(RecordForm):  # one window per record: raise the one already open
            if form.record_id == record_id and form.isVisible():
                form.raise_()
                form.activateWindow()
                return form
        return self._show(self._form(record_id, None))

    def new_record(self) -> RecordForm | None:
        scope = self.scope_id()
        if scope is None:
            ask_for_scope(self, self.tree)
            return None
        return self._show(self._form(None, scope))

    def delete_record(self) -> None:
        row = self.table.currentIndex().row()
        record = self.model.record(row) if 0 <= row < self.model.rowCount() else None
        if record is not None and messages.confirm(self, self._confirm_text(record)):
            ws, actor, kind = self.ctx.ws, self.ctx.actor, self.kind
            run_write(self.ctx, self, lambda: ws.recycle.delete(actor, kind, record.id))

    def _show(self, form: RecordForm) -> RecordForm:
        form.show()
        form.activateWindow()  # typing and Ctrl+S go to the new window straight away
        return form

    def _node_selected(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.refresh()


def _is(table: str, value: str, code: str) -> bool:
    item = codes.match(table, value)
    return item is not None and item.code == code


class HousesPage(PremisesPage):
    kind = "house"
    watched = (Table.HOUSES, Table.HOUSEHOLDS)

    def _columns(self) -> list[PagedColumn]:
        return [PagedColumn(self.tr("地址"), "address", "address", sample="幸福村12组123号附1"),
                PagedColumn(self.tr("用途"), "use", "use", shown, shown("出租")),
                PagedColumn(self.tr("结构"), "structure", "structure", shown, shown("砖木")),
                PagedColumn(self.tr("安全等级"), "safety_rating", "safety_rating", shown, shown("C级（局部危险）")),
                PagedColumn(self.tr("房主/房东"), "owner_name", "owner_name", sample="欧阳小明"),
                PagedColumn(self.tr("电话"), "owner_phone", "owner_phone", sample="13800001234"),
                PagedColumn(self.tr("居住户数"), "household_count", "household_count")]

    def _filters(self) -> list[Filter]:
        return [Filter("use", self.tr("用途"), "house_use"),
                Filter("safety_rating", self.tr("安全等级"), "safety_rating")]

    def _alert(self, row: HouseRow) -> bool:
        return _is("safety_rating", row.safety_rating, "D")

    def _read_ids(self, scope_id: str, sort: str, descending: bool, **filters: str | None) -> list[str]:
        return self.ctx.ws.query.house_ids(scope_id, sort=sort, descending=descending, **filters)

    def _read_rows(self, ids: list[str]) -> list[HouseRow]:
        return self.ctx.ws.query.house_rows(ids)

    def _form(self, record_id: str | None, grid_id: str | None) -> RecordForm:
        return HouseForm(self.ctx, record_id, grid_id, parent=self)

    def _new_label(self) -> str:
        return self.tr("新建房屋")

    def _count_text(self, scope: str, n: int) -> str:
        return self.tr("{scope}：共 {n} 处房屋").format(scope=scope, n=n)

    def _empty_text(self) -> str:
        return self.tr("这里还没有登记房屋。\n点下面的“新建房屋”，登记出租房、空置房和危房等。")

    def _no_match_text(self) -> str:
        return self.tr("没有符合条件的房屋。\n可以把上面的筛选改回“全部”。")

    def _confirm_text(self, row: HouseRow) -> str:
        text = self.tr("把房屋“{address}”移到回收站？可在回收站恢复。").format(address=row.address)
        if row.household_count:
            text += self.tr("\n这里还住着 {n} 户；住户的登记不会被删除。").format(n=row.household_count)
        return text


class PlacesPage(PremisesPage):
    kind = "place"
    watched = (Table.PLACES,)

    def _columns(self) -> list[PagedColumn]:
        return [PagedColumn(self.tr("名称"), "name", "name", sample="幸福村便民超市"),
                PagedColumn(self.tr("类型"), "type", "type", shown, shown("医疗机构")),
                PagedColumn(self.tr("地址"), "address", "address", sample="幸福村12组123号附1"),
                PagedColumn(self.tr("联系人"), "contact_name", "contact_name", sample="欧阳小明"),
                PagedColumn(self.tr("电话"), "contact_phone", "contact_phone", sample="13800001234"),
                PagedColumn(self.tr("风险等级"), "risk_level", "risk_level", shown)]

    def _filters(self) -> list[Filter]:
        return [Filter("type", self.tr("类型"), "place_type"), Filter("risk_level", self.tr("风险等级"), "risk_level")]

    def _alert(self, row: PlaceView) -> bool:
        return _is("risk_level", row.risk_level, "3")

    def _read_ids(self, scope_id: str, sort: str, descending: bool, **filters: str | None) -> list[str]:
        return self.ctx.ws.query.place_ids(scope_id, sort=sort, descending=descending, **filters)

    def _read_rows(self, ids: list[str]) -> list[PlaceView]:
        return self.ctx.ws.query.place_rows(ids)

    def _form(self, record_id: str | None, grid_id: str | None) -> RecordForm:
        return PlaceForm(self.ctx, record_id, grid_id, parent=self)

    def _new_label(self) -> str:
        return self.tr("新建场所")

    def _count_text(self, scope: str, n: int) -> str:
        return self.tr("{scope}：共 {n} 个场所").format(scope=scope, n=n)

    def _empty_text(self) -> str:
        return self.tr("这里还没有登记场所。\n点下面的“新建场所”，登记商店、饭店、学校、企业等。")

    def _no_match_text(self) -> str:
        return self.tr("没有符合条件的场所。\n可以把上面的筛选改回“全部”。")

    def _confirm_text(self, row: PlaceView) -> str:
        return self.tr("把场所“{name}”移到回收站？可在回收站恢复。").format(name=row.name)

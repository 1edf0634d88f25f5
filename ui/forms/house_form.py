"""实有房屋 form: the house, its owner or landlord, the rent details (only for 出租), and the households
living there — the one place a grid worker sees who lives in a rented house."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from gridapp.changes import Changes, Table
from gridapp.dto import HouseView
from gridapp.errors import UserError
from gridapp.services.premises import RENTED
from ui.forms.record_form import Field, RecordForm, Section

HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole


class HouseForm(RecordForm):
    def _what(self) -> str:
        return self.tr("房屋")

    def _sections(self) -> list[Section]:
        return [
            Section("house", self.tr("房屋"), (
                Field("address", self.tr("地址")),
                Field("use", self.tr("用途"), "code", "house_use", default="自住", required=True),
                Field("structure", self.tr("结构"), "code", "house_structure"),
                Field("area", self.tr("建筑面积（平方米）"), "number", hint=self.tr("例如 120.5")),
                Field("floors", self.tr("层数"), "number", hint=self.tr("例如 2")),
                Field("safety_rating", self.tr("安全等级"), "code", "safety_rating"),
            )),
            Section("owner", self.tr("房主 / 房东"), (
                Field("owner_name", self.tr("姓名")),
                Field("owner_phone", self.tr("电话")),
                Field("owner_id_number", self.tr("身份证号")),
            )),
            Section("rent", self.tr("出租情况（用途为“出租”时填写）"), (
                Field("rent_purpose", self.tr("出租用途"), hint=self.tr("例如 居住、生产经营")),
                Field("rent_start", self.tr("起租日期"), "date", hint=self.tr("例如 2024-03-01")),
                Field("rent_end", self.tr("止租日期"), "date", hint=self.tr("例如 2025-02-28")),
                Field("tenant_count", self.tr("租住人数"), "number"),
            )),
            Section("other", self.tr("其他"), (Field("notes", self.tr("备注"), "notes"),)),
        ]

    def _build_side(self, side: QVBoxLayout) -> None:
        self.households = QTableWidget(0, 3)
        self.households.setHorizontalHeaderLabels([self.tr("户号"), self.tr("户主"), self.tr("人数")])
        self.households.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.households.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.households.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.households.doubleClicked.connect(lambda index: self.open_household(index.row()))
        box = QGroupBox(self.tr("居住在这里的住户（双击打开）"))
        QVBoxLayout(box).addWidget(self.households)
        side.addWidget(box)
        self.widgets["use"].currentTextChanged.connect(self._enable_rent)
        self.ctx.bus.changed.connect(self._households_changed)

    def _service(self) -> Any:
        return self.ctx.ws.houses

    def _fetch(self, record_id: str) -> HouseView:
        return self.ctx.ws.query.house(record_id)

    def _title(self, view: HouseView) -> str:
        return view.address

    def _loaded(self, view: HouseView | None) -> None:
        self._enable_rent()
        rows = view.households if view else ()
        self.households.setRowCount(len(rows))
        for r, household in enumerate(rows):
            for c, text in enumerate((household.number, household.head_name, str(household.member_count))):
                item = QTableWidgetItem(text)
                item.setData(HOUSEHOLD_ID_ROLE, household.id)
                self.households.setItem(r, c, item)

    def _enable_rent(self) -> None:
        self.boxes["rent"].setEnabled(self.widgets["use"].value() == RENTED)

    def _households_changed(self, changes: Changes) -> None:
        """Someone moved a household in or out: refresh the list, leave the typed fields alone."""
        if not (self.record_id and changes.touches(Table.HOUSEHOLDS)):
            return
        try:
            view = self._fetch(self.record_id)
        except UserError:  # the house itself went to the recycle bin meanwhile
            return
        self._loaded(view)

    def open_household(self, row: int) -> None:
        item = self.households.item(row, 0)
        if item is not None:
            self.ctx.open_household(item.data(HOUSEHOLD_ID_ROLE), None)

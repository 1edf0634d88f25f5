"""回收站: everything deleted — households, persons, houses, places — restorable; nothing is ever erased."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp.changes import Changes
from gridapp.i18n import shown
from ui.context import AppContext
from ui.display import stored_moment_text
from ui.operations import run_write
from ui.widgets.empty_hint import EmptyHint

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class RecyclePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部"), None)
        for key, title, _table in ctx.ws.recycle.kinds():
            self.kind.addItem(shown(title), key)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("类别"), self.tr("内容"), self.tr("删除时间")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 420)
        self.empty_hint = EmptyHint(
            self.table, self.tr("回收站是空的。\n删除的住户、人员、房屋和场所都会先放到这里，需要时可以恢复。"),
            self.tr("回收站里没有这一类的内容。"), lambda: self.kind.currentData() is not None)
        self.count_label = QLabel()
        self.restore_button = QPushButton(self.tr("恢复"))
        self.restore_button.clicked.connect(self.restore_selected)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("显示：")))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.count_label)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("删除的内容都保留在这里，选中后点“恢复”即可找回。")), 1)
        bottom.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        ctx.bus.changed.connect(self.on_changes)
        self.refresh()

    def refresh(self) -> None:
        items = self.ctx.ws.recycle.items(self.kind.currentData())
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            for col, text in enumerate((item.detail, item.title, stored_moment_text(item.deleted_at))):
                cell = QTableWidgetItem(text)
                cell.setData(ITEM_ROLE, item)
                self.table.setItem(row, col, cell)
        self.count_label.setText(self.tr("共 {n} 项").format(n=len(items)))
        self.empty_hint.refresh()  # the filter may have changed while the list stayed empty

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*(table for _key, _title, table in self.ctx.ws.recycle.kinds())):
            self.refresh()

    def restore_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        item = self.table.item(row, 0).data(ITEM_ROLE)
        ws, actor = self.ctx.ws, self.ctx.actor
        run_write(self.ctx, self, lambda: ws.recycle.restore(actor, item.kind, item.id))

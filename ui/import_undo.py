"""Undoing an import from the program: the question asked first, and the list of recent imports (Excel sheets and
sync packages) with 撤销 — shown on the 同步 page; the Excel wizard and the sync import offer the same undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp.dto import ImportRow
from gridapp.i18n import shown
from ui import messages
from ui.context import AppContext
from ui.display import stored_moment_text
from ui.operations import Operation


def undo_import(ctx: AppContext, parent: QWidget | None, import_id: str, label: str,
                then: Callable[[Any], None] | None = None) -> bool:
    """Ask, then undo the import off the UI thread (its refusal, in words, comes as the usual message);
    returns whether the user agreed."""
    text = QCoreApplication.translate("RecentImports", "撤销“{label}”吗？\n\n这次导入新增的记录会删掉，改过的记录"
                                      "恢复成导入前的样子。如果导入之后又有人改过这些记录，程序不会覆盖，会说明原因。")
    if not messages.confirm(parent, text.format(label=label), QCoreApplication.translate("RecentImports", "撤销导入")):
        return False
    operation = Operation(ctx, parent, lambda _progress: ctx.ws.imports.undo(ctx.actor, import_id),
                          activity=QCoreApplication.translate("RecentImports", "正在撤销导入，请稍候…"))
    if then is not None:
        operation.success(then)
    operation.run()
    return True


class RecentImports(QWidget):
    """The latest imports the user may undo, newest first; 撤销 undoes the chosen one."""

    undone = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ImportRow] = []
        headers = [self.tr("时间"), self.tr("类别"), self.tr("内容"), self.tr("导入人"), self.tr("状态")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.undo_button = QPushButton(self.tr("撤销这次导入"))
        self.undo_button.clicked.connect(self.undo_selected)
        self.note = QLabel(self.tr("较小的导入可以在这里撤销；改动很多的导入在导入前备份了整个数据库，"
                               "要撤销请在“设置 → 备份”里恢复导入前的备份。"))
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._selected()

    def refresh(self) -> int:
        self.rows = self.ctx.ws.imports.recent(self.ctx.actor)
        self.table.setRowCount(len(self.rows))
        for r, imp in enumerate(self.rows):
            state = (self.tr("已撤销") if imp.undone else self.tr("可以撤销") if imp.journaled
                     else self.tr("只能恢复导入前的备份"))
            for c, text in enumerate((stored_moment_text(imp.at), shown(imp.kind_label), imp.label, imp.user_name, state)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self._selected()
        return len(self.rows)

    def chosen(self) -> ImportRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def _selected(self) -> None:
        imp = self.chosen()
        self.undo_button.setEnabled(imp is not None and not imp.undone)

    def undo_selected(self) -> None:
        imp = self.chosen()
        if imp is None or imp.undone:
            return
        if not imp.journaled:
            where = (self.tr("导入前备份的整个数据库（{path}）").format(path=imp.backup_path) if imp.backup_path
                     else self.tr("导入之前的一份备份"))
            messages.info(self, self.tr("“{label}”没有逐条留底（改动的记录很多，或是较早的导入），不能在这里撤销。"
                                        "要撤销，请在“设置 → 备份”里选{where}并点“恢复”。").format(label=imp.label, where=where),
                          self.tr("撤销导入"))
            return
        undo_import(self.ctx, self, imp.id, imp.label, lambda _outcome: (self.refresh(), self.undone.emit()))

"""The review half of the 同步 page: per-table counts of a package, the conflicts and duplicate persons a merge
left for a person to decide, and the sync history. Each panel re-reads its list from ``ws.sync`` on refresh."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp.i18n import shown
from gridapp.sync.dto import HISTORY_COUNTS, OUTCOME_LABELS, OUTCOMES, TableCounts
from ui import messages
from ui.context import AppContext
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.display import stored_moment_text
from ui.operations import run_write
from ui.punctuation import listed
from ui.widgets.empty_hint import EmptyHint

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def size_text(size: int) -> str:
    """A file size as an office worker reads it: 字节, KB, MB, GB."""
    if size < 1024:
        return QWidget.tr("{n} 字节").format(n=size)
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def list_table(headers: Sequence[str]) -> QTableWidget:
    """A read-only table that selects whole rows, the way every list on this page behaves."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_rows(table: QTableWidget, rows: Sequence[tuple[object, Sequence[str]]]) -> None:
    """(item, cell texts) per row; the item rides on every cell so a click anywhere finds it."""
    table.setRowCount(len(rows))
    for row, (item, texts) in enumerate(rows):
        for column, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            cell.setData(ITEM_ROLE, item)
            table.setItem(row, column, cell)
    table.resizeColumnsToContents()


def chosen(table: QTableWidget) -> object | None:
    cell = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
    return cell.data(ITEM_ROLE) if cell else None


class CountsTable(QTableWidget):
    """One row per table (and 合计) with a column per count: by default what an import does (new, updated,
    deleted, conflicts, duplicates, out of scope, unchanged)."""

    def __init__(self, keys: Sequence[str] = OUTCOMES, parent: QWidget | None = None) -> None:
        super().__init__(0, len(keys) + 1, parent)
        self.keys = tuple(keys)
        self.setHorizontalHeaderLabels([self.tr("数据"), *(shown(OUTCOME_LABELS[k], "sync") for k in self.keys)])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def show_counts(self, tables: Sequence[TableCounts], totals: TableCounts | None) -> None:
        rows = [t for t in tables if any(t.as_dict().values())]
        if totals is not None:
            rows.append(TableCounts("", self.tr("合计"), **totals.as_dict()))
        self.setRowCount(len(rows))
        for row, counts in enumerate(rows):
            self.setItem(row, 0, QTableWidgetItem(shown(counts.label)))
            for column, key in enumerate(self.keys, start=1):
                cell = QTableWidgetItem(str(getattr(counts, key)))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, cell)

    def count(self, label: str, outcome: str) -> int:
        """The number shown for one table (by its Chinese label) and outcome; 0 when the table is not listed."""
        column = self.keys.index(outcome) + 1
        return next((int(self.item(r, column).text()) for r in range(self.rowCount())
                     if self.item(r, 0).text() == label), 0)


class ConflictPanel(QWidget):
    """冲突: open conflicts; 处理… shows both versions side by side and saves the user's choice."""

    resolved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = list_table([self.tr("类别"), self.tr("记录"), self.tr("现在的版本来自"), self.tr("另一版本来自"),
                                 self.tr("不同的项目"), self.tr("发现时间")])
        self.table.doubleClicked.connect(lambda _index: self.resolve_selected())
        self.resolve_button = QPushButton(self.tr("处理…"))
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.empty = QLabel()
        bottom = QHBoxLayout()
        bottom.addWidget(self.empty, 1)
        bottom.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def refresh(self) -> int:
        conflicts = self.ctx.ws.sync.conflicts("open")
        fill_rows(self.table, [(c, (shown(c.table_label), c.title, c.kept_office_name, c.lost_office_name,
                                    listed(shown(f.label) for f in c.fields), stored_moment_text(c.detected_at)))
                               for c in conflicts])
        self.empty.setText(self.tr("同一条记录在两个单位都改过时列在这里，请选中后点“处理…”。") if conflicts
                           else self.tr("没有待处理的冲突。"))
        self.resolve_button.setEnabled(bool(conflicts))
        if conflicts:
            self.table.selectRow(0)
        return len(conflicts)

    def resolve_selected(self) -> None:
        conflict = chosen(self.table)
        if conflict is None:
            return
        office = self.ctx.ws.office.name if self.ctx.ws.office else ""
        dialog = ConflictDialog(conflict, office, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ws, actor, values = self.ctx.ws, self.ctx.actor, dialog.values()
        run_write(self.ctx, self, lambda: ws.sync.resolve_conflict(actor, conflict.id, values),
                  lambda _outcome: self.resolved.emit())


class DuplicatePanel(QWidget):
    """重复人员: one ID number held by two person records; merge into the one chosen, or 不是同一人."""

    resolved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = list_table([self.tr("身份证号"), self.tr("人员"), self.tr("发现时间")])
        self.persons = list_table([self.tr("姓名"), self.tr("住址"), self.tr("网格"), self.tr("登记单位"),
                                   self.tr("状态")])
        self.table.itemSelectionChanged.connect(self._show_persons)
        self.merge_button = QPushButton(self.tr("保留选中的人员并合并"))
        self.dismiss_button = QPushButton(self.tr("不是同一人"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.persons)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.merge_button)
        bottom.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def refresh(self) -> int:
        duplicates = self.ctx.ws.sync.duplicates("open")
        fill_rows(self.table, [(d, (d.id_number, self.tr("、").join(p.name for p in d.persons), stored_moment_text(d.detected_at)))
                               for d in duplicates])
        self.hint.setText(self.tr("同一个身份证号在不同单位登记成了两个人。在下面选中要保留的那条，再点“合并”；"
                                  "另一条的标签并入后移到回收站。") if duplicates else self.tr("没有疑似重复的人员。"))
        if duplicates:
            self.table.selectRow(0)
        self._show_persons()
        return len(duplicates)

    def _show_persons(self) -> None:
        duplicate = chosen(self.table)
        persons = duplicate.persons if duplicate else ()
        fill_rows(self.persons, [(p, (p.name, p.address, p.grid_name, p.office_name,
                                      self.tr("已删除") if p.deleted else self.tr("在册"))) for p in persons])
        if persons:
            self.persons.selectRow(0)
        self.merge_button.setEnabled(bool(persons))
        self.dismiss_button.setEnabled(bool(persons))

    def merge_selected(self) -> None:
        duplicate, person = chosen(self.table), chosen(self.persons)
        if duplicate is None or person is None:
            return
        if not messages.confirm(self, self.tr("保留“{name}”（{office}）这条记录，另一条并入后移到回收站。确定合并吗？")
                                .format(name=person.name, office=person.office_name)):
            return
        ws, actor = self.ctx.ws, self.ctx.actor
        run_write(self.ctx, self, lambda: ws.sync.merge_duplicate(actor, duplicate.id, person.person_id),
                  lambda _outcome: self.resolved.emit())

    def dismiss_selected(self) -> None:
        duplicate, ws, actor = chosen(self.table), self.ctx.ws, self.ctx.actor
        if duplicate is not None:
            run_write(self.ctx, self, lambda: ws.sync.dismiss_duplicate(actor, duplicate.id),
                      lambda _outcome: self.resolved.emit())


class HistoryPanel(QWidget):
    """同步记录: every package written or imported here — when, who, which file, with whom, what changed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = list_table([self.tr("时间"), self.tr("方向"), self.tr("操作人"), self.tr("对方单位"),
                                 self.tr("文件"), *(shown(OUTCOME_LABELS[k], "sync") for k in HISTORY_COUNTS)])
        self.details = CountsTable(HISTORY_COUNTS)
        self.table.itemSelectionChanged.connect(self._show_details)
        EmptyHint(self.table, self.tr("还没有同步过。\n插上U盘，在“导出”页点“导出到U盘”，就能把数据带给镇里或县里；"
                                      "收到的同步包在“导入”页导入。"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        QVBoxLayout(self).addWidget(splitter)

    def refresh(self) -> int:
        entries = self.ctx.ws.sync.history()
        fill_rows(self.table, [(e, (stored_moment_text(e.at), e.direction_label, e.user_name, e.office_name, e.file_name,
                                    *(str(getattr(e.totals, k)) for k in HISTORY_COUNTS))) for e in entries])
        self._show_details()
        return len(entries)

    def _show_details(self) -> None:
        entry = chosen(self.table)
        self.details.show_counts(entry.tables if entry else (), entry.totals if entry else None)

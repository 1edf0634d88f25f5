"""日志: who did what and when — changes, log-ins, ledgers, exports, sync packages — newest first, narrowed by user,
dates, kind and record. A double click opens the household, person or case an entry is about; 导出Excel writes
what the list shows (and that export is itself logged)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp import dto
from gridapp.errors import UserError
from gridapp.excel.ledger_export import export_xlsx
from gridapp.i18n import shown
from gridapp.ledgers import Column, LedgerData, Section
from ui import file_dialogs, messages
from ui.context import AppContext
from ui.display import stored_moment_text
from ui.operations import Operation
from ui.punctuation import clauses, label_value, listed
from ui.widgets.date_edit import DateEdit, period_box
from ui.widgets.flow_layout import flow_row

LIMIT = 1000  # entries shown at once; narrower filters find older ones
NAMESAKES = 5000  # persons of one name looked through to find the one an entry is about
HEADERS = (QT_TRANSLATE_NOOP("AuditPage", "时间"), QT_TRANSLATE_NOOP("AuditPage", "用户"),
           QT_TRANSLATE_NOOP("AuditPage", "操作"), QT_TRANSLATE_NOOP("AuditPage", "对象"),
           QT_TRANSLATE_NOOP("AuditPage", "详情"))
WIDTHS_MM = (32, 24, 24, 60, 120)  # the exported sheet's columns
# the words for what the core's entries carry in their detail; other keys are shown as they are
DETAIL_WORDS = {
    "fields": QT_TRANSLATE_NOOP("AuditPage", "改动"), "reason": QT_TRANSLATE_NOOP("AuditPage", "原因"),
    "username": QT_TRANSLATE_NOOP("AuditPage", "用户名"), "role": QT_TRANSLATE_NOOP("AuditPage", "角色"),
    "rows": QT_TRANSLATE_NOOP("AuditPage", "行数"), "file": QT_TRANSLATE_NOOP("AuditPage", "文件"),
    "scope": QT_TRANSLATE_NOOP("AuditPage", "范围"), "persons": QT_TRANSLATE_NOOP("AuditPage", "人数"),
    "households": QT_TRANSLATE_NOOP("AuditPage", "户数"), "records": QT_TRANSLATE_NOOP("AuditPage", "记录数"),
    "kind": QT_TRANSLATE_NOOP("AuditPage", "种类"), "ledger": QT_TRANSLATE_NOOP("AuditPage", "台账"),
    "title": QT_TRANSLATE_NOOP("AuditPage", "名称"), "format": QT_TRANSLATE_NOOP("AuditPage", "格式"),
    "masked": QT_TRANSLATE_NOOP("AuditPage", "遮挡身份证号和电话"), "full": QT_TRANSLATE_NOOP("AuditPage", "全量"),
    "office": QT_TRANSLATE_NOOP("AuditPage", "对方单位"), "seq": QT_TRANSLATE_NOOP("AuditPage", "序号"),
    "backup": QT_TRANSLATE_NOOP("AuditPage", "备份"), "value": QT_TRANSLATE_NOOP("AuditPage", "设置为"),
    "number": QT_TRANSLATE_NOOP("AuditPage", "户号"), "resolution": QT_TRANSLATE_NOOP("AuditPage", "处理结果"),
    "import": QT_TRANSLATE_NOOP("AuditPage", "导入文件"), "sheet": QT_TRANSLATE_NOOP("AuditPage", "工作表"),
    "scale": QT_TRANSLATE_NOOP("AuditPage", "规模"), "seed": QT_TRANSLATE_NOOP("AuditPage", "随机数"),
}


def headers() -> list[str]:
    return [QCoreApplication.translate("AuditPage", h) for h in HEADERS]


def detail_text(detail: dict[str, Any]) -> str:
    """An entry's detail in one line: 改动：name、phone；原因：…"""
    return clauses(label_value(_detail_word(key), _value_text(value)) for key, value in detail.items())


def _detail_word(key: str) -> str:
    return QCoreApplication.translate("AuditPage", DETAIL_WORDS[key]) if key in DETAIL_WORDS else key


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return QCoreApplication.translate("AuditPage", "是") if value else QCoreApplication.translate("AuditPage", "否")
    if isinstance(value, list | tuple):
        return listed(map(_value_text, value))
    if isinstance(value, dict):
        return listed(f"{k} {_value_text(v)}" for k, v in value.items())
    return str(value)


def row_texts(row: Any) -> tuple[str, str, str, str, str]:
    """One entry as the list and the exported sheet show it."""
    what = " ".join(t for t in (shown(row.table_label), row.record_label) if t)
    return (stored_moment_text(row.at), row.user_name, shown(row.action_label) or row.action, what,
            detail_text(row.detail or {}))


class AuditPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[Any] = []
        self.record_id: str | None = None
        self.user = QComboBox()
        self.user.setEditable(True)
        self.user.lineEdit().setPlaceholderText(self.tr("全部用户"))
        self.user.addItem("")
        self.user.addItems(self._user_names())
        self.user.setMinimumContentsLength(8)
        self.user.activated.connect(lambda _index: self.refresh())
        self.user.lineEdit().editingFinished.connect(self.refresh)
        self.date_from, self.date_to = DateEdit(), DateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText(self.tr("不限"))
            edit.editingFinished.connect(self.refresh)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类型"), None)
        for action, label in ctx.ws.query.audit_kinds():
            self.kind.addItem(shown(label), action)
        self.kind.currentIndexChanged.connect(lambda _index: self.refresh())
        self.record_label = QLabel()
        self.record_button = QPushButton(self.tr("只看选中的记录"))
        self.record_button.setToolTip(self.tr("只列出选中这一行所说的那条记录（某一户、某个人、某件事）的日志"))
        self.record_button.clicked.connect(self.filter_selected_record)
        self.all_records_button = QPushButton(self.tr("全部记录"))
        self.all_records_button.clicked.connect(lambda: self.set_record(None, ""))

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(headers())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.open_record(index.row()))
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("导出Excel…"))
        self.export_button.clicked.connect(self.export)

        user_box = QWidget()
        user_row = QHBoxLayout(user_box)
        user_row.setContentsMargins(0, 0, 0, 0)
        user_row.addWidget(QLabel(self.tr("用户：")))
        user_row.addWidget(self.user)
        record_box = QWidget()
        record_row = QHBoxLayout(record_box)
        record_row.setContentsMargins(0, 0, 0, 0)
        record_row.addWidget(self.record_label)
        record_row.addWidget(self.record_button)
        record_row.addWidget(self.all_records_button)
        filters = flow_row(user_box, period_box(self.tr("日期"), self.date_from, self.date_to), self.kind, record_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.set_record(None, "")

    def _user_names(self) -> list[str]:
        """Who may be picked: the accounts the user manages, by name (the log finds them by user name too),
        or none to pick from — a name can always be typed."""
        if not self.ctx.can("manage_users"):
            return []
        return [user.display_name or user.username for user in self.ctx.ws.users.users(self.ctx.actor)]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # log-ins, prints and exports are logged without a change on the bus

    def current_filter(self) -> Any:
        return dto.AuditFilter(user_name=self.user.currentText().strip() or None, date_from=self.date_from.value(),
                               date_to=self.date_to.value(), kind=self.kind.currentData(), record_id=self.record_id)

    def refresh(self) -> None:
        try:
            self.rows = self.ctx.ws.query.audit_entries(self.current_filter(), limit=LIMIT)
        except UserError as exc:
            self.rows = []
            self.count_label.setText(str(exc))
        else:
            self.count_label.setText(
                self.tr("只列出最近的 {n} 条，要看更早的请缩小筛选范围（用户、日期、类型）。").format(n=LIMIT)
                if len(self.rows) >= LIMIT else self.tr("共 {n} 条").format(n=len(self.rows)))
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row_texts(row)):
                item = QTableWidgetItem(text)
                item.setToolTip(text if c == len(HEADERS) - 1 else "")
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.export_button.setEnabled(bool(self.rows))

    def set_record(self, record_id: str | None, label: str) -> None:
        self.record_id = record_id
        self.record_label.setText(self.tr("记录：{label}").format(label=label) if record_id else self.tr("记录：全部"))
        self.all_records_button.setVisible(record_id is not None)
        if self.isVisible():
            self.refresh()

    def selected(self) -> Any | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def filter_selected_record(self) -> None:
        row = self.selected()
        if row is None or not row.record_id:
            messages.info(self, self.tr("请先在列表里点选一行有“对象”的日志。"))
            return
        self.set_record(row.record_id, row_texts(row)[3])

    def open_record(self, index: int) -> None:
        """The household or person (its household page), or the case, an entry is about."""
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        try:
            if row.table_name == "households":
                self.ctx.open_household(row.record_id, None)
            elif row.table_name == "persons":
                self._open_person(row)
            elif row.table_name == "cases":
                from ui.dialogs.case_window import show_case

                show_case(self.ctx, row.record_id, self)
            else:
                messages.info(self, self.tr("这一条日志说的不是住户、人员或事件，没有可以打开的记录。"))
        except UserError as exc:
            messages.error(self, str(exc))

    def _open_person(self, row: Any) -> None:
        """A person's household page, found through the search by the name the entry gives (张三（0012号 张三户）)."""
        name = row.record_label.split("（", 1)[0]
        hit = next((h for h in self.ctx.ws.search(name, limit=NAMESAKES) if h.person_id == row.record_id), None)
        if hit is None:
            messages.info(self, self.tr("找不到这个人员，可能已经删除，或不在您的工作范围内。"))
            return
        self.ctx.open_household(hit.household_id, hit.person_id)

    def export(self) -> None:
        path = file_dialogs.ask_save_path(self, self.tr("导出Excel"), f"操作日志-{self.ctx.ws.today():%Y%m%d}.xlsx",
                             "Excel (*.xlsx)")
        if not path:
            return
        ws, actor, rows, scope = self.ctx.ws, self.ctx.actor, [row_texts(r) for r in self.rows], self.filter_text()

        def write(_progress) -> int:
            export_xlsx(audit_ledger(ws, rows, scope, ws.today()), path)
            ws.audit.record(actor, "export", table="audit_log",
                            detail={"kind": "操作日志", "rows": len(rows), "file": Path(path).name, "scope": scope})
            return len(rows)

        self.export_button.setEnabled(False)
        Operation(self.ctx, self, write).success(lambda n: self._exported(path, n)) \
            .failure(self._export_failed).run()

    def _exported(self, path: str, n: int) -> None:
        self.refresh()
        self.count_label.setText(self.tr("已导出 {n} 条到：{path}").format(n=n, path=path))

    def _export_failed(self, exc: Exception) -> None:
        self.export_button.setEnabled(True)
        messages.failure(self, exc)

    def filter_text(self) -> str:
        """The filters as the sheet's 范围 line says them."""
        flt = self.current_filter()
        period = (f"{flt.date_from or '…'}至{flt.date_to or '…'}" if flt.date_from or flt.date_to
                  else self.tr("全部日期"))
        return "；".join((flt.user_name or self.tr("全部用户"), period, self.kind.currentText(),
                         self.record_label.text()))


def audit_ledger(ws: Any, rows: list[tuple[str, ...]], scope: str, today: date) -> LedgerData:
    """The listed entries as a one-table ledger, so they export like every other list."""
    office = ws.office.name if ws.office else ""
    columns = tuple(Column(header, width) for header, width in zip(headers(), WIDTHS_MM, strict=True))
    return LedgerData("audit", "操作日志", office, scope, today, "landscape",
                      (Section("操作日志", columns=columns, rows=tuple(rows)),))

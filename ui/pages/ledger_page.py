"""台账: choose a ledger and a grid node (and 起止日期 for the 事件 and 走访 ledgers), generate it in the
background, preview it here, print it through the system's print dialog, or save it as PDF or Excel."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDir, QModelIndex, QPointF, QRectF, QSizeF, Qt, QTemporaryDir
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gridapp import ledgers
from gridapp.changes import Changes, Table
from gridapp.errors import UserError, cannot_write
from gridapp.excel.ledger_export import export_xlsx
from gridapp.file_names import safe_name
from gridapp.i18n import shown
from ui import messages
from ui.context import AppContext
from ui.grid_tree_model import GridTreeModel
from ui.widgets.date_edit import DateEdit, checked
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.flow_layout import flow_row
from ui.widgets.progress_panel import ProgressPanel
from ui.widgets.scoped_list import no_grid_text, select_first_node, tree_splitter

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
PERIOD_ROLE = Qt.ItemDataRole.UserRole + 2


def ask_save_path(parent: QWidget, title: str, suggested: str, pattern: str) -> str:
    """The file the user wants to write (empty when cancelled); tests replace this."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return path


class LedgerPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._previews: QTemporaryDir | None = None  # made at the first preview, removed with the page
        self.pdf_path: Path | None = None

        self.kinds = QListWidget()
        for kind in ledgers.ledger_kinds():
            item = QListWidgetItem(shown(kind.title))  # the ledger itself prints in Chinese
            item.setData(KIND_ROLE, kind.key)
            item.setData(PERIOD_ROLE, kind.period)
            item.setToolTip(shown(kind.description))
            self.kinds.addItem(item)
        self.kinds.setCurrentRow(0)
        self.tree_model = GridTreeModel(ctx.ws, self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        select_first_node(self.tree, lambda: None)
        EmptyHint(self.tree, no_grid_text())
        ctx.bus.changed.connect(self.on_changes)
        self.mask = QCheckBox(self.tr("隐藏身份证号和电话的中间几位"))
        if not ctx.can("print_private"):  # this role prints masked only
            self.mask.setChecked(True)
            self.mask.setEnabled(False)
        self.date_from, self.date_to = DateEdit(), DateEdit()
        for edit, day in zip((self.date_from, self.date_to), ledgers.calendar_year(ctx.ws.today()), strict=True):
            edit.set_value(day)
            edit.textChanged.connect(lambda _text: self._forget_preview())
        self.period_box = QWidget()
        dates = QHBoxLayout(self.period_box)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(QLabel(self.tr("起止日期：")))
        dates.addWidget(checked(self.date_from), 1)
        dates.addWidget(QLabel(self.tr("至")))
        dates.addWidget(checked(self.date_to), 1)

        self.generate_button = QPushButton(self.tr("生成预览"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.pdf_button = QPushButton(self.tr("另存为PDF…"))
        self.excel_button = QPushButton(self.tr("导出Excel…"))
        self.work = ProgressPanel(ctx.tasks)
        self.status = self.work.status  # what is being made while it runs, what came of it afterwards
        self.status.setText(self.tr("请选择台账和范围，然后点“生成预览”。"))
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.excel_button.clicked.connect(self.save_excel)

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("台账：")))
        column.addWidget(self.kinds, 2)
        column.addWidget(QLabel(self.tr("范围：")))
        column.addWidget(self.tree, 3)
        column.addWidget(self.period_box)
        column.addWidget(self.mask)
        column.addWidget(self.generate_button)
        buttons = flow_row(self.print_button, self.pdf_button, self.excel_button)
        right = QWidget()
        preview = QVBoxLayout(right)
        preview.setContentsMargins(0, 0, 0, 0)
        preview.addWidget(self.view, 1)
        preview.addWidget(self.work)
        preview.addLayout(buttons)
        QVBoxLayout(self).addWidget(tree_splitter(left, right, self.tree))
        self.kinds.currentRowChanged.connect(lambda _row: self._kind_changed())
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._forget_preview())
        self.mask.toggled.connect(lambda _on: self._forget_preview())
        self._kind_changed()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Table.GRID_NODES, Table.HOUSEHOLDS, Table.PERSONS):
            self.tree_model.refresh_counts()

    # -- what is chosen -----------------------------------------------------------------------------------------

    def kind(self) -> str:
        return self.kinds.currentItem().data(KIND_ROLE)

    def choose(self, key: str, period: tuple[date, date] | None = None) -> None:
        """Select the ledger ``key`` (and the period it covers), as another page asks to print it."""
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(KIND_ROLE) == key:
                self.kinds.setCurrentRow(row)
        if period is not None:
            for edit, day in zip((self.date_from, self.date_to), period, strict=True):
                edit.set_value(day)

    def uses_period(self) -> bool:
        return bool(self.kinds.currentItem().data(PERIOD_ROLE))

    def period(self) -> tuple[date, date] | None:
        """The 起止日期 typed for a period ledger; None for the others or when a date cannot be read (the
        field then says why)."""
        if not self.uses_period():
            return None
        first, last = self.date_from.value(), self.date_to.value()
        if self.date_from.check() or self.date_to.check() or first is None or last is None:
            return None
        return first, last

    def _period_ready(self) -> bool:
        """False, after saying so, when a period ledger's 起止日期 cannot be read."""
        if self.uses_period() and self.period() is None:
            messages.error(self, self.tr("请填写起止日期，例如 2026-01-01 至 2026-12-31。"))
            return False
        return True

    def scope_id(self) -> str | None:
        node = self.tree_model.node(self.tree.currentIndex())
        return node.id if node else None

    def select_scope(self, index: QModelIndex) -> None:
        self.tree.setCurrentIndex(index)

    def _file_stem(self) -> str:
        node = self.tree_model.node(self.tree.currentIndex())
        name = f"{self.kinds.currentItem().text()}-{node.name if node else ''}-{self.ctx.ws.today():%Y%m%d}"
        return safe_name(name, self.kinds.currentItem().text())

    # -- generating in the background -------------------------------------------------------------------------

    def generate(self) -> None:
        scope = self.scope_id()
        if scope is None:
            messages.error(self, self.tr("请先在“范围”里选择一个网格。"))
            return
        if not self._period_ready():
            return
        period = self.period()
        self._forget_preview()
        target = self._preview_folder() / f"{self.kind()}-{self.ctx.ws.generation}.pdf"
        kind, mask, ws = self.kind(), self.mask.isChecked(), self.ctx.ws
        self._set_busy(True)
        self.work.run(self.tr("正在生成，请稍候…"),
                      lambda progress: ledgers.render_pdf(ws, kind, scope, target, mask=mask, period=period,
                                                          progress=progress),
                      lambda pages: self._generated(target, pages), self._failed)

    def _preview_folder(self) -> Path:
        if self._previews is None:
            self._previews = QTemporaryDir(QDir.tempPath() + "/gridapp-ledger-XXXXXX")
            self.destroyed.connect(self._previews.remove)
        return Path(self._previews.path())

    def _generated(self, path: Path, pages: int) -> None:
        self.pdf_path = path
        self._set_busy(False)
        self.document.load(str(path))
        self.status.setText(self.tr("已生成，共 {pages} 页。可以打印或另存。").format(pages=pages))

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, ledgers.Cancelled):
            self.status.setText(self.tr("已取消。"))
            return
        text = self.work.failure_text(exc)
        self.status.setText(text)
        if isinstance(exc, UserError):
            messages.error(self, text)

    def _kind_changed(self) -> None:
        self.period_box.setEnabled(self.uses_period())
        self._forget_preview()

    def _forget_preview(self) -> None:
        self.pdf_path = None
        self.document.close()
        self._set_busy(self.work.busy())

    def _set_busy(self, busy: bool) -> None:
        ready = self.pdf_path is not None and not busy
        self.generate_button.setEnabled(not busy)
        self.print_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)
        self.excel_button.setEnabled(not busy)

    # -- output -------------------------------------------------------------------------------------------------

    def save_pdf(self) -> None:
        path = ask_save_path(self, self.tr("另存为PDF"), f"{self._file_stem()}.pdf", "PDF (*.pdf)")
        if path and self.pdf_path is not None:
            try:
                shutil.copyfile(self.pdf_path, path)
            except OSError as exc:
                messages.error(self, str(cannot_write(path, exc)))
                return
            self.status.setText(self.tr("已保存：{path}").format(path=path))

    def save_excel(self) -> None:
        scope = self.scope_id()
        if scope is None:
            messages.error(self, self.tr("请先在“范围”里选择一个网格。"))
            return
        if not self._period_ready():
            return
        period = self.period()
        path = ask_save_path(self, self.tr("导出Excel"), f"{self._file_stem()}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        kind, mask, ws = self.kind(), self.mask.isChecked(), self.ctx.ws
        self._set_busy(True)
        self.work.run(self.tr("正在导出，请稍候…"),
                      lambda _progress: export_xlsx(ledgers.build_ledger(ws, kind, scope, mask=mask, period=period),
                                                    path),
                      lambda _result: self._exported(path), self._failed, can_cancel=False)

    def _exported(self, path: str) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("已导出：{path}").format(path=path))

    def print_preview(self) -> None:
        if self.document.pageCount() == 0:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Render each page as an image at the printer's resolution, scaled to fit the paper."""
        painter = QPainter(printer)
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                area = QRectF(painter.viewport())
                size = self.document.pagePointSize(page)
                scale = min(area.width() / size.width(), area.height() / size.height())
                target = QSizeF(size.width() * scale, size.height() * scale)
                image = self.document.render(page, target.toSize())
                painter.drawImage(QRectF(QPointF(0, 0), target), image)
        finally:
            painter.end()

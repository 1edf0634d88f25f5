"""从Excel导入: the wizard that walks an office through file → sheet and header → columns → check → import.

The file may be any spreadsheet a village holds: .xlsx, .xls (also WPS's), .ods or .csv.

Each step calls one function of gridapp.excel.importer; reading, checking and importing run on the task runner
with a progress bar and a cancel button, so a county-size sheet never freezes the window. Nothing is written
before the last step, and the last step is one transaction after a backup (a big sheet) or with an undo journal
(a small one: its 撤销这次导入 puts the database back as it was).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from gridapp.errors import UserError
from gridapp.excel import importer
from ui import file_dialogs, messages
from ui.context import AppContext
from ui.dialogs import label_wizard
from ui.dialogs.choose_node_dialog import ChooseNodeDialog
from ui.import_undo import undo_import
from ui.operations import Operation
from ui.punctuation import bracketed, listed
from ui.widgets.progress_panel import ProgressPanel
from ui.window_geometry import fit_to_screen

PREVIEW_ROWS = 30  # rows of the sheet shown while choosing the header
SAMPLES = 3  # example values shown next to each column

translate = QCoreApplication.translate  # for the module's helpers, which have no self to ask


class ImportWizard(QWizard):
    def __init__(self, ctx: AppContext, grid_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.grid_id = grid_id
        self.path: Path | None = None
        self.sheets: list[importer.SheetInfo] = []
        self.sheet: importer.Sheet | None = None
        self.mapping: importer.ColumnMapping | None = None
        self.plan: importer.ImportPlan | None = None
        self.result: importer.ImportResult | None = None
        self.setWindowTitle(self.tr("从Excel导入人口信息"))
        label_wizard(self, commit=self.tr("开始导入"))
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.apply_page = ApplyPage(self)
        for page in (self.file_page, self.sheet_page, self.mapping_page, self.check_page, self.apply_page):
            self.addPage(page)
        metrics = self.fontMetrics()  # sized in text units, so large-font mode gets a larger window
        fit_to_screen(self, QSize(metrics.averageCharWidth() * 120, metrics.height() * 36))

    def reject(self) -> None:
        if self.apply_page.work.busy():  # the import decides itself whether it finished or rolled back
            messages.info(self, self.tr("正在导入，请稍候。要停止，请点进度条旁的“取消”，等它撤销完毕。"))
            return
        for page in (self.file_page, self.sheet_page, self.check_page):
            page.work.drop()
        super().reject()

    def save_error_report(self, result: importer.ImportResult) -> None:
        stem = Path(result.file).stem
        path = file_dialogs.ask_save_path(self, self.tr("保存问题清单"), f"{stem}-问题清单.xlsx", xlsx_pattern())
        if not path:
            return
        try:
            importer.write_error_report(result, path)
        except UserError as exc:
            messages.error(self, str(exc))
            return
        messages.info(self, self.tr("问题清单已保存到 {path}。\n改正表中标出的行后，可以再次导入同一个文件。")
                      .format(path=path))


class FilePage(QWizardPage):
    """Step 1: the spreadsheet file, and the blank template an office can hand out."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第1步：选择表格文件"))
        self.setSubTitle(self.tr("选择村里现有的人口登记表（Excel、WPS或CSV表格）。导入前会先检查，确认后才写入数据库。"))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("点“浏览…”选择文件"))
        self.path_edit.textChanged.connect(self._path_changed)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        self.browse_button = browse
        self.template_button = QPushButton(self.tr("保存空白模板…"))
        self.template_button.clicked.connect(self.save_template)
        self.error = QLabel()
        self.error.setObjectName("inlineError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.work = ProgressPanel(wizard.ctx.tasks)
        hint = QLabel(self.tr("可以导入 .xlsx、.xls、.ods 和 .csv 文件（WPS表格的 .et 文件请先“另存为” .xlsx）。"
                              "还没有表格？可以先保存一份空白模板，发给各网格员按模板填写。"))
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.work)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(hint)
        layout.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignLeft)

    def browse(self) -> None:
        path = file_dialogs.ask_open_path(self, self.tr("选择要导入的表格文件"), spreadsheet_pattern())
        if path:
            self.path_edit.setText(path)

    def save_template(self) -> None:
        path = file_dialogs.ask_save_path(self, self.tr("保存空白模板"), self.tr("人口信息导入模板.xlsx"),
                                          xlsx_pattern())
        if not path:
            return
        try:
            importer.write_template(path)
        except UserError as exc:
            messages.error(self, str(exc))
            return
        messages.info(self, self.tr("空白模板已保存到 {path}。").format(path=path))

    def isComplete(self) -> bool:
        return self.wiz.path is not None and not self.work.busy()

    def validatePage(self) -> bool:
        return self.isComplete()  # also when the page is left by a key or by code, not the enabled button

    def _path_changed(self) -> None:
        """Open the chosen file in the background (a county-size workbook takes a while) and list its sheets."""
        self.error.clear()
        self.wiz.path = None
        self.wiz.sheets = []
        self.work.drop()
        text = self.path_edit.text().strip()
        if text:
            path = Path(text)
            self.work.run(self.tr("正在打开文件…"), lambda _progress: importer.list_sheets(path),
                          lambda sheets: self._opened(path, sheets), self._failed)
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self.error.setText(self.work.failure_text(exc))

    def _opened(self, path: Path, sheets: list[importer.SheetInfo]) -> None:
        self.wiz.path, self.wiz.sheets = path, sheets
        self.completeChanged.emit()


class SheetPage(QWizardPage):
    """Step 2: which worksheet, and which row is the header (found automatically, correctable)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第2步：工作表和表头"))
        self.setSubTitle(self.tr("程序已自动找到表头所在的行（加粗显示）。如果不对，请改“表头在第几行”。"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentIndexChanged.connect(self.load)
        self.header_spin = QSpinBox()
        self.header_spin.setMinimum(1)
        self.header_spin.valueChanged.connect(self._header_changed)
        self.table = _table()
        self.work = ProgressPanel(wizard.ctx.tasks)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        form = QHBoxLayout()
        form.addWidget(QLabel(self.tr("工作表：")))
        form.addWidget(self.sheet_combo, 1)
        form.addSpacing(20)
        form.addWidget(QLabel(self.tr("表头在第")))
        form.addWidget(self.header_spin)
        form.addWidget(QLabel(self.tr("行")))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.work)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for info in self.wiz.sheets:
            rows = self.tr("约 {n} 行").format(n=info.rows) if info.rows else self.tr("行数未知")
            self.sheet_combo.addItem(bracketed(info.name, rows), info.name)
        best = max(range(len(self.wiz.sheets)), key=lambda i: self.wiz.sheets[i].header_score, default=0)
        self.sheet_combo.setCurrentIndex(best)
        self.sheet_combo.blockSignals(False)
        self.load()

    def load(self) -> None:
        name, path = self.sheet_combo.currentData(), self.wiz.path
        self.wiz.sheet = None
        self.error.clear()
        self.table.clear()
        self.completeChanged.emit()
        self.work.run(self.tr("正在读取工作表…"), lambda progress: importer.read_sheet(path, name, progress),
                      self._loaded, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.error.setText(self.work.failure_text(exc))

    def _loaded(self, sheet: importer.Sheet) -> None:
        self.wiz.sheet = sheet
        self.header_spin.blockSignals(True)
        self.header_spin.setMaximum(sheet.rows[-1].number)
        self.header_spin.setValue(sheet.header_row)
        self.header_spin.blockSignals(False)
        self.work.status.setText(self.tr("共 {n} 行有人员数据。").format(n=len(sheet.data_rows)))
        self._show_rows()
        self.completeChanged.emit()

    def _header_changed(self, row: int) -> None:
        if self.wiz.sheet is None:
            return
        try:
            self.wiz.sheet = self.wiz.sheet.with_header(row)
        except UserError as exc:
            self.error.setText(str(exc))
            self.completeChanged.emit()
            return
        self.error.clear()
        self.work.status.setText(self.tr("共 {n} 行有人员数据。").format(n=len(self.wiz.sheet.data_rows)))
        self._show_rows()
        self.completeChanged.emit()

    def _show_rows(self) -> None:
        sheet = self.wiz.sheet
        assert sheet is not None
        rows = sheet.rows[:PREVIEW_ROWS]
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(max((len(r.values) for r in rows), default=0))
        self.table.setHorizontalHeaderLabels([_column_letter(i) for i in range(self.table.columnCount())])
        self.table.setVerticalHeaderLabels([str(r.number) for r in rows])
        bold = QFont(self.table.font())
        bold.setBold(True)
        for i, row in enumerate(rows):
            for j, value in enumerate(row.values):
                item = QTableWidgetItem(_text(value))
                if row.number == sheet.header_row:
                    item.setFont(bold)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        widest = self.table.fontMetrics().horizontalAdvance("0" * 22)  # an ID number shows whole, a title not
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))

    def isComplete(self) -> bool:
        return self.wiz.sheet is not None and not self.error.text()


class MappingPage(QWizardPage):
    """Step 3: which column is which (proposed from the headers or from the last file of the same layout)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第3步：核对各列对应的内容"))
        self.setSubTitle(self.tr("每一列导入为哪一项，程序已按表头自动对应。不对的请在右边改；不需要的列选“不导入”。"))
        self.fields = importer.fields()
        self.table = _table()
        self.table.setColumnCount(4)
        self.table.setHorizontalHeaderLabels([self.tr("列"), self.tr("表头"), self.tr("示例"), self.tr("导入为")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.combos: list[QComboBox] = []
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        sheet = self.wiz.sheet
        assert sheet is not None
        mapping = importer.propose_mapping(self.wiz.ctx.ws, sheet.headers)
        self.wiz.mapping = mapping
        self.table.setRowCount(len(sheet.headers))
        self.combos = []
        for column, header in enumerate(sheet.headers):
            samples = [_text(r.values[column]) for r in sheet.data_rows[:20] if column < len(r.values)]
            samples = [s for s in samples if s][:SAMPLES]
            for j, text in enumerate((_column_letter(column), header, listed(samples))):
                self.table.setItem(column, j, QTableWidgetItem(text))
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.addItem(self.tr("不导入"), None)
            for field in self.fields:
                combo.addItem(self.tr("{title}（必填）").format(title=field.title) if field.required else field.title,
                              field.key)
            combo.currentIndexChanged.connect(lambda _i, c=column, box=combo: self._changed(c, box.currentData()))
            self.table.setCellWidget(column, 3, combo)
            self.combos.append(combo)
        for column in (0, 1, 3):
            self.table.resizeColumnToContents(column)
        self._show_mapping()

    def _changed(self, column: int, key: str | None) -> None:
        assert self.wiz.mapping is not None
        self.wiz.mapping.set(column, key)
        self._show_mapping()

    def _show_mapping(self) -> None:
        mapping = self.wiz.mapping
        assert mapping is not None
        for column, combo in enumerate(self.combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(mapping.columns.get(column)), 0))
            combo.blockSignals(False)
        missing = mapping.missing()
        if missing:
            self.status.setText(self.tr("还缺少必填的列：{names}。请在右边指定哪一列是它们。")
                                .format(names=listed(missing)))
            self.status.setStyleSheet("color: #b00020;")
        else:
            note = self.tr("已沿用上次导入同样格式的表时的对应。") if mapping.remembered else ""
            if mapping.checks_only:
                note += self.tr("表中没有“与户主关系”列，只能核对、更新已登记的人，不能新登记。")
            self.status.setText(note + self.tr("共 {n} 列将导入。").format(n=len(mapping.columns)))
            self.status.setStyleSheet("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.mapping is not None and not self.wiz.mapping.missing()


class CheckPage(QWizardPage):
    """Step 4: the dry run — what would be created, updated, skipped and refused, and why."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第4步：检查"))
        self.setSubTitle(self.tr("下面是导入后会发生的变化，数据库现在还没有任何改动。"
                                 "有问题的行可以保存成问题清单，改好后再导入。"))
        self.setCommitPage(True)
        self.grid_id = wizard.grid_id
        self.grid_label = QLabel()
        self.grid_button = QPushButton(self.tr("选择网格…"))
        self.grid_button.clicked.connect(self.choose_grid)
        self.policy_group = QButtonGroup(self)
        self.policy_buttons: dict[str, QRadioButton] = {}
        policy_box = QVBoxLayout()
        choices = (("ask", self.tr("列出来，由我逐个处理（不改动已登记的人）")),
                   ("update", self.tr("按表中内容更新已登记的人")),
                   ("skip", self.tr("跳过，保留已登记的内容")))
        for key, label in choices:
            button = QRadioButton(label)
            self.policy_group.addButton(button)
            self.policy_buttons[key] = button
            policy_box.addWidget(button)
        self.policy_buttons["ask"].setChecked(True)
        self.policy_group.buttonToggled.connect(lambda _b, on: on and self.check())
        self.missing_grids = QLabel()
        self.missing_grids.setWordWrap(True)
        self.create_grids = QCheckBox(self.tr("在本单位下新建这些网格"))
        self.create_grids.setToolTip(self.tr("选择了“导入到网格”时，新网格建在那个网格下面。"))
        self.create_grids.toggled.connect(lambda _on: self.check())
        self.work = ProgressPanel(wizard.ctx.tasks)
        self.counts = _counts_table()
        self.problems = _problems_table()
        self.report_button = QPushButton(self.tr("保存问题清单…"))
        self.report_button.clicked.connect(lambda: self.wiz.plan and self.wiz.save_error_report(self.wiz.plan.result))
        options = QGridLayout()
        options.addWidget(QLabel(self.tr("导入到网格：")), 0, 0)
        options.addWidget(self.grid_label, 0, 1)
        options.addWidget(self.grid_button, 0, 2)
        options.addWidget(QLabel(self.tr("已登记过的人：")), 1, 0, Qt.AlignmentFlag.AlignTop)
        options.addLayout(policy_box, 1, 1, 1, 2)
        options.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.missing_grids)
        layout.addWidget(self.create_grids)
        layout.addWidget(self.work)
        layout.addWidget(self.counts)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._show_missing_grids([])

    def policy(self) -> str:
        return next(key for key, button in self.policy_buttons.items() if button.isChecked())

    def initializePage(self) -> None:
        self._show_grid()
        self.create_grids.blockSignals(True)
        self.create_grids.setChecked(False)  # new grids only when asked for this file
        self.create_grids.blockSignals(False)
        self.check()

    def choose_grid(self) -> None:
        dialog = ChooseNodeDialog(self.wiz.ctx.ws, self.tr("导入到网格"),
                                  self.tr("表中没有填写“所属网格”的人，导入到哪个网格？"), start_id=self.grid_id,
                                  parent=self)
        if dialog.exec() and dialog.chosen() is not None:
            self.grid_id = dialog.chosen().id
            self._show_grid()
            self.check()

    def _show_grid(self) -> None:
        mapping = self.wiz.mapping
        has_column = mapping is not None and mapping.column_of("grid") is not None
        name = " / ".join(self.wiz.ctx.ws.query.grid_node(self.grid_id).path_names) if self.grid_id else self.tr("（未选择）")
        prefix = self.tr("按表中“所属网格”列；没填的导入到 ") if has_column else ""
        self.grid_label.setText(prefix + name)

    def check(self) -> None:
        wiz = self.wiz
        sheet, mapping = wiz.sheet, wiz.mapping
        options = importer.ImportOptions(self.grid_id, self.policy(), self.create_grids.isChecked())
        wiz.plan = None
        self.report_button.setEnabled(False)
        self.completeChanged.emit()
        self.work.run(self.tr("正在检查每一行…"),
                      lambda progress: importer.dry_run(wiz.ctx.ws, sheet, mapping, options, progress),
                      self._checked, lambda exc: self.work.status.setText(self.work.failure_text(exc)))

    def _checked(self, plan: importer.ImportPlan) -> None:
        self.wiz.plan = plan
        result = plan.result
        _fill_counts(self.counts, result)
        _fill_problems(self.problems, result)
        self._show_missing_grids(result.missing_grids)
        self.report_button.setEnabled(bool(result.refused or result.needs_decision or result.skipped))
        self.work.status.setText(_summary(self, result, applied=False))
        self.completeChanged.emit()

    def _show_missing_grids(self, grids: list[importer.NewGrid]) -> None:
        """The grids the sheet names that do not exist, with where they would be created; the box stays while
        it is ticked, so the user can always untick it."""
        shown = bool(grids) or self.create_grids.isChecked()
        self.missing_grids.setVisible(shown)
        self.create_grids.setVisible(shown)
        names = "；".join(self.tr("{parent} / {name}（表中{rows}行）").format(parent=g.parent, name=g.name, rows=g.rows)
                         for g in grids)
        self.missing_grids.setText(self.tr("表中“所属网格”写的这些网格还不存在：{names}。"
                                           "不新建的话，这些行不能导入。").format(names=names))

    def isComplete(self) -> bool:
        return self.wiz.plan is not None and self.wiz.plan.result.changes_anything


class ApplyPage(QWizardPage):
    """Step 5: the import itself — a backup or an undo journal, then one transaction — its report and 撤销."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第5步：导入"))
        self.work = ProgressPanel(wizard.ctx.tasks)
        self.counts = _counts_table()
        self.problems = _problems_table()
        self.report_button = QPushButton(self.tr("保存问题清单…"))
        self.report_button.clicked.connect(lambda: self.wiz.result and self.wiz.save_error_report(self.wiz.result))
        self.undo_button = QPushButton(self.tr("撤销这次导入"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        self.done = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.work)
        layout.addWidget(self.counts)
        layout.addWidget(self.problems, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        wiz = self.wiz
        plan, ws, actor = wiz.plan, wiz.ctx.ws, wiz.ctx.actor
        self.done = False
        self.report_button.setEnabled(False)
        Operation(wiz.ctx, self, lambda progress: importer.apply(ws, plan, actor, progress),
                  activity=self.tr("正在导入花名册，请稍候…")) \
            .success(self._applied).failure(self._failed).run(self.work, self.tr("正在导入（改动很多时先备份数据库），请稍候…"))

    def _applied(self, result: importer.ImportResult) -> None:
        self.wiz.result = result
        self.done = True
        _fill_counts(self.counts, result)
        _fill_problems(self.problems, result)
        self.report_button.setEnabled(bool(result.refused or result.needs_decision or result.skipped))
        text = _summary(self, result, applied=True)
        if result.backup:
            text += "\n" + self.tr("导入前的数据已备份到：{path}").format(path=result.backup)
        elif result.changes_anything:
            text += "\n" + self.tr("导入前的数据已逐条留底：如有问题，可以点“撤销这次导入”。")
        self.undo_button.setVisible(bool(result.import_id and not result.backup and result.changes_anything))
        self.work.status.setText(text)
        self.completeChanged.emit()

    def undo(self) -> None:
        result = self.wiz.result
        if result is not None:
            undo_import(self.wiz.ctx, self, result.import_id, bracketed(Path(result.file).name, result.sheet),
                        self._undone)

    def _undone(self, _outcome: Any) -> None:
        self.undo_button.hide()
        self.work.status.setText(self.tr("已撤销这次导入：数据库回到了导入前的样子。"))

    def _failed(self, exc: Exception) -> None:
        self.done = True
        self.work.status.setText(self.tr("导入已取消，数据库没有任何改动。") if isinstance(exc, importer.Cancelled)
                                 else self.work.failure_text(exc))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done


COUNT_KEYS = ("created", "updated", "unchanged", "skipped", "needs_decision", "refused")


def _counts_table() -> QTableWidget:
    table = _table()
    table.setRowCount(2)
    table.setColumnCount(len(COUNT_KEYS))
    table.setHorizontalHeaderLabels([translate("ImportWizard", "新增"), translate("ImportWizard", "更新"), translate("ImportWizard", "已登记且相同"), translate("ImportWizard", "跳过"),
                                     translate("ImportWizard", "待处理"), translate("ImportWizard", "不能导入")])
    table.setVerticalHeaderLabels([translate("ImportWizard", "住户"), translate("ImportWizard", "人员")])
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    table.setFixedHeight(height + sum(table.rowHeight(row) for row in range(table.rowCount())))
    return table


def _problems_table() -> QTableWidget:
    table = _table()
    table.setColumnCount(3)
    table.setHorizontalHeaderLabels([translate("ImportWizard", "行号"), translate("ImportWizard", "情况"), translate("ImportWizard", "原因")])
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    return table


def _fill_counts(table: QTableWidget, result: importer.ImportResult) -> None:
    for row, counts in enumerate((result.households, result.persons)):
        for column, key in enumerate(COUNT_KEYS):
            item = QTableWidgetItem(str(getattr(counts, key)))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(row, column, item)


def _fill_problems(table: QTableWidget, result: importer.ImportResult) -> None:
    groups = ((translate("ImportWizard", "不能导入"), result.refused), (translate("ImportWizard", "待处理"), result.needs_decision),
              (translate("ImportWizard", "跳过"), result.skipped), (translate("ImportWizard", "请核对（照常导入）"), result.warnings))
    rows = sorted(((report.row, label, report.reason) for label, reports in groups for report in reports))
    rows += [(number, translate("ImportWizard", "未导入"), reason) for number, reason in result.ignored_rows]
    table.setRowCount(len(rows))
    for i, values in enumerate(rows):
        for j, value in enumerate(values):
            table.setItem(i, j, QTableWidgetItem(str(value)))
    table.resizeColumnToContents(0)
    table.resizeColumnToContents(1)


def _summary(page: QWizardPage, result: importer.ImportResult, *, applied: bool) -> str:
    people = result.persons
    if applied:
        text = translate("ImportWizard", "导入完成：新增 {h} 户、{p} 人，更新 {u} 人。").format(
            h=result.households.created, p=people.created, u=people.updated)
        if result.create_grids and result.missing_grids:
            text += translate("ImportWizard", "新建了 {n} 个网格。").format(n=len(result.missing_grids))
    elif result.changes_anything:
        text = translate("ImportWizard", "检查完成：可以导入 {h} 户新住户、{p} 名新人员，更新 {u} 人。").format(
            h=result.households.created, p=people.created, u=people.updated)
    else:
        text = translate("ImportWizard", "检查完成：这个表没有需要导入的新内容（表中的人都已登记且相同，或都有问题）。")
    if people.refused:
        text += translate("ImportWizard", "有 {n} 行不能导入，原因见下表。").format(n=people.refused)
    return text


def xlsx_pattern() -> str:
    return QWidget.tr("Excel 工作簿 (*.xlsx)")


def spreadsheet_pattern() -> str:
    """Every kind of file the import reads, first together, then one by one."""
    return QWidget.tr("表格文件 (*.xlsx *.xls *.ods *.csv);;Excel 工作簿 (*.xlsx *.xls);;"
                      "OpenDocument 表格 (*.ods);;CSV 文件 (*.csv *.txt);;所有文件 (*)")


def _table() -> QTableWidget:
    table = QTableWidget()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    return table


def _column_letter(index: int) -> str:
    """Excel's column name (A, B, …, Z, AA …), as the user sees it in the spreadsheet."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)

"""设置 → 备份: every backup with what it holds, restoring one, the second copy on a USB stick or another disk,
and a full check of the database file.

Restoring replaces the database file, so the program lets every running task finish, restores, and opens the
database again (``AppContext.reopen``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp import access, backup
from gridapp.errors import UserError
from gridapp.progress import Progress
from gridapp.services.backups import BackupRow
from ui import file_dialogs, messages
from ui.context import AppContext
from ui.widgets.progress_panel import ProgressPanel

PATH_ROLE = Qt.ItemDataRole.UserRole


class BackupPanel(QWidget):
    restored = Signal(str)  # where the replaced database file was kept

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[BackupRow] = []
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("备份时间"), self.tr("原因"), self.tr("大小"), self.tr("户数"),
                                              self.tr("人数"), self.tr("位置")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(self.fontMetrics().height() * 12)  # several backups at once, even scrolled
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("用选中的备份恢复…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.check_button = QPushButton(self.tr("全面检查数据库"))
        self.check_button.clicked.connect(self.check_database)
        self.work = ProgressPanel(ctx.tasks)

        self.second_label = QLabel()
        self.second_label.setWordWrap(True)
        self.folder_button = QPushButton(self.tr("选择第二份备份的文件夹…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.second_button = QPushButton(self.tr("立即写第二份备份"))
        self.second_button.clicked.connect(self.write_second_copy)
        second = QGroupBox(self.tr("第二份备份（U盘、另一块磁盘或网络共享文件夹）"))
        second_box = QVBoxLayout(second)
        second_box.addWidget(self.second_label)
        second_row = QHBoxLayout()
        second_row.addWidget(self.folder_button)
        second_row.addWidget(self.second_button)
        second_row.addStretch(1)
        second_box.addLayout(second_row)

        explain = QLabel(self.tr("每次升级、导入和同步之前都会自动备份；选了第二份备份的文件夹后，每天第一次打开程序时"
                                 "还会自动备份到那里并检查。恢复时，当前的数据库会先另存一份。"))
        explain.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.check_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.work)
        layout.addWidget(second)
        self.refresh()

    def refresh(self) -> None:
        if self.ctx.ws.db_file is None:
            self.setEnabled(False)
            self.work.status.setText(self.tr("服务器数据库由服务器管理员备份，这里不能复制文件。"))
            return
        self.rows = self.ctx.ws.backups.list()
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            texts = (f"{row.taken_at:%Y-%m-%d %H:%M}", row.reason_label, f"{row.size / 1e6:.1f} MB",
                     str(row.households), str(row.persons), self.tr("第二份") if row.second_copy else self.tr("本机"))
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(row.path))
                self.table.setItem(r, c, item)
        folder = self.ctx.ws.backups.second_folder()
        if folder is None:
            self.second_label.setText(self.tr("还没有选择。硬盘坏了，本机的备份也会一起丢失——请选一个U盘或另一块磁盘上的文件夹。"))
        else:
            copies = [r for r in self.rows if r.second_copy]
            newest = copies[0].taken_at.strftime("%Y-%m-%d %H:%M") if copies else self.tr("还没有")
            self.second_label.setText(self.tr("位置：{folder}\n最近一份：{newest}").format(folder=folder, newest=newest))
        self._update_buttons()

    def selected(self) -> BackupRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _update_buttons(self) -> None:
        allowed = access.can(self.ctx.actor, "settings")
        busy = self.work.busy()
        self.backup_button.setEnabled(allowed and not busy)
        self.restore_button.setEnabled(allowed and not busy and self.selected() is not None)
        self.folder_button.setEnabled(allowed and not busy)
        self.second_button.setEnabled(allowed and not busy and self.ctx.ws.backups.second_folder() is not None)

    # -- actions ----------------------------------------------------------------------------------------------

    def backup_now(self) -> None:
        backups, actor = self.ctx.ws.backups, self.ctx.actor
        self._run(self.tr("正在备份…"), lambda progress: backups.take_now(actor, progress=progress),
                  lambda path: self.tr("已备份到：{path}").format(path=path))

    def write_second_copy(self) -> None:
        backups, actor = self.ctx.ws.backups, self.ctx.actor
        self._run(self.tr("正在写第二份备份并检查…"),
                  lambda progress: backups.take_now(actor, second_copy=True, progress=progress),
                  lambda path: self.tr("第二份备份已写好并检查通过：{path}").format(path=path))

    def choose_folder(self) -> None:
        folder = file_dialogs.ask_folder(self, self.tr("选择第二份备份的文件夹"))
        if not folder:
            return
        try:
            self.ctx.ws.backups.set_second_folder(self.ctx.actor, Path(folder))
        except UserError as exc:
            messages.error(self, str(exc))
            return
        self.refresh()

    def check_database(self) -> None:
        path = self.ctx.ws.db_file
        self._run(self.tr("正在全面检查数据库文件（大的数据库要几分钟）…"),
                  lambda _progress: backup.problem_of(path, thorough=True),
                  lambda problem: self.tr("检查发现问题：{problem}。请用最近一份完好的备份恢复。").format(problem=problem)
                  if problem else self.tr("检查完毕，数据库文件完好。"))

    def restore_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        unsaved = getattr(self.window(), "unsaved_work", list)()
        if unsaved:
            messages.error(self, self.tr("请先保存或关闭这些窗口，再恢复备份：{windows}").format(windows="、".join(unsaved)))
            return
        text = self.tr("用 {at} 的备份（{reason}，{households} 户、{persons} 人）替换现在的数据库吗？\n"
                       "现在的数据库会先另存一份备份；恢复之后，程序会重新打开数据库。").format(
            at=f"{row.taken_at:%Y-%m-%d %H:%M}", reason=row.reason_label, households=row.households,
            persons=row.persons)
        if not messages.confirm(self, text, self.tr("恢复备份")):
            return
        self.ctx.tasks.wait()  # nothing may read or write the file while it is replaced
        ws, actor = self.ctx.ws, self.ctx.actor
        self._run(self.tr("正在恢复…"), lambda progress: ws.backups.restore(actor, row.path, progress=progress),
                  self._restored)

    def _restored(self, kept: Path) -> str:
        self.restored.emit(str(kept))
        return self.tr("已恢复。原来的数据库另存在：{path}").format(path=kept)

    def _run(self, text: str, fn: Callable[[Progress], Any], said: Callable[[Any], str]) -> None:
        """Run ``fn`` in the panel; its result, put in words by ``said``, or its failure shows in the status."""
        def done(result: Any) -> None:
            self.work.status.setText(said(result))
            self.refresh()

        def failed(exc: Exception) -> None:
            self.work.status.setText(self.work.failure_text(exc))
            self._update_buttons()

        self.work.run(text, fn, done, failed, write=True)
        self._update_buttons()


def stale_warning(ctx: AppContext, now: datetime | None = None) -> str:
    """The home page's line when the second copy is older than a week (empty when all is well)."""
    if ctx.ws.db_file is None or not ctx.ws.backups.second_copy_stale(now):
        return ""
    return QWidget.tr("第二份备份已经超过7天没有更新。请插上备份用的U盘，在“设置 → 备份”里点“立即写第二份备份”。")

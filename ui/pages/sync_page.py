"""同步: carry data between offices on a USB stick. Write a package for a peer (or everything), read one back,
check its preview, import it; then review what the merge left to a person (conflicts, duplicate persons) and
read the sync history. Packages are encrypted with the county's sync passphrase, which is set once."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStorageInfo, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridapp.errors import AlreadyImported, UserError
from gridapp.i18n import shown
from gridapp.progress import Cancelled, Progress
from gridapp.sync.dto import ExportSummary, ImportPreview, ImportSummary, PackageInfo
from gridapp.sync.tables import label as table_label
from ui import file_dialogs, messages
from ui.context import AppContext
from ui.dialogs.choose_node_dialog import ChooseNodeDialog
from ui.dialogs.passphrase_dialog import ask_and_store_passphrase, passphrase_store
from ui.display import stored_moment_text
from ui.import_undo import RecentImports, undo_import
from ui.operations import Operation
from ui.pages.sync_review import ConflictPanel, CountsTable, DuplicatePanel, HistoryPanel, size_text
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.form_scroll import PageScrollArea
from ui.widgets.progress_panel import ProgressPanel

PACKAGE_SUFFIX = ".gridsync"
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
# Where Linux and macOS mount USB sticks; a volume elsewhere (/, /home, /boot …) is a fixed disk.
REMOVABLE_MOUNTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")
DRIVE_REMOVABLE = 2  # GetDriveTypeW: a USB stick or card reader (a data partition is 3, a network drive 4)


@dataclass(frozen=True)
class Drive:
    label: str
    path: str


def list_drives() -> list[Drive]:
    """Mounted volumes that look like a USB stick: ready, writable, not the system volume (tests replace this)."""
    drives = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly() or volume.isRoot() \
                or not looks_removable(root):
            continue
        free = size_text(volume.bytesAvailable())
        text = QCoreApplication.translate("SyncPage", "{name}（{root}，可用 {free}）")
        drives.append(Drive(text.format(name=volume.displayName() or root, root=root, free=free), root))
    return drives


def looks_removable(root: str) -> bool:
    """Windows: a drive letter that Windows calls removable: a USB stick, not D: or a network drive, which would
    otherwise be offered (and chosen) as the stick. Elsewhere: mounted where USB sticks are."""
    if sys.platform == "win32":
        return drive_type(root) == DRIVE_REMOVABLE
    return root.startswith(REMOVABLE_MOUNTS)


def drive_type(root: str) -> int:
    """What kind of drive Windows says ``root`` ("E:/") is (Windows only)."""
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root.replace("/", "\\"))


def package_files(folder: str) -> list[Path]:
    """The packages in a folder, newest first."""
    try:
        files = [p for p in Path(folder).iterdir() if p.suffix == PACKAGE_SUFFIX and p.is_file()]
    except OSError:
        return []
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)



class SyncTabs(QTabWidget):
    """The page's tabs. Their wrapped labels have room at any width the page allows, so the tabs claim no
    height-for-width: Qt would take their preferred height (every list at full size) as their least, and the
    page would scroll on a 768-pixel screen instead of shortening its lists."""

    def hasHeightForWidth(self) -> bool:
        return False


class SyncPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.package: Any = None  # the verified package waiting for 确认导入
        self.scope_id: str | None = None

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.passphrase_label = QLabel()
        self.passphrase_label.setWordWrap(True)
        self.passphrase_button = QPushButton()
        self.passphrase_button.clicked.connect(self.set_passphrase)
        passphrase_row = QHBoxLayout()
        passphrase_row.addWidget(self.passphrase_label, 1)
        passphrase_row.addWidget(self.passphrase_button)

        self.location = QComboBox()
        self.location.setPlaceholderText(self.tr("没有U盘：请插入后点“刷新”"))
        self.location.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.location.setMinimumContentsLength(24)  # long drive names are cut, never the window
        self.location.currentIndexChanged.connect(lambda _index: self.refresh_files())
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh_drives)
        self.folder_button = QPushButton(self.tr("其他文件夹…"))
        self.folder_button.clicked.connect(self.choose_folder)
        where = QGroupBox(self.tr("U盘或文件夹"))
        where_row = QHBoxLayout(where)
        where_row.addWidget(self.location, 1)
        where_row.addWidget(self.refresh_button)
        where_row.addWidget(self.folder_button)

        self.work = ProgressPanel(ctx.tasks)

        self.conflicts = ConflictPanel(ctx)
        self.duplicates = DuplicatePanel(ctx)
        self.history = HistoryPanel(ctx)
        self.recent = RecentImports(ctx)
        self.recent.undone.connect(self.refresh)
        self.conflicts.resolved.connect(self.refresh)
        self.duplicates.resolved.connect(self.refresh)
        self.tabs = SyncTabs()
        self.tabs.addTab(self._export_tab(), self.tr("导出"))
        self.tabs.addTab(self._import_tab(), self.tr("导入"))
        self.tabs.addTab(self.conflicts, "")
        self.tabs.addTab(self.duplicates, "")
        self.tabs.addTab(self.history, self.tr("同步记录"))
        self.tabs.addTab(self.recent, self.tr("最近的导入"))

        layout = QVBoxLayout()
        layout.addWidget(self.status_label)
        layout.addLayout(passphrase_row)
        layout.addWidget(where)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.work)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(PageScrollArea(layout))  # the large-font mode on a 768-pixel screen scrolls
        self.refresh_drives()
        self.refresh()
        self._set_busy(False)

    def _export_tab(self) -> QWidget:
        self.peer_combo = QComboBox()
        self.scope_label = QLabel()
        self.scope_button = QPushButton(self.tr("选择网格…"))
        self.scope_button.clicked.connect(self.choose_scope)
        self.scope_all_button = QPushButton(self.tr("全部"))
        self.scope_all_button.clicked.connect(lambda: self._set_scope(None, ""))
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_label, 1)
        scope_row.addWidget(self.scope_button)
        scope_row.addWidget(self.scope_all_button)
        self.export_button = QPushButton(self.tr("导出到U盘"))
        self.export_button.clicked.connect(self.export)
        self.export_result = QLabel()
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tab = QWidget()
        form = QFormLayout(tab)
        explain = QLabel(self.tr("同步包只包含对方还没有的变化；给新单位或需要重新核对时选“全部数据”。"))
        explain.setWordWrap(True)
        form.addRow(explain)
        form.addRow(self.tr("发给："), self.peer_combo)
        form.addRow(self.tr("范围："), scope_row)
        form.addRow(self.export_button)
        form.addRow(self.export_result)
        self._set_scope(None, "")
        return tab

    def _import_tab(self) -> QWidget:
        self.files = QListWidget()
        self.files.itemDoubleClicked.connect(lambda _item: self.read_selected())
        self.files_hint = EmptyHint(self.files, "")
        self.read_button = QPushButton(self.tr("读取并检查"))
        self.read_button.clicked.connect(self.read_selected)
        self.open_button = QPushButton(self.tr("选择文件…"))
        self.open_button.clicked.connect(self.choose_file)
        self.package_label = QLabel(self.tr("请选择U盘上的同步包，点“读取并检查”。导入前会先显示将要发生的变化。"))
        self.package_label.setWordWrap(True)
        self.preview = CountsTable()
        self.apply_button = QPushButton(self.tr("确认导入"))
        self.apply_button.clicked.connect(self.apply)
        self.undo_button = QPushButton(self.tr("撤销这次导入"))
        self.undo_button.clicked.connect(self.undo_last)
        self.undo_button.hide()
        self.last_import: ImportSummary | None = None
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.read_button)
        file_buttons.addWidget(self.open_button)
        file_buttons.addStretch(1)
        apply_row = QHBoxLayout()
        apply_row.addStretch(1)
        apply_row.addWidget(self.undo_button)
        apply_row.addWidget(self.apply_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("U盘上的同步包：")))
        layout.addWidget(self.files, 1)
        layout.addLayout(file_buttons)
        layout.addWidget(self.package_label)
        layout.addWidget(self.preview, 2)
        layout.addLayout(apply_row)
        return tab

    # -- state shown at the top ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the status, the peers and the review lists (cheap: a handful of small queries)."""
        status = self.ctx.ws.sync.status()
        self.status_label.setText(self.tr("本单位：{office}（县代码 {county}）　同步范围：{scope}").format(
            office=status.office_name, county=status.county_code or self.tr("未设置"),
            scope=shown(status.scope_name) or self.tr("全部")))
        if status.passphrase_set:
            self.passphrase_label.setText(self.tr("同步口令已设置（为安全起见不显示）。"))
            self.passphrase_button.setText(self.tr("修改同步口令…"))
        else:
            self.passphrase_label.setText(self.tr("尚未设置同步口令：导出和导入都需要全县统一的同步口令，请先设置。"))
            self.passphrase_button.setText(self.tr("设置同步口令…"))
        chosen = self.peer_combo.currentData()
        self.peer_combo.clear()
        for peer in status.peers:
            self.peer_combo.addItem(self.tr("{name}（只发对方还没有的变化）").format(name=peer.name), peer.office_id)
        self.peer_combo.addItem(self.tr("全部数据（完整同步包）"), None)
        self.peer_combo.setCurrentIndex(max(self.peer_combo.findData(chosen), 0))
        self.tabs.setTabText(2, self.tr("冲突（{n}）").format(n=self.conflicts.refresh()))
        self.tabs.setTabText(3, self.tr("重复人员（{n}）").format(n=self.duplicates.refresh()))
        self.history.refresh()
        self.recent.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.work.busy():
            self.refresh()

    def set_passphrase(self) -> None:
        if ask_and_store_passphrase(self.ctx, self):
            self.refresh()

    def _passphrase(self) -> str | None:
        """The stored passphrase; when none is set yet, offer to set it now."""
        store = passphrase_store(self.ctx)
        if not store.is_set():
            if not messages.confirm(self, self.tr("还没有设置同步口令。现在设置吗？")) \
                    or not ask_and_store_passphrase(self.ctx, self):
                return None
            self.refresh()
        try:
            return store.load()
        except UserError as exc:
            messages.error(self, str(exc))
            return None

    # -- where packages go and come from --------------------------------------------------------------------------

    def refresh_drives(self) -> None:
        current = self.folder()
        self.location.clear()
        for drive in list_drives():
            self.location.addItem(drive.label, drive.path)
        if current and Path(current).is_dir():
            self._show_folder(current)  # what was chosen stays chosen, also a folder picked by hand
        elif self.location.count():
            self.location.setCurrentIndex(0)
        self.refresh_files()

    def choose_folder(self) -> None:
        folder = file_dialogs.ask_folder(self, self.tr("选择放同步包的文件夹"), self.folder() or "")
        if folder:
            self._show_folder(folder)

    def _show_folder(self, folder: str) -> None:
        if self.location.findData(folder) < 0:
            self.location.addItem(self.tr("文件夹：{path}").format(path=folder), folder)
        self.location.setCurrentIndex(self.location.findData(folder))

    def folder(self) -> str | None:
        return self.location.currentData()

    def refresh_files(self) -> None:
        self.files.clear()
        folder = self.folder()
        for path in package_files(folder) if folder else ():
            item = QListWidgetItem(self.tr("{file}（{size}）").format(file=path.name,
                                                                  size=size_text(path.stat().st_size)))
            item.setData(PATH_ROLE, str(path))
            self.files.addItem(item)
        if self.files.count():
            self.files.setCurrentRow(0)
        self.files_hint.set_texts(self.tr("这里没有同步包（文件名以 .gridsync 结尾）。\n请插入带有同步包的U盘后点上面的“刷新”，"
                                          "或点下面的“选择文件…”。") if folder else
                                  self.tr("没有发现U盘。\n请插入U盘后点上面的“刷新”，或点“其他文件夹…”。"))
        self._set_busy(self.work.busy())

    def choose_scope(self) -> None:
        dialog = ChooseNodeDialog(self.ctx.ws, self.tr("导出范围"), self.tr("只导出这个网格及其下级的数据："),
                                  start_id=self.scope_id, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and (node := dialog.chosen()) is not None:
            self._set_scope(node.id, node.name)

    def _set_scope(self, grid_id: str | None, name: str) -> None:
        self.scope_id = grid_id
        self.scope_label.setText(name or self.tr("全部（本单位负责的所有数据）"))

    # -- export --------------------------------------------------------------------------------------------------

    def export(self) -> None:
        folder = self.folder()
        if not folder:
            messages.error(self, self.tr("请先插入U盘并点“刷新”，或点“其他文件夹…”选择保存位置。"))
            return
        passphrase = self._passphrase()
        if passphrase is None:
            return
        ws, actor, peer, scope = self.ctx.ws, self.ctx.actor, self.peer_combo.currentData(), self.scope_id
        self.export_result.clear()
        self._start(self.tr("正在写同步包…"),
                    lambda progress: ws.sync.export_package(actor, Path(folder), peer, scope, passphrase, progress),
                    self._exported, self.export_result, write=True)

    def _exported(self, summary: ExportSummary) -> None:
        info = summary.package
        counts = self.tr("、").join(f"{shown(table_label(t))} {n}" for t, n in info.record_counts.items() if n)
        self.export_result.setText(self.tr("已写入：{file}（{size}）\n共 {records} 条记录、{files} 个附件：{counts}")
                                   .format(file=summary.path, size=size_text(info.size_bytes),
                                           records=summary.record_total, files=info.attachment_count,
                                           counts=counts or self.tr("没有新的变化")))
        self.refresh_files()
        self.refresh()

    # -- import --------------------------------------------------------------------------------------------------

    def read_selected(self) -> None:
        item = self.files.currentItem()
        if item is not None:
            self.read(Path(item.data(PATH_ROLE)))

    def choose_file(self) -> None:
        path = file_dialogs.ask_open_path(self, self.tr("选择同步包"), self.tr("同步包 (*.gridsync)"))
        if path:
            self.read(Path(path))

    def read(self, path: Path) -> None:
        """Decrypt and verify the whole file, then compute the preview — all in the background, nothing written."""
        passphrase = self._passphrase()
        if passphrase is None:
            return
        ws = self.ctx.ws
        self._forget_package()
        self.package_label.setText(self.tr("正在读取并检查 {file}…").format(file=path.name))

        def read_and_preview(_progress: Progress) -> tuple[Any, ImportPreview]:
            package = ws.sync.read_package(path, passphrase)
            return package, ws.sync.preview(package)

        # Reading reports no progress (decrypting is one step), so there is nothing 取消 could stop.
        self._start(self.tr("正在检查同步包…"), read_and_preview, self._previewed, self.package_label,
                    can_cancel=False)

    def _previewed(self, result: tuple[Any, ImportPreview]) -> None:
        self.package, preview = result
        self.package_label.setText(self.tr("{about}\n核对下表无误后点“确认导入”（导入前会自动备份）。")
                                   .format(about=self._describe(preview.package)))
        self.preview.show_counts(preview.tables, preview.totals)
        self._set_busy(False)

    def _describe(self, info: PackageInfo) -> str:
        kind = self.tr("完整同步包") if info.full else self.tr("增量同步包")
        text = self.tr("{file}：{office} 于 {at} 写的第 {seq} 号{kind}，范围：{scope}，{size}。").format(
            file=info.path.name, office=info.office_name, at=stored_moment_text(info.created_at), seq=info.seq, kind=kind,
            scope=shown(info.scope_name) or self.tr("全部"), size=size_text(info.size_bytes))
        if info.program_version:  # packages of programs before 0.2.0 do not say
            text += self.tr("由 gridapp {version} 导出。").format(version=info.program_version)
        return text

    def apply(self) -> None:
        if self.package is None:
            return
        ws, actor, package = self.ctx.ws, self.ctx.actor, self.package
        self._start(self.tr("正在导入…"), lambda progress: ws.sync.apply(actor, package, progress),
                    self._applied, self.package_label, write=True, activity=self.tr("正在导入同步包，请稍候…"))

    def _applied(self, summary: ImportSummary) -> None:
        self._forget_package()
        totals = summary.totals
        self.preview.show_counts(summary.tables, totals)
        text = self.tr("已导入 {file}：新增 {new}，更新 {updated}，删除 {deleted}，范围外忽略 {out}。").format(
            file=summary.package.path.name, new=totals.new, updated=totals.updated, deleted=totals.deleted,
            out=totals.out_of_scope)
        if totals.conflicts or totals.duplicates:
            text += self.tr("\n有 {c} 处冲突、{d} 处疑似重复人员需要人工处理，请看“冲突”和“重复人员”。").format(
                c=totals.conflicts, d=totals.duplicates)
        if summary.backup_path:
            text += self.tr("\n导入前的备份：{backup}").format(backup=summary.backup_path)
        else:
            text += self.tr("\n导入前的数据已逐条留底：如有问题，可以点“撤销这次导入”。")
        self.package_label.setText(text)
        self.last_import = summary
        self.undo_button.setVisible(not summary.backup_path)
        self.refresh()

    def undo_last(self) -> None:
        summary = self.last_import
        if summary is None:
            return
        label = summary.package.path.name
        undo_import(self.ctx, self, summary.import_id, label, lambda _outcome: self._undone(label))

    def _undone(self, label: str) -> None:
        self.last_import = None
        self.undo_button.hide()
        self.preview.setRowCount(0)
        self.package_label.setText(self.tr("已撤销导入 {file}：数据库回到了导入前的样子，这个同步包可以重新导入。")
                                   .format(file=label))
        self.refresh()

    def _forget_package(self) -> None:
        self.package = None
        self.preview.setRowCount(0)
        self._set_busy(self.work.busy())

    # -- background work -----------------------------------------------------------------------------------------

    def _start(self, what: str, fn: Callable[[Progress], Any], done: Callable[[Any], None], result: QLabel, *,
               can_cancel: bool = True, write: bool = False, activity: str = "") -> None:
        """Run ``fn`` in the background (a write through Operation, which publishes what changed); its outcome
        or failure is shown in ``result`` (on the tab that started it, whichever tab is open when it ends)."""

        def finished(value: Any) -> None:
            self._set_busy(False)
            done(value)

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            self._failed(exc, result)

        self._set_busy(True)  # first: a synchronous runner (tests) has finished before run() returns
        if write:
            Operation(self.ctx, self, fn, activity=activity).success(finished).failure(failed).run(self.work, what)
        else:
            self.work.run(what, fn, finished, failed, can_cancel=can_cancel)

    def _failed(self, exc: Exception, result: QLabel) -> None:
        if isinstance(exc, Cancelled):
            text = self.tr("已取消，数据库和U盘都没有改动。")
        elif isinstance(exc, AlreadyImported):
            text = str(exc)
            messages.info(self, text, self.tr("已经导入过"))
        else:
            text = messages.failure_text(exc)  # never raw sqlite or OSError text
            messages.failure(self, exc)
        result.setText(text)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.export_button, self.open_button, self.refresh_button, self.folder_button,
                       self.passphrase_button):
            button.setEnabled(not busy)
        self.read_button.setEnabled(not busy and self.files.currentItem() is not None)
        self.apply_button.setEnabled(not busy and self.package is not None)

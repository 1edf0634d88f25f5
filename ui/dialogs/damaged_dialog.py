"""The database file cannot be opened (not a database, damaged pages): say so plainly and offer the newest
backup that passes its own check, or another backup file, before anything else happens. The damaged file is
kept beside itself; nothing is overwritten."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gridapp import backup
from gridapp.errors import UserError
from gridapp.workspace import DamagedDatabase
from ui import file_dialogs, messages


class DamagedDialog(QDialog):
    """Accepted once a backup has been put in place of the damaged file (``restored_from``)."""

    def __init__(self, error: DamagedDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.restored_from: Path | None = None
        self.setWindowTitle(self.tr("数据库文件打不开"))
        text = QLabel(self.tr("数据库文件 {file} 打不开：{problem}。\n\n这个文件会原样保留，不会被覆盖。").format(
            file=error.file, problem=error.problem))
        text.setWordWrap(True)
        sound = error.backup
        self.offer = QLabel(self.tr("最近一份完好的备份是 {at}（{reason}，{households} 户、{persons} 人）。"
                                    "用它恢复，就回到那时的数据。").format(
            at=f"{sound.taken_at:%Y-%m-%d %H:%M}", reason=sound.reason_label,
            households=backup.contents(sound.path).households, persons=backup.contents(sound.path).persons)
            if sound else self.tr("没有找到完好的备份。可以选择U盘上的备份文件，或者把这个文件交给技术人员。"))
        self.offer.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("用这份备份恢复"))
        self.restore_button.setVisible(sound is not None)
        self.restore_button.clicked.connect(lambda: sound and self.restore(sound.path))
        self.other_button = QPushButton(self.tr("选择其他备份文件…"))
        self.other_button.clicked.connect(self.choose_other)
        self.quit_button = QPushButton(self.tr("退出"))
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.restore_button, self.other_button, self.quit_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.offer)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def choose_other(self) -> None:
        path = file_dialogs.ask_open_path(self, self.tr("选择备份文件"), self.tr("数据库备份 (*.sqlite3)"))
        if path:
            self.restore(Path(path))

    def restore(self, path: Path) -> None:
        try:
            backup.restore(self.error.file, path, damaged=True)
        except UserError as exc:
            messages.error(self, str(exc))
            return
        self.restored_from = path
        self.accept()

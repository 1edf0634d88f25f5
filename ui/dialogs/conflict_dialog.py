"""处理冲突: two offices changed the same record before they synced. Both versions stand side by side, one row
per differing field; the user picks a version per field (or one for all) and 保存 writes the combination."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp.i18n import shown
from gridapp.sync.dto import ConflictView
from ui.dialogs import ok_cancel
from ui.display import moment_text
from ui.window_geometry import fit_to_screen


def show_value(value: Any, name: str = "") -> str:
    """A value as the user reads it: the name of a record it refers to, 是/否, dates as in every list, （空）."""
    if name:
        return name
    if value is None or value == "":
        return QWidget.tr("（空）")
    if isinstance(value, bool):
        return QWidget.tr("是") if value else QWidget.tr("否")
    if isinstance(value, date):
        return moment_text(value)
    return str(value)


class ConflictDialog(QDialog):
    """Column 1 is the version in the database now, column 2 the one that lost the automatic merge."""

    def __init__(self, conflict: ConflictView, local_office: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(self.tr("处理冲突：{title}").format(title=conflict.title))
        kept = self._version_title(conflict.kept_office_name, local_office, self.tr("现在的版本"))
        lost = self._version_title(conflict.lost_office_name, local_office, self.tr("另一版本"))
        intro = QLabel(self.tr("{table}“{title}”在两个单位都被修改过。下面列出不同的内容，请逐项点选要保留的值；"
                               "自动合并时采用的是左边一栏。").format(table=shown(conflict.table_label), title=conflict.title))
        intro.setWordWrap(True)

        self.table = QTableWidget(len(conflict.fields), 3)
        self.table.setHorizontalHeaderLabels([self.tr("项目"), kept, lost])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.kept_buttons: list[QRadioButton] = []
        self.lost_buttons: list[QRadioButton] = []
        for row, item in enumerate(conflict.fields):
            self.table.setItem(row, 0, QTableWidgetItem(shown(item.label)))
            group = QButtonGroup(self)
            for column, text, buttons in ((1, show_value(item.kept, item.kept_name), self.kept_buttons),
                                          (2, show_value(item.lost, item.lost_name), self.lost_buttons)):
                button = QRadioButton(text)
                button.setToolTip(text)
                group.addButton(button)
                buttons.append(button)
                self.table.setCellWidget(row, column, button)
            self.kept_buttons[-1].setChecked(True)
        self.table.resizeRowsToContents()

        self.all_kept = QPushButton(self.tr("全部用左边"))
        self.all_lost = QPushButton(self.tr("全部用右边"))
        self.all_kept.clicked.connect(lambda: self._choose_all(self.kept_buttons))
        self.all_lost.clicked.connect(lambda: self._choose_all(self.lost_buttons))
        self.buttons = ok_cancel(self, self.tr("保存"))
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        row = QHBoxLayout()
        row.addWidget(self.all_kept)
        row.addWidget(self.all_lost)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        metrics = self.fontMetrics()
        fit_to_screen(self, QSize(metrics.averageCharWidth() * 100, metrics.height() * (len(conflict.fields) * 2 + 12)))

    def _version_title(self, office: str, local_office: str, fallback: str) -> str:
        if not office:
            return fallback
        if office == local_office:
            return self.tr("本机版本（{office}）").format(office=office)
        return self.tr("对方版本（{office}）").format(office=office)

    def _choose_all(self, buttons: list[QRadioButton]) -> None:
        for button in buttons:
            button.setChecked(True)

    def values(self) -> dict[str, Any]:
        """The fields to write for resolve_conflict: only those taken from the losing version ({} keeps all)."""
        return {item.name: item.lost for item, button in zip(self.conflict.fields, self.lost_buttons, strict=True)
                if button.isChecked()}

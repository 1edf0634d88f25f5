"""Choose households of a grid subtree from a list that narrows as one types — by 户号, 户主, 地址 or the
pinyin initials of the head's name (zsf for 张三丰)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp import pinyin
from gridapp.workspace import Workspace
from ui.dialogs import ok_cancel
from ui.window_geometry import fit_to_screen

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


class ChooseHouseholdDialog(QDialog):
    """One household, or with ``multiple`` several ticked ones; clicking anywhere on a line ticks it.

    Households named in ``unavailable`` stay in the list, greyed out with the reason, so nobody wonders
    where they went.
    """

    def __init__(self, ws: Workspace, scope_id: str, title: str, prompt: str, multiple: bool = False,
                 unavailable: Mapping[str, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.multiple = multiple
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("输入户号、户主姓名、拼音首字母或地址"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.count_label = QLabel()
        self.buttons = ok_cancel(self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        unavailable = unavailable or {}
        for row in ws.query.household_rows(ws.query.household_ids(scope_id)):
            text = self.tr("{number}号  {head}  {address}").format(
                number=row.number, head=row.head_name, address=row.address)
            reason = unavailable.get(row.id)
            item = QListWidgetItem(self.tr("{text}（{reason}）").format(text=text, reason=reason) if reason else text)
            item.setData(ID_ROLE, row.id)
            item.setData(KEY_ROLE, f"{row.number} {row.head_name} {row.address} "
                                   f"{pinyin.initials(row.head_name)}".lower())
            flags = Qt.ItemFlag.ItemIsSelectable | (Qt.ItemFlag.NoItemFlags if reason else Qt.ItemFlag.ItemIsEnabled)
            item.setFlags(flags)
            if multiple:
                item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        if multiple:
            self.list.itemClicked.connect(self._toggle)
        else:
            self.list.currentItemChanged.connect(self._update)
            self.list.itemDoubleClicked.connect(self.accept)

        search_label = QLabel(self.tr("查找："))
        search_label.setBuddy(self.search)
        prompt_label = QLabel(prompt)
        prompt_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt_label)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        fit_to_screen(self, QSize(metrics.averageCharWidth() * 60, metrics.height() * 30))
        self._update()

    def chosen_ids(self) -> list[str]:
        if self.multiple:
            items = [self.list.item(i) for i in range(self.list.count())]
            return [i.data(ID_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]
        current = self.list.currentItem()
        return [current.data(ID_ROLE)] if current is not None and _available(current) else []

    def item_for(self, household_id: str) -> QListWidgetItem | None:
        return next((self.list.item(i) for i in range(self.list.count())
                     if self.list.item(i).data(ID_ROLE) == household_id), None)

    def _toggle(self, item: QListWidgetItem) -> None:
        if not _available(item):
            return
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self._update()

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(needle not in item.data(KEY_ROLE))

    def _update(self, *_args: object) -> None:
        chosen = len(self.chosen_ids())
        if self.multiple:
            self.count_label.setText(self.tr("已选 {n} 户").format(n=chosen))
        elif not self.list.count():
            self.count_label.setText(self.tr("这里没有可选的住户。"))
        self.ok_button.setEnabled(chosen > 0)


def _available(item: QListWidgetItem) -> bool:
    return bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)

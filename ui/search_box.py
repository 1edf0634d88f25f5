"""The global search box: results appear as you type (name, pinyin initials, ID number or its tail, phone,
address) and choosing one opens the household with that person selected."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from gridapp.dto import SearchHit
from gridapp.i18n import shown
from ui.context import AppContext

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
DEBOUNCE_MS = 120
LIMIT = 30


class SearchBox(QLineEdit):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("globalSearch")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("搜索：姓名、拼音首字母（如 zsf）、身份证号或尾号、电话、地址"))
        self.setMinimumWidth(460)
        self.results = QStandardItemModel(self)
        self.completer_ = QCompleter(self.results, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setWidget(self)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.activated[QModelIndex].connect(self._chosen)
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _text: self.timer.start())
        self.returnPressed.connect(self._enter)
        self.hits: list[SearchHit] = []
        self._pending: SearchHit | None = None

    def run_search(self) -> None:
        self.hits = self.ctx.ws.search(self.text(), limit=LIMIT)
        self.results.clear()
        for hit in self.hits:
            item = QStandardItem(self._describe(hit))
            item.setData(hit, HIT_ROLE)
            self.results.appendRow(item)
        if not self.hits and self.text().strip():
            none = QStandardItem(self.tr("没有找到“{text}”").format(text=self.text().strip()))
            none.setEnabled(False)
            self.results.appendRow(none)
        if self.results.rowCount():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def _describe(self, hit: SearchHit) -> str:
        parts = [hit.name, shown(hit.relation, "relation"), hit.id_number or self.tr("(无身份证号)"), hit.phone, hit.grid_name,
                 hit.address]
        return "  ·  ".join(p for p in parts if p)

    def _chosen(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.completer_.popup().hide()
            self._request_open(hit)

    def _request_open(self, hit: SearchHit) -> None:
        """Enter on the popup reaches both the completer and the line edit: open once, after both."""
        if self._pending is None:
            self._pending = hit
            QTimer.singleShot(0, self._open_pending)

    def _open_pending(self) -> None:
        hit, self._pending = self._pending, None
        if hit is not None:
            self.ctx.open_household(hit.household_id, hit.person_id)

    def _enter(self) -> None:
        """Enter without choosing: search now; a single result opens directly."""
        self.timer.stop()
        self.run_search()
        if len(self.hits) == 1:
            self._request_open(self.hits[0])

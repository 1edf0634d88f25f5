"""The main window: a navigation of the program's areas on the left, the global search on top, the office and
the current user, and a status bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ui.context import AppContext
from ui.pages.household_page import HouseholdPage


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.open_household = self.open_household
        ws = ctx.ws
        office = ws.office.name if ws.office else self.tr("（未设置单位）")
        self.setWindowTitle(self.tr("网格化管理综合信息采集簿 — {office}").format(office=office))
        self.resize(1360, 840)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setFixedWidth(132)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.households_page = HouseholdPage(ctx)
        self._add_page("households", self.tr("住户"), self.households_page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.office_label = QLabel(self.tr("单位：{office}").format(office=office))
        self.user_label = QLabel(self.tr("当前用户：{user}").format(user=ctx.actor.name))
        self.statusBar().addPermanentWidget(self.office_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().showMessage(self.tr("数据库：{db}").format(db=ws.url), 10000)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_search)

    def _add_page(self, key: str, title: str, page: QWidget) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setSizeHint(QSize(120, 48))
        self.nav.addItem(item)

    def show_page(self, key: str) -> QWidget:
        index = list(self.pages).index(key)
        self.nav.setCurrentRow(index)
        return self.pages[key]

    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def household_count(self) -> int:
        return self.households_page.model.rowCount()

    def focus_search(self) -> None:
        pass

    def open_household(self, household_id: str, person_id: str | None = None) -> None:
        from ui.forms.household_form import HouseholdForm

        form = HouseholdForm(self.ctx, household_id=household_id, parent=self)
        if person_id:
            form.select_person(person_id)
        form.show()

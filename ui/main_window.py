"""The main window: a navigation of the program's areas on the left, the global search on top, the office and
the current user, and a status bar."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gridapp.dto import CaseFilter, HouseholdFilter, ListTarget
from gridapp.i18n import shown
from ui import messages
from ui.context import AppContext
from ui.dialogs.passphrase_dialog import ask_and_store_passphrase
from ui.help_menu import install_help_menu
from ui.live_changes import LiveChanges
from ui.pages.home_page import HomePage
from ui.pages.settings_page import apply_font_mode, large_font_enabled
from ui.search_box import SearchBox
from ui.window_geometry import keep_geometry

if TYPE_CHECKING:
    from ui.pages.case_page import CasePage
    from ui.pages.grading_page import GradingPage
    from ui.pages.grid_page import GridPage
    from ui.pages.household_page import HouseholdPage
    from ui.pages.settings_page import SettingsPage
    from ui.pages.visit_page import VisitPage

PREFERRED_SIZE = QSize(1360, 840)  # on smaller screens the window fills the screen
RESTORING = ("edit_households", "edit_premises", "record_visits")  # what the recycle bin gives back
# the first steps of a new office (首页) and the permission each needs
STEP_PERMISSIONS = {"grid": "edit_grid", "import": "import", "household": "edit_households", "passphrase": "sync"}


def page_class(module: str, name: str) -> type:
    """A page of ui.pages, imported when the page is first shown: the start does not load what only other
    pages use (openpyxl, reportlab …)."""
    return getattr(importlib.import_module(f"ui.pages.{module}"), name)


class NavigationList(QListWidget):
    """The list of areas on the left: as wide as its longest title in the current font, tall items."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("navigation")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setSpacing(6)

    def sizeHint(self) -> QSize:
        width = max((self.fontMetrics().horizontalAdvance(self.item(i).text()) for i in range(self.count())),
                    default=0)
        return QSize(width + 4 * self.fontMetrics().averageCharWidth() + 2 * self.frameWidth(), 400)


class MainWindow(QMainWindow):
    """The areas the user's role may use; ``lock_requested`` and ``logout_requested`` go to ui.session, which
    also learns from ``closed`` that the window was closed for good."""

    lock_requested = Signal()
    logout_requested = Signal()
    reopen_requested = Signal()  # a backup replaced the database file: open it again
    closed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.open_household = self.open_household
        ws = ctx.ws
        apply_font_mode(large_font_enabled(ctx))  # before the pages, which size themselves by the font

        self.nav = NavigationList()
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}  # the pages built so far: each is built when first shown
        self._builders: dict[str, Callable[[], QWidget]] = {}
        steps = {"grid": self.start_setup, "import": self.import_roster, "household": self.register_first_household,
                 "passphrase": self.set_passphrase}
        steps = {key: action for key, action in steps.items() if ctx.can(STEP_PERMISSIONS[key])}
        self._add_page("home", self.tr("首页"), lambda: HomePage(ctx, self.jump, steps))
        self._add_page("grid", self.tr("网格"), lambda: page_class("grid_page", "GridPage")(ctx))
        self._add_page("households", self.tr("住户"), lambda: page_class("household_page", "HouseholdPage")(ctx))
        self._add_page("houses", self.tr("房屋"), lambda: page_class("premises_pages", "HousesPage")(ctx))
        self._add_page("places", self.tr("场所"), lambda: page_class("premises_pages", "PlacesPage")(ctx))
        self._add_page("cases", self.tr("事件"), lambda: page_class("case_page", "CasePage")(ctx))
        self._add_page("visits", self.tr("走访"), lambda: page_class("visit_page", "VisitPage")(ctx))
        self._add_page("grading", self.tr("考核"), self._grading_page)
        if ctx.can("print"):
            self._add_page("ledgers", self.tr("台账"), lambda: page_class("ledger_page", "LedgerPage")(ctx))
        if ctx.can("sync"):
            self._add_page("sync", self.tr("同步"), lambda: page_class("sync_page", "SyncPage")(ctx))
        if any(ctx.can(permission) for permission in RESTORING):
            self._add_page("recycle", self.tr("回收站"), lambda: page_class("recycle_page", "RecyclePage")(ctx))
        if ctx.can("manage_users"):
            self._add_page("users", self.tr("用户"), lambda: page_class("users_page", "UsersPage")(ctx))
        if ctx.can("audit"):
            self._add_page("audit", self.tr("日志"), lambda: page_class("audit_page", "AuditPage")(ctx))
        self._add_page("settings", self.tr("设置"), self._settings_page)
        self.nav.currentRowChanged.connect(lambda row: self.stack.setCurrentWidget(self.page(self.page_keys()[row])))
        self.show_page("home")
        self.live_changes = LiveChanges(ctx, self)  # other workstations' saves refresh the pages too

        self.search = SearchBox(ctx)
        self.lock_button = QPushButton(self.tr("锁定"))
        self.lock_button.setToolTip(self.tr("离开电脑时锁定屏幕，回来输入密码接着工作，打开的窗口都还在"))
        self.logout_button = QPushButton(self.tr("退出登录"))
        self.lock_button.clicked.connect(self.lock_requested)
        self.logout_button.clicked.connect(self.logout_requested)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        for button in (self.lock_button, self.logout_button):
            button.setVisible(bool(ctx.username))  # a database without passwords has nobody to log out
            top.addWidget(button)
        central = QWidget()
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

        self.office_label = QLabel()
        self._show_office()
        self.user_label = QLabel(self.user_text())
        self.statusBar().addPermanentWidget(self.office_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().showMessage(self.tr("数据库：{db}").format(db=ws.url), 10000)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_search)
        install_help_menu(self)
        keep_geometry(self, ctx.settings, "main_window", PREFERRED_SIZE, maximize_when_cramped=True)

    def _show_office(self) -> None:
        """The office's name in the title, the status bar and on the home page (set-up may just have named it)."""
        office = self.ctx.ws.office.name if self.ctx.ws.office else self.tr("（未设置单位）")
        self.setWindowTitle(self.tr("网格化管理综合信息采集簿 — {office}").format(office=office))
        self.office_label.setText(self.tr("单位：{office}").format(office=office))
        self.pages["home"].office_label.setText(office)

    def user_text(self) -> str:
        """Who is working, in which role, over which part of the tree."""
        actor = self.ctx.actor
        scope = self.ctx.ws.query.grid_node(actor.scope_grid_id).name if actor.scope_grid_id else self.tr("全部")
        return self.tr("当前用户：{user}（{role}，范围：{scope}）").format(user=actor.name, role=shown(actor.role) or "—",
                                                                       scope=scope)

    def _grading_page(self) -> GradingPage:
        page = page_class("grading_page", "GradingPage")(self.ctx)
        if "ledgers" in self._builders:
            page.ledger_requested.connect(self.open_ledger)
        return page

    def _settings_page(self) -> SettingsPage:
        page = page_class("settings_page", "SettingsPage")(self.ctx)
        page.backups.restored.connect(lambda _kept: self.reopen_requested.emit())
        page.database.reopen_requested.connect(self.reopen_requested.emit)
        return page

    def _add_page(self, key: str, title: str, build: Callable[[], QWidget]) -> None:
        """An area of the program: a placeholder in the stack until it is first shown (``page``), so the
        window opens as fast on a county's database as on an empty one."""
        self._builders[key] = build
        self.stack.addWidget(QWidget())
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nav.addItem(item)

    def page_keys(self) -> list[str]:
        return list(self._builders)

    def page(self, key: str) -> QWidget:
        """The page of area ``key``, built in place of its placeholder the first time it is asked for."""
        if key not in self.pages:
            index = self.page_keys().index(key)
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                page = self.pages[key] = self._builders[key]()
                page.help_topic = key  # F1 shows resources/help/<key>.md
            finally:
                QApplication.restoreOverrideCursor()
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.page_keys().index(key))
        return self.page(key)

    @property
    def households_page(self) -> HouseholdPage:
        return self.page("households")

    @property
    def grid_page(self) -> GridPage:
        return self.page("grid")

    @property
    def case_page(self) -> CasePage:
        return self.page("cases")

    @property
    def visit_page(self) -> VisitPage:
        return self.page("visits")

    def open_ledger(self, key: str, period: tuple | None) -> None:
        """From the 考核 page to the ledger page, on the ledger it shows (and its period)."""
        self.show_page("ledgers").choose(key, period)

    def jump(self, tile: str | ListTarget) -> None:
        """From a number or a chart's bar on the home page to the list behind it."""
        if isinstance(tile, ListTarget):
            self.open_list(tile)
        elif tile in ("overdue_cases", "open_cases"):
            self.show_page("cases")
            self.case_page.show_filtered(overdue=tile == "overdue_cases", in_progress=tile == "open_cases")
        else:
            self.show_page("visits")
            self.visit_page.show_due(within_days=7 if tile == "due_week" else 0,
                                     overdue_only=tile == "overdue_visits")

    def open_list(self, target: ListTarget) -> None:
        """The page that lists what a chart's bar counts, filtered as the bar says."""
        flt = target.filter
        if isinstance(flt, HouseholdFilter):
            self.show_page("households")
            self.households_page.show_list(target.scope_id, flt)
        elif isinstance(flt, CaseFilter):
            self.show_page("cases")
            self.case_page.show_list(flt)
        else:
            self.show_page("visits")
            self.visit_page.show_log(flt)

    # -- the first steps of a new office (the 首页 buttons) ----------------------------------------------------

    def start_setup(self) -> None:
        """建立网格: the set-up wizard while there is no tree yet (it builds the office's chain and grids from
        the official codes), then the 网格 page where nodes are added by hand."""
        if not self.ctx.ws.query.grid_children(None):
            from ui.dialogs.setup_wizard import SetupWizard

            if SetupWizard(self.ctx, self).exec() == QDialog.DialogCode.Accepted:
                self._show_office()
        self.show_page("grid")

    def import_roster(self) -> None:
        """导入花名册: the Excel import wizard, as the 住户 page opens it."""
        self.show_page("households")
        self.households_page.import_excel()

    def register_first_household(self) -> None:
        """登记第一户: a new household form in the grid selected on the 住户 page."""
        self.show_page("households")
        self.households_page.new_household()

    def set_passphrase(self) -> None:
        """设置同步口令: the passphrase dialog; the home page shows the step done once one is stored."""
        if ask_and_store_passphrase(self.ctx, self):
            self.pages["home"].refresh()

    def page_title(self, page: QWidget) -> str:
        return self.nav.item(self.stack.indexOf(page)).text()

    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def household_count(self) -> int:
        return self.households_page.model.rowCount()

    def has_unsaved_grid(self) -> bool:
        """The grid details hold changes not saved yet (never true of a 网格 page not built)."""
        grid = self.pages.get("grid")
        return grid is not None and grid.has_unsaved_changes()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def unsaved_work(self) -> list[str]:
        """The titles of the open windows (and the grid details) holding changes not saved yet."""
        titles = [form.windowTitle().replace("[*]", "") for form in self.findChildren(QWidget)
                  if form.isWindow() and form is not self and form.isVisible()
                  and getattr(form, "is_dirty", lambda: False)()]
        if self.has_unsaved_grid():
            titles.append(self.tr("网格的基本信息"))
        return titles

    def closeEvent(self, event: QCloseEvent) -> None:
        """Never lose typing: every open form and the grid details get their chance to ask first."""
        for form in self.findChildren(QWidget):
            if form.isWindow() and form is not self and form.isVisible() and not form.close():
                event.ignore()
                return
        if self.has_unsaved_grid():
            answer = messages.ask_save(self, self.tr("网格的基本信息已修改但尚未保存。"))
            if answer != "discard":
                if answer == "save":
                    self.grid_page.detail.save(then=self.close)
                event.ignore()
                return
        event.accept()
        self.closed.emit()

    def open_household(self, household_id: str, person_id: str | None = None) -> None:
        from ui.forms.household_form import HouseholdForm

        form = HouseholdForm(self.ctx, household_id=household_id, parent=self)
        if person_id:
            form.select_person(person_id)
        form.show()

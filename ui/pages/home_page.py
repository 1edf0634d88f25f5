"""首页: the office and today's work in big readable numbers — overdue and open cases, visits due today, this
week and overdue. Each number is a button that jumps to the list behind it. Until the office has a grid and a
first household, the first steps (ui.pages.first_steps) stand where the numbers would all be zero.

The numbers are read off the UI thread (who is due a visit in a whole county takes seconds) and only while
the page is shown; one due-visit read a week ahead gives all three visit numbers. Below them the charts of the
user's scope (ui.pages.dashboard_panel), each bar opening its list through the same jump; the page scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gridapp.cases.deadlines import RUNNING
from gridapp.changes import Changes, Table
from gridapp.dto import CaseFilter, ListTarget
from gridapp.queries import Queries
from ui import messages
from ui.context import AppContext
from ui.dialogs.passphrase_dialog import passphrase_store
from ui.display import scaled
from ui.latest_read import LatestRead
from ui.pages.backup_panel import stale_warning
from ui.pages.dashboard_panel import DashboardPanel
from ui.pages.first_steps import FirstSteps, SetupState, setup_state
from ui.widgets.banner import Banner

WATCHED = (Table.CASES, Table.CASE_STEPS, Table.VISITS, Table.HOUSEHOLDS, Table.PERSONS, Table.PERSON_TAGS, Table.GRID_NODES)
# (key the main window jumps by, title); the order is the order on screen
TILES = (("overdue_cases", QT_TRANSLATE_NOOP("HomePage", "超期事件")), ("open_cases", QT_TRANSLATE_NOOP("HomePage", "待办事件")),
         ("overdue_visits", QT_TRANSLATE_NOOP("HomePage", "已逾期走访")),
         ("due_today", QT_TRANSLATE_NOOP("HomePage", "今日到期走访")), ("due_week", QT_TRANSLATE_NOOP("HomePage", "本周到期走访")))
URGENT_STYLE = "QPushButton { color: #b00020; }"


class HomePage(QWidget):
    def __init__(self, ctx: AppContext, jump: Callable[[str | ListTarget], None],
                 steps: Mapping[str, Callable[[], None]], parent: QWidget | None = None) -> None:
        """``jump`` opens the list behind a number or a chart's bar; ``steps`` maps each first step to its
        action."""
        super().__init__(parent)
        self.ctx = ctx
        self.setup: SetupState | None = None
        self.day: datetime | None = None
        office = ctx.ws.office.name if ctx.ws.office else self.tr("（未设置单位）")
        self.office_label = QLabel(office)
        self.day_label = QLabel()
        self.backup_warning = Banner()  # the second copy of the backups is more than a week old
        self.tiles: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, (key, _title) in enumerate(TILES):
            tile = self.tiles[key] = QPushButton()
            tile.setObjectName(f"tile_{key}")
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            tile.clicked.connect(lambda _checked=False, k=key: jump(k))
            grid.addWidget(tile, i // 3, i % 3)
        self.tile_area = QWidget()
        self.tile_area.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.first_steps = FirstSteps(steps)
        self.first_steps.hide()
        self.dashboard = DashboardPanel(ctx, jump)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.office_label)
        layout.addWidget(self.day_label)
        layout.addWidget(self.backup_warning)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.first_steps)
        layout.addWidget(self.tile_area)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.dashboard)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._scale_fonts()
        self.read = LatestRead(ctx.tasks, self._show_counts, self._failed, self)
        ctx.bus.changed.connect(self.on_changes)
        self._show_counts(({}, None, ""))

    def _scale_fonts(self) -> None:
        """Title and numbers a size up from the page's font, so the large-font mode enlarges them too."""
        self.office_label.setFont(scaled(self.font(), 2.0, bold=True))
        for tile in self.tiles.values():
            tile.setFont(scaled(self.font(), 1.8))
            tile.setMinimumHeight(tile.fontMetrics().height() * 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._scale_fonts()

    def busy(self) -> bool:
        return self.read.running or self.dashboard.busy()

    def refresh(self) -> None:
        """Start reading the numbers of the acting user's scope at the context's clock, and how far the office
        has come with its first steps."""
        ctx = self.ctx
        now, scope, query = ctx.now(), ctx.actor.scope_grid_id, ctx.ws.query
        self.day = now
        passphrases = passphrase_store(ctx)
        self._show_day()
        self.read.start(lambda: (todo_counts(query, scope, now), setup_state(query, passphrases),
                                 stale_warning(ctx) if ctx.can("settings") else ""))

    def first_steps_shown(self) -> bool:
        return not self.first_steps.isHidden()

    def _show_day(self) -> None:
        now = self.day
        if now is None:
            return
        day = self.tr("今天是 {y}年{m}月{d}日").format(y=now.year, m=now.month, d=now.day)
        if self.setup is not None and not self.setup.started:
            self.day_label.setText(day + self.tr("。欢迎使用！"))
        else:
            self.day_label.setText(day + self.tr("，待办工作如下（点击数字查看）："))

    def _show_counts(self, result: tuple[dict[str, int], SetupState | None, str]) -> None:
        counts, setup, warning = result
        self.backup_warning.show_text(warning, "notice")
        if setup is not None:
            self.setup = setup
            self.first_steps.show_state(setup)
            self.first_steps.setVisible(not setup.started)
            self.tile_area.setVisible(setup.started)
            self.dashboard.setVisible(setup.started)
            self._show_day()
        for key, title in TILES:
            n = counts.get(key)
            self.tiles[key].setText(self.tr("{title}\n{n}").format(title=QCoreApplication.translate("HomePage", title), n="…" if n is None else n))
            self.tiles[key].setStyleSheet(URGENT_STYLE if key.startswith("overdue") and n else "")

    def _failed(self, exc: Exception) -> None:
        self.day_label.setText(self.tr("待办数字没有算出来：{error}").format(error=messages.failure_line(exc)))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED) and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page a day later shows that day's numbers."""
        super().showEvent(event)
        self.refresh()
        self.dashboard.refresh()


def todo_counts(query: Queries, scope_id: str | None, now: datetime) -> dict[str, int]:
    """The numbers of the tiles: cases in progress and overdue, visits overdue, due today and within a week."""
    cases = query.case_counts(CaseFilter(scope_id=scope_id), now)
    visits = query.due_counts(scope_id, now.date(), within_days=7)
    return {"overdue_cases": cases.overdue, "open_cases": sum(cases.by_step[step] for step in RUNNING),
            "overdue_visits": visits.overdue, "due_today": visits.due_today, "due_week": visits.due - visits.overdue}


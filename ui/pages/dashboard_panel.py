"""The charts under the home page's numbers: the dashboard of the user's scope (ws.query.dashboard), read off
the UI thread, read again shortly after the last of a burst of changes (an import's thousand notices cost one
read), and laid out one under another, wide enough for twelve months on a 1024-pixel screen; a click on a bar opens the list behind it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from gridapp.changes import Changes, Table
from gridapp.dto import Dashboard, ListTarget
from ui import messages
from ui.context import AppContext
from ui.latest_read import LatestRead
from ui.widgets.chart_view import ChartView

WATCHED = (Table.HOUSEHOLDS, Table.PERSONS, Table.CASES, Table.CASE_STEPS, Table.VISITS, Table.GRID_NODES)
SETTLE_MS = 800  # quiet time after a change before the charts are read again
COLUMNS = 1


class DashboardPanel(QWidget):
    def __init__(self, ctx: AppContext, open_list: Callable[[ListTarget], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.open_list = open_list
        self.views: list[ChartView] = []
        self.status = QLabel(self.tr("正在统计图表…"))
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.addWidget(self.status, 0, 0, 1, COLUMNS)
        self.read = LatestRead(ctx.tasks, self._show, self._failed, self)
        self.settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self.settle.timeout.connect(self.refresh)
        ctx.bus.changed.connect(self.on_changes)

    def busy(self) -> bool:
        return self.read.running or self.settle.isActive()

    def refresh(self) -> None:
        query, now = self.ctx.ws.query, self.ctx.now()
        self.read.start(lambda: query.dashboard(None, now))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED) and self.isVisible():
            self.settle.start()

    def _show(self, board: Dashboard) -> None:
        for view in self.views:
            self.grid.removeWidget(view)
            view.deleteLater()
        self.views = [ChartView(chart) for chart in board.charts]
        for i, view in enumerate(self.views):
            view.opened.connect(self.open_list)
            self.grid.addWidget(view, 1 + i // COLUMNS, i % COLUMNS)
        self.status.setText(self.tr("{scope}概况（点击图中的柱子查看名单）：").format(scope=board.scope_name))

    def _failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("图表没有统计出来：{error}").format(error=messages.failure_line(exc)))

    def chart(self, key: str) -> ChartView:
        return next(view for view in self.views if view.chart.key == key)

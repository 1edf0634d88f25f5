"""首页: the office and today's work in big readable numbers — overdue and open cases, visits due today, this
week and overdue. Each number is a button that jumps to the list behind it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from gridapp.changes import Changes
from ui.context import AppContext

WATCHED = ("cases", "case_steps", "visits", "households", "persons", "person_tags")
# (key the main window jumps by, title); the order is the order on screen
TILES = (("overdue_cases", "超期事件"), ("open_cases", "待办事件"), ("overdue_visits", "已逾期走访"),
         ("due_today", "今日到期走访"), ("due_week", "本周到期走访"))
URGENT_STYLE = "QPushButton { color: #b00020; }"


class HomePage(QWidget):
    def __init__(self, ctx: AppContext, jump: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        office = ctx.ws.office.name if ctx.ws.office else self.tr("（未设置单位）")
        self.office_label = QLabel(office)
        title_font = self.office_label.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 2)
        title_font.setBold(True)
        self.office_label.setFont(title_font)
        self.day_label = QLabel()
        self.tiles: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, (key, _title) in enumerate(TILES):
            tile = self.tiles[key] = QPushButton()
            tile.setObjectName(f"tile_{key}")
            tile_font = tile.font()
            tile_font.setPointSizeF(tile_font.pointSizeF() * 1.8)
            tile.setFont(tile_font)
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            tile.setMinimumHeight(tile.fontMetrics().height() * 4)
            tile.clicked.connect(lambda _checked=False, k=key: jump(k))
            grid.addWidget(tile, i // 3, i % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.office_label)
        layout.addWidget(self.day_label)
        layout.addSpacing(self.fontMetrics().height())
        layout.addLayout(grid)
        layout.addStretch(1)
        ctx.bus.changed.connect(self.on_changes)
        self.refresh()

    def counts(self) -> dict[str, int]:
        """The to-do numbers of the acting user's scope at the context's clock."""
        query, now, scope = self.ctx.ws.query, self.ctx.now(), self.ctx.actor.scope_grid_id
        work = query.work_counts(scope, now)
        week = len(query.due_visits(scope, now.date(), within_days=7))
        return {"overdue_cases": work.overdue_cases, "open_cases": work.open_cases,
                "overdue_visits": work.overdue_visits, "due_today": work.due_visits - work.overdue_visits,
                "due_week": week - work.overdue_visits}

    def refresh(self) -> None:
        now = self.ctx.now()
        self.day_label.setText(self.tr("今天是 {y}年{m}月{d}日，待办工作如下（点击数字查看）：").format(
            y=now.year, m=now.month, d=now.day))
        counts = self.counts()
        for key, title in TILES:
            n = counts[key]
            self.tiles[key].setText(self.tr("{title}\n{n}").format(title=self.tr(title), n=n))
            urgent = key.startswith("overdue") and n > 0
            self.tiles[key].setStyleSheet(URGENT_STYLE if urgent else "")

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page a day later shows that day's numbers."""
        super().showEvent(event)
        self.refresh()

"""考核: the grids ranked by difficulty (网格难度, with the workers each has and how many it should have) and each
worker's assessment for a month, quarter or year. Both are read off the UI thread; 打印/导出 opens the ledger page
on the matching ledger (网格难度, 网格员考核表 with the chosen period)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridapp.i18n import shown
from gridapp.queries.assessment import PERIOD_KINDS, period_of
from ui.context import AppContext
from ui.latest_read import LatestRead
from ui.widgets.date_edit import DateEdit, checked

LEVELS = ((QT_TRANSLATE_NOOP("GradingPage", "按网格"), 4), (QT_TRANSLATE_NOOP("GradingPage", "按村(社区)"), 3),
          (QT_TRANSLATE_NOOP("GradingPage", "按镇(街道)"), 2))
PERIODS = {"月": QT_TRANSLATE_NOOP("GradingPage", "月度"), "季": QT_TRANSLATE_NOOP("GradingPage", "季度"),
           "年": QT_TRANSLATE_NOOP("GradingPage", "年度")}
ASSESSMENT_HEADERS = (
    QT_TRANSLATE_NOOP("GradingPage", "网格员"), QT_TRANSLATE_NOOP("GradingPage", "负责网格"),
    QT_TRANSLATE_NOOP("GradingPage", "应走访"), QT_TRANSLATE_NOOP("GradingPage", "按时走访"),
    QT_TRANSLATE_NOOP("GradingPage", "按时走访率"), QT_TRANSLATE_NOOP("GradingPage", "走访次数"),
    QT_TRANSLATE_NOOP("GradingPage", "登记事件"), QT_TRANSLATE_NOOP("GradingPage", "办结事件"),
    QT_TRANSLATE_NOOP("GradingPage", "按时办结"), QT_TRANSLATE_NOOP("GradingPage", "按时办结率"),
    QT_TRANSLATE_NOOP("GradingPage", "评价件数"), QT_TRANSLATE_NOOP("GradingPage", "满意率"),
    QT_TRANSLATE_NOOP("GradingPage", "预警化解"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GradingPage", text)


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def assessment_texts(row: Any) -> tuple[str, ...]:
    return (row.worker_name, "、".join(row.grids), str(row.visits_due), str(row.visits_on_time),
            percent(row.visit_rate), str(row.visits_made), str(row.cases_registered), str(row.cases_handled),
            str(row.cases_on_time), percent(row.case_rate), str(row.rated), percent(row.satisfaction_rate),
            str(row.warnings_resolved))


def short_names(rows: list[Any]) -> list[str]:
    """The rows' paths without the part they all share ("宁陵县 / 清河镇 / 幸福村 / "), so the names fit."""
    paths = [r.path_text.split(" / ") for r in rows]
    shared = 0
    while paths and all(len(p) > shared + 1 and p[shared] == paths[0][shared] for p in paths):
        shared += 1
    return [" / ".join(p[shared:]) for p in paths]


def difficulty_texts(rank: int, name: str, row: Any) -> tuple[str, ...]:
    return (str(rank), name, f"{row.score:g}", *(str(n) for n in row.counts.values()),
            "、".join(row.workers), str(len(row.workers)), str(row.suggested_workers))


def _table() -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    return table


def _fill(table: QTableWidget, headers: list[str], rows: list[tuple[str, ...]]) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


class GradingPage(QWidget):
    # a ledger key and the period to print it for (None: a ledger of the present state)
    ledger_requested = Signal(str, object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()

        self.level = QComboBox()
        for label, level in LEVELS:
            self.level.addItem(_tr(label), level)
        self.level.currentIndexChanged.connect(lambda _index: self.refresh_difficulty())
        self.difficulty = _table()
        self.difficulty_label = QLabel()
        self.difficulty_label.setWordWrap(True)
        print_difficulty = QPushButton(self.tr("打印/导出网格难度…"))
        print_difficulty.clicked.connect(lambda: self.ledger_requested.emit("difficulty", None))
        level_box = QWidget()
        level_row = QHBoxLayout(level_box)
        level_row.setContentsMargins(0, 0, 0, 0)
        level_row.addWidget(QLabel(self.tr("统计到：")))
        level_row.addWidget(self.level)
        level_row.addStretch(1)
        self.tabs.addTab(self._tab(level_box, self.difficulty, self.difficulty_label, print_difficulty),
                         self.tr("网格难度"))

        self.period_kind = QComboBox()
        for kind in PERIOD_KINDS:
            self.period_kind.addItem(_tr(PERIODS[kind]), kind)
        self.period_kind.setCurrentIndex(PERIOD_KINDS.index("季"))
        self.period_kind.currentIndexChanged.connect(lambda _index: self.refresh_assessment())
        self.day = DateEdit()
        self.day.setMaximumWidth(self.day.fontMetrics().horizontalAdvance("2026-11-01") * 2)
        self.day.set_value(ctx.ws.today())
        self.day.setToolTip(self.tr("期间内的任意一天，如 2026-11-01 选中它所在的月、季度或年"))
        self.day.editingFinished.connect(self.refresh_assessment)
        self.period_label = QLabel()
        chooser = QWidget()
        row = QHBoxLayout(chooser)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("考核期间：")))
        row.addWidget(self.period_kind)
        row.addWidget(checked(self.day))
        row.addWidget(self.period_label)
        row.addStretch(1)
        self.assessment = _table()
        self.assessment_label = QLabel()
        self.assessment_label.setWordWrap(True)
        print_assessment = QPushButton(self.tr("打印/导出考核表…"))
        print_assessment.clicked.connect(lambda: self.ledger_requested.emit("assessment", self.period()))
        self.tabs.addTab(self._tab(chooser, self.assessment, self.assessment_label, print_assessment),
                         self.tr("网格员考核"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.difficulty_read = LatestRead(ctx.tasks, self._show_difficulty, self._failed(self.difficulty_label), self)
        self.assessment_read = LatestRead(ctx.tasks, self._show_assessment, self._failed(self.assessment_label), self)
        ctx.bus.changed.connect(lambda _changes: self.refresh())
        self.refresh()

    @staticmethod
    def _tab(top: QWidget, table: QTableWidget, label: QLabel, button: QPushButton) -> QWidget:
        tab = QWidget()
        bottom = QHBoxLayout()
        bottom.addWidget(label, 1)
        bottom.addWidget(button)
        layout = QVBoxLayout(tab)
        layout.addWidget(top)
        layout.addWidget(table, 1)
        layout.addLayout(bottom)
        return tab

    def _failed(self, label: QLabel) -> Callable[[Exception], None]:
        return lambda exc: label.setText(str(exc))

    def busy(self) -> bool:
        return self.difficulty_read.running or self.assessment_read.running

    def refresh(self) -> None:
        self.refresh_difficulty()
        self.refresh_assessment()

    def period(self) -> tuple[date, date] | None:
        day = self.day.value()
        return period_of(self.period_kind.currentData(), day) if day else None

    def refresh_difficulty(self) -> None:
        query, level = self.ctx.ws.query, self.level.currentData()
        self.difficulty_read.start(lambda: query.grid_difficulty(None, level))

    def refresh_assessment(self) -> None:
        period = self.period()
        if period is None:
            return
        first, last = period
        self.period_label.setText(self.tr("{first} 至 {last}").format(first=first.isoformat(), last=last.isoformat()))
        query = self.ctx.ws.query
        self.assessment_read.start(lambda: query.worker_assessment(None, period))

    def _show_difficulty(self, rows: list[Any]) -> None:
        parts = list(rows[0].counts) if rows else []
        headers = [self.tr("排名"), self.tr("网格"), self.tr("难度分"), *(shown(part) for part in parts), self.tr("现有网格员"),
                   self.tr("现有人数"), self.tr("建议人数")]
        names = short_names(rows)
        _fill(self.difficulty, headers, [difficulty_texts(i, name, r)
                                         for i, (name, r) in enumerate(zip(names, rows, strict=True), start=1)])
        for r, row in enumerate(rows):
            self.difficulty.item(r, 1).setToolTip(row.path_text)
        short = sum(1 for r in rows if len(r.workers) < r.suggested_workers)
        self.difficulty_label.setText(self.tr("共 {n} 个，其中 {short} 个的网格员少于建议人数").format(
            n=len(rows), short=short))

    def _show_assessment(self, rows: list[Any]) -> None:
        _fill(self.assessment, [_tr(h) for h in ASSESSMENT_HEADERS], [assessment_texts(r) for r in rows])
        self.assessment_label.setText(self.tr("共 {n} 名网格员").format(n=len(rows)))

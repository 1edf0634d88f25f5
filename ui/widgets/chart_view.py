"""One dashboard chart (gridapp.dto.Chart) drawn with QtCharts: bars in the chart's plain colours, large
fonts that follow the page's font, and a click on a bar emits the list behind it (a ListTarget)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gridapp.dto import Chart, ListTarget
from gridapp.i18n import shown
from ui.display import scaled

LONG_LABELS = 6  # more categories than this: their labels are turned to fit under the bars


class ChartView(QWidget):
    """A titled bar chart; ``opened`` carries the ListTarget of the bar clicked."""

    opened = Signal(object)

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.title = QLabel(shown(chart.title))
        self.note = QLabel(chart.note)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(chart.note))
        self.empty = QLabel(self.tr("暂无数据"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view = QChartView(self._build(chart))
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setCursor(Qt.CursorShape.PointingHandCursor)
        self.view.setVisible(not chart.empty)
        self.empty.setVisible(chart.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.note, self.view, self.empty):
            layout.addWidget(widget)
        self._scale_fonts()

    def _build(self, chart: Chart) -> QChart:
        series = QStackedBarSeries() if chart.stacked else QBarSeries()
        self.bar_sets: list[QBarSet] = []
        for s in chart.series:
            bars = QBarSet(shown(s.name))
            bars.append([float(v) for v in s.values])
            bars.setColor(QColor(s.colour))
            bars.setBorderColor(QColor(s.colour))
            bars.clicked.connect(lambda index, targets=s.targets: self._clicked(targets, index))
            series.append(bars)
            self.bar_sets.append(bars)
        self.qchart = QChart()
        self.qchart.addSeries(series)
        self.qchart.setMargins(QMargins(4, 4, 4, 4))
        self.qchart.setBackgroundRoundness(0)
        self.x_axis = QBarCategoryAxis()
        self.x_axis.append([shown(c) for c in chart.categories])  # grid names pass through
        if len(chart.categories) > LONG_LABELS:
            self.x_axis.setLabelsAngle(-45)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.qchart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.qchart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(self.x_axis)
        series.attachAxis(self.y_axis)
        self.y_axis.setRange(0, max(1.0, _highest(chart)))  # an empty chart's range [0, 0] makes nice numbers NaN
        self.y_axis.applyNiceNumbers()
        self.qchart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return self.qchart

    def _clicked(self, targets: tuple[ListTarget | None, ...], index: int) -> None:
        if 0 <= index < len(targets) and targets[index] is not None:
            self.opened.emit(targets[index])

    def _scale_fonts(self) -> None:
        """Titles a size up and axis labels at the page's own size, so the large-font mode enlarges them."""
        font = self.font()
        self.title.setFont(scaled(font, 1.3, bold=True))
        self.qchart.legend().setFont(font)
        self.x_axis.setLabelsFont(font)
        self.y_axis.setLabelsFont(font)
        self.view.setMinimumHeight(self.fontMetrics().height() * 18)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._scale_fonts()


def _highest(chart: Chart) -> float:
    """The top of the tallest bar: the largest sum of a category's values when stacked, else the largest value."""
    columns = list(zip(*(s.values for s in chart.series), strict=True)) if chart.series else []
    if chart.stacked:
        return max((float(sum(c)) for c in columns), default=0.0)
    return max((float(v) for c in columns for v in c), default=0.0)

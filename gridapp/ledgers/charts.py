"""A dashboard chart (gridapp.dto.Chart) drawn on paper with reportlab.graphics: the same bars, colours and
legend as on the home page, in the embedded Chinese font."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

from gridapp.dto import Chart
from gridapp.ledgers.fonts import font_name

HEIGHT = 70 * mm
LEGEND = 10 * mm
LABEL_SIZE = 8


def chart_drawing(chart: Chart, width: float) -> Drawing:
    font = font_name()
    drawing = Drawing(width, HEIGHT)
    bars = VerticalBarChart()
    bars.x, bars.y = 12 * mm, LEGEND + 8 * mm
    bars.width, bars.height = width - 16 * mm, HEIGHT - LEGEND - 12 * mm
    bars.data = [list(s.values) for s in chart.series]
    bars.categoryAxis.categoryNames = list(chart.categories)
    bars.categoryAxis.style = "stacked" if chart.stacked else "parallel"
    for axis in (bars.categoryAxis.labels, bars.valueAxis.labels):
        axis.fontName, axis.fontSize = font, LABEL_SIZE
    bars.valueAxis.valueMin = 0
    bars.valueAxis.labelTextFormat = "%d"
    bars.barSpacing = 0
    for i, s in enumerate(chart.series):
        bars.bars[i].fillColor = colors.HexColor(s.colour)
        bars.bars[i].strokeColor = colors.HexColor(s.colour)
    legend = Legend()
    legend.x, legend.y = 12 * mm, LEGEND / 2
    legend.fontName, legend.fontSize = font, LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(colors.HexColor(s.colour), s.name) for s in chart.series]
    drawing.add(bars)
    drawing.add(legend)
    return drawing

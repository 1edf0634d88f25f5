"""The charts on 首页: they show the core's dashboard of the user's scope, a click on a bar opens the list it
counts (households by grid and colour, cases by month and step, a worker's visits), and they follow a change in
a household made elsewhere."""

from __future__ import annotations

import pytest
from case_helpers import Clock
from factories import as_input
from PySide6.QtCore import QPoint, QPointF, Qt
from ui_helpers import elsewhere

from gridapp.dto import HouseholdFilter


@pytest.fixture
def clock(ctx):
    return Clock(ctx)


def _home(window, qtbot):
    home = window.pages["home"]
    qtbot.waitUntil(lambda: not home.busy() and bool(home.dashboard.views))
    return home


def _red(view) -> tuple[int, ...]:
    return next(s.values for s in view.chart.series if s.name == "红色")


def _click_bar(qtbot, view, series: int, index: int) -> None:
    """A real mouse click in the middle of a bar of the chart's view."""
    chart = view.qchart
    bars = chart.series()[0]
    below = sum(s.values[index] for s in view.chart.series[:series]) if view.chart.stacked else 0
    middle = chart.mapToPosition(QPointF(index, below + view.chart.series[series].values[index] / 2), bars)
    point = view.view.mapFromScene(chart.mapToScene(middle))
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))


def test_charts_show_the_dashboard_of_the_scope(clock, window, ctx, qtbot) -> None:
    home = _home(window, qtbot)
    board = ctx.ws.query.dashboard(None, ctx.now())
    assert [v.chart.key for v in home.dashboard.views] == [c.key for c in board.charts]
    assert [v.chart for v in home.dashboard.views] == list(board.charts)
    colours = home.dashboard.chart("colours")
    assert colours.isVisible() and colours.view.isVisible()
    assert list(colours.x_axis.categories()) == list(board.charts[1].categories)
    assert [b.label() for b in colours.bar_sets] == ["红色", "黄色", "绿色"]
    assert colours.bar_sets[0].color().name() == "#d9534f"
    assert home.dashboard.status.text().startswith(board.scope_name)


def test_clicking_a_bar_opens_the_list_it_counts(clock, window, ctx, qtbot) -> None:
    home = _home(window, qtbot)
    colours = home.dashboard.chart("colours")
    grid = next(i for i, n in enumerate(_red(colours)) if n)
    _click_bar(qtbot, colours, 0, grid)
    page = window.households_page
    assert window.stack.currentWidget() is page
    assert page.filters["colour"].currentData() == "红"
    assert page.scope_id() == colours.chart.series[0].targets[grid].scope_id
    assert page.model.rowCount() == _red(colours)[grid]

    window.show_page("home")
    steps = home.dashboard.chart("case_steps")
    month, series = max((m, i) for i, s in enumerate(steps.chart.series) for m, n in enumerate(s.values) if n)
    _click_bar(qtbot, steps, series, month)
    cases = window.case_page
    target = steps.chart.series[series].targets[month].filter
    assert window.stack.currentWidget() is cases
    assert cases.status.currentText() == steps.chart.series[series].name
    assert (cases.date_from.value(), cases.date_to.value()) == (target.accepted_from, target.accepted_to)
    assert cases.model.rowCount() == steps.chart.series[series].values[month]

    window.show_page("home")
    visits = home.dashboard.chart("visits")
    worker = next(i for i, n in enumerate(visits.chart.series[1].values) if n)
    _click_bar(qtbot, visits, 1, worker)
    page = window.visit_page
    target = visits.chart.series[1].targets[worker].filter
    assert window.stack.currentWidget() is page and page.tabs.currentIndex() == 0
    assert page.worker_id() == target.worker_id and page.date_from.value() == target.date_from
    assert page.log_model.rowCount() == len(ctx.ws.query.visit_ids(target)) > 0


def test_the_colour_chart_follows_a_household_whose_income_falls_below_the_line(clock, window, ctx, qtbot) -> None:
    home = _home(window, qtbot)
    colours = home.dashboard.chart("colours")
    before = _red(colours)
    target = colours.chart.series[2].targets[0]  # the green households of the first grid
    green = ctx.ws.query.household_ids(target.scope_id, HouseholdFilter(colour="绿"))
    views = (ctx.ws.query.household(h) for h in green)
    view = next(v for v in views if not v.colour_override)  # judged by the rules, not 人工认定
    household = view.id
    elsewhere(ctx, lambda: ctx.ws.households.update(ctx.actor, household, as_input(view, income_per_capita=3000)))
    qtbot.waitUntil(lambda: not home.busy() and _red(home.dashboard.chart("colours"))[0] == before[0] + 1)
    assert _red(home.dashboard.chart("colours"))[1:] == before[1:]


def test_an_empty_chart_gets_a_real_value_axis_and_a_stacked_one_reaches_its_tallest_pile(qtbot) -> None:
    """A chart with no bars once gave QtCharts the range [0, 0] and a NaN axis (warnings on every start on an
    empty database); a stacked chart's axis must reach the sum of its tallest pile, not its largest part."""
    from gridapp.dto import Chart, ChartSeries
    from ui.widgets.chart_view import ChartView

    empty = ChartView(Chart("e", "空", (), ()))
    qtbot.addWidget(empty)
    assert (empty.y_axis.min(), empty.y_axis.max()) == (0.0, 1.0)
    piles = Chart("s", "堆", ("甲", "乙"), (ChartSeries("红", (3, 40), "#d9534f", (None, None)),
                                          ChartSeries("绿", (5, 30), "#5cb85c", (None, None))), stacked=True)
    stacked = ChartView(piles)
    qtbot.addWidget(stacked)
    assert stacked.y_axis.max() >= 70

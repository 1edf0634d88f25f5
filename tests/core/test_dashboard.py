"""The dashboard's figures on a small hand-built village whose answers are stated here: households and persons
and 红黄绿 per grid, cases per month by step and timeliness, visit completion per worker — and every bar
opening a list that holds exactly what the bar counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from factories import family, valid_id

from gridapp.access import OutOfScope
from gridapp.dto import SYSTEM, Actor, CaseFilter, CaseInput, Chart, HouseholdFilter, VisitFilter, VisitInput
from gridapp.queries.dashboard import CHART_SOURCES, month_starts, round_start
from gridapp.workspace import Workspace

NOW = datetime(2026, 5, 20, 12, 0)
ADMIN = Actor("李支书", role="村(社区)管理员")


@pytest.fixture
def village(ws: Workspace, tree) -> dict[str, str]:
    """第一网格: a red household, a green one in its micro-grid; 第二网格: a yellow one. Cases in April and
    May 2026 and one a year before; 王丽 (第一网格) visited once in this round, 李强 (第二网格) never."""
    def household(grid: str, number: str, colour: str) -> str:
        data = replace(family(grid, number, head_id=valid_id(f"4114231960010100{number[-1]}")), colour=colour,
                       colour_reason="入户核实认定")
        return ws.households.create(SYSTEM, data).id

    made = {"red": household(tree.grid1, "001", "红"), "green": household(tree.micro, "002", "绿"),
            "yellow": household(tree.grid2, "003", "黄")}

    def register(grid: str, title: str, day: datetime) -> str:
        return ws.cases.register(Actor("王网格员", role="网格员"), CaseInput(grid, title, "环境保护"), day).id

    made["last_year"] = register(tree.grid1, "去年的事件", datetime(2025, 5, 1, 9))
    made["done"] = register(tree.grid1, "垃圾堆积", datetime(2026, 4, 30, 9))
    made["late"] = register(tree.micro, "电动车楼道充电", datetime(2026, 5, 1, 9))
    made["new1"] = register(tree.grid2, "路灯损坏", datetime(2026, 5, 18, 9))
    made["new2"] = register(tree.grid2, "夜间施工噪声", datetime(2026, 5, 19, 9))
    ws.cases.act(ADMIN, made["done"], "转办", {"level": "网格自办"}, now=datetime(2026, 4, 30, 10))
    ws.cases.act(ADMIN, made["done"], "反馈结果", {"note": "已清运"}, now=datetime(2026, 5, 2, 10))
    ws.cases.act(ADMIN, made["late"], "转办", {"level": "村"}, now=datetime(2026, 5, 1, 10))

    made["wangli"] = ws.grid.add_worker(SYSTEM, tree.grid1, "王丽").id
    made["liqiang"] = ws.grid.add_worker(SYSTEM, tree.grid2, "李强").id
    ws.grid.add_worker(SYSTEM, tree.village, "张村长", role="网格长")  # leads, does not visit: not counted
    for day in (date(2026, 5, 10), date(2026, 4, 1), date(2026, 1, 5)):  # the last one is before this round
        ws.visits.record(SYSTEM, VisitInput("household", made["red" if day.month > 1 else "green"], visited_on=day,
                                            worker_id=made["wangli"], content="入户了解近况"))
    return made


def charts(ws: Workspace, scope: str | None = None) -> dict[str, Chart]:
    board = ws.query.dashboard(scope, NOW)
    return {c.key: c for c in board.charts}


def values(chart: Chart) -> dict[str, tuple[int, ...]]:
    return {s.name: s.values for s in chart.series}


def test_per_grid_figures(ws: Workspace, tree, village) -> None:
    board = ws.query.dashboard(tree.village, NOW)
    assert (board.scope_id, board.scope_name) == (tree.village, "幸福村")
    assert [c.key for c in board.charts] == [source(ws.query.dashboard_area(tree.village, NOW)).key
                                             for source in CHART_SOURCES]
    by_key = {c.key: c for c in board.charts}
    population = by_key["population"]
    assert population.categories == ("第一网格", "第二网格")
    assert values(population) == {"户数": (2, 1), "人数": (6, 3)}
    assert values(by_key["colours"]) == {"红色": (1, 0), "黄色": (0, 1), "绿色": (1, 0)}
    assert [s.colour for s in by_key["colours"].series] == ["#d9534f", "#f0ad4e", "#5cb85c"]


def test_cases_per_month_by_step_and_timeliness(ws: Workspace, tree, village) -> None:
    by_key = charts(ws, tree.village)
    steps, timely = by_key["case_steps"], by_key["case_timeliness"]
    assert month_starts(NOW.date())[0] == date(2025, 6, 1)  # twelve months: the case of May 2025 is left out
    assert steps.categories[0] == "6月" and steps.categories[-1] == "5月" and "2025年6月至2026年5月" in steps.note
    zeros = (0,) * 10
    assert values(steps) == {"事项受理": (*zeros, 0, 2), "分类转办": (*zeros, 0, 1), "结果反馈": (*zeros, 1, 0)}
    assert values(timely) == {"按时办结": (*zeros, 1, 0), "办理中": (*zeros, 0, 2), "超时办结": (0,) * 12,
                              "已超期": (*zeros, 0, 1)}


def test_visit_completion_per_worker(ws: Workspace, tree, village) -> None:
    visits = charts(ws, tree.village)["visits"]
    assert round_start(NOW.date()) == date(2026, 2, 21)  # 每户每季度走访: the last three months
    assert visits.categories == ("李强", "王丽")  # furthest behind first; the 网格长 is not counted
    assert values(visits) == {"应访户数": (1, 2), "已访户数": (0, 1)}  # two visits to one household count once


def test_every_bar_opens_the_list_it_counts(ws: Workspace, tree, village) -> None:
    def listed(target) -> int:
        flt = target.filter
        if isinstance(flt, HouseholdFilter):
            return len(ws.query.household_ids(target.scope_id, flt))
        if isinstance(flt, CaseFilter):
            return len(ws.query.case_ids(flt, NOW))
        assert isinstance(flt, VisitFilter)
        return len({v.target_id for v in ws.query.visit_log(flt)})

    for chart in charts(ws, tree.village).values():
        if chart.key in ("population", "case_timeliness", "difficulty", "warnings"):  # persons, 按时/超时,
            continue  # scores have no list of their own; a 预警 bar opens all the grid's 帮扶 cases
        for series in chart.series:
            for value, target in zip(series.values, series.targets, strict=True):
                if chart.key != "visits" or series.name == "已访户数":
                    assert listed(target) == value, (chart.key, series.name)
    timely = charts(ws, tree.village)["case_timeliness"]
    overdue = next(s for s in timely.series if s.name == "已超期")
    assert ws.query.case_ids(overdue.targets[-1].filter, NOW) == [village["late"]]


def test_the_most_difficult_grids_come_from_the_difficulty_ranking(ws: Workspace, tree, village) -> None:
    chart = charts(ws, tree.village)["difficulty"]
    ranked = ws.query.grid_difficulty(tree.village)
    assert chart.categories == tuple(g.grid_name for g in ranked)
    assert values(chart)["难度分"] == tuple(round(g.score) for g in ranked)
    assert values(chart)["建议网格员"] == tuple(g.suggested_workers for g in ranked)
    assert [t.scope_id for t in chart.series[0].targets] == [g.grid_id for g in ranked]


def test_warnings_per_grid_agree_with_the_monitor(ws: Workspace, tree, village) -> None:
    chart = charts(ws, tree.village)["warnings"]
    counts = {w.grid_name: w for w in ws.query.warning_counts(tree.village)}
    resolved, still_open = values(chart)["已解除"], values(chart)["未解除"]
    for i, grid in enumerate(chart.categories):
        expected = counts.get(grid)
        assert (resolved[i], still_open[i]) == ((expected.resolved, expected.open) if expected else (0, 0))


def test_scoped_user_sees_own_grid_only(ws: Workspace, tree, village) -> None:
    worker = ws.as_user(Actor("李强", role="网格员", scope_grid_id=tree.grid2))
    board = worker.query.dashboard(None, NOW)
    assert board.scope_id == tree.grid2
    by_key = {c.key: c for c in board.charts}
    assert by_key["population"].categories == ("第二网格",)  # a grid without children is its own bar
    assert values(by_key["colours"]) == {"红色": (0,), "黄色": (1,), "绿色": (0,)}
    assert values(by_key["case_steps"]) == {"事项受理": (0,) * 11 + (2,)}
    with pytest.raises(OutOfScope):
        worker.query.dashboard(tree.grid1, NOW)


def test_by_default_the_charts_start_where_the_tree_forks(ws: Workspace, tree, village) -> None:
    board = ws.query.dashboard(None, NOW)  # 宁陵县 → 清河镇 → 幸福村 each have one child
    assert board.scope_id == tree.village
    population = {c.key: c for c in board.charts}["population"]
    assert population.categories == ("第一网格", "第二网格") and values(population) == {"户数": (2, 1), "人数": (6, 3)}
    county = {c.key: c for c in ws.query.dashboard(tree.county, NOW).charts}["population"]
    assert county.categories == ("清河镇",) and values(county) == {"户数": (3,), "人数": (9,)}

"""Grid difficulty and worker assessment (考核) on a small hand-built tree whose answers are stated here."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime

import backends
import pytest
from cli_helpers import gridapp as run_cli
from factories import family, pages_text
from openpyxl import load_workbook
from sqlalchemy import update

from gridapp.dto import SYSTEM, Actor, CaseInput, TagInput, VisitInput
from gridapp.errors import RuleViolation
from gridapp.excel.ledger_export import export_xlsx
from gridapp.ledgers import build_ledger, render_pdf
from gridapp.models import Case, Household, Setting, User
from gridapp.queries.assessment import period_of
from gridapp.queries.difficulty_weights import SETTING_KEY
from gridapp.workspace import Workspace

Q1 = (date(2027, 1, 1), date(2027, 3, 31))


def floating_family(grid_id: str) -> object:
    base = family(grid_id, "002", head_id="")
    members = [replace(base.members[0], residence_kind="流动人口"),
               replace(base.members[1], tags=[TagInput("community_correction")]), base.members[2]]
    return replace(base, members=members, colour="红", colour_reason="危房")


@pytest.fixture
def graded(ws: Workspace, tree):
    """grid1: a red household (one floating member, one under 社区矫正), a rented house, a 九小场所 and a shop,
    and in its micro-grid a yellow household and one case; grid2: a green household and two rented houses."""
    ws.households.create(SYSTEM, floating_family(tree.grid1))
    ws.households.create(SYSTEM, replace(family(tree.micro, "003", head_id=""), colour="黄", colour_reason="低收入"))
    ws.households.create(SYSTEM, family(tree.grid2, "004", head_id=""))
    ws.houses.create(SYSTEM, tree.micro, address="幸福村1组9号", use="出租")
    for n in (1, 2):
        ws.houses.create(SYSTEM, tree.grid2, address=f"幸福村2组{n}号", use="出租")
    ws.places.create(SYSTEM, tree.grid1, name="小吃部", type="九小场所")
    ws.places.create(SYSTEM, tree.grid1, name="便民超市", type="商超")
    ws.cases.register(SYSTEM, CaseInput(tree.micro, "路灯损坏", "城市管理"))
    ws.grid.add_worker(SYSTEM, tree.grid1, "王丽")
    ws.grid.add_worker(SYSTEM, tree.micro, "赵强")
    ws.grid.update(SYSTEM, tree.grid2, head_name="李四")
    with ws.write(SYSTEM) as tx:
        tx.session.add(User(username="sunqi", display_name="孙七", role="网格员", scope_grid_id=tree.grid2))
    return tree


def test_every_grid_scores_its_weighted_counts_and_micro_grids_count_in_their_grid(ws: Workspace, graded) -> None:
    first, second = ws.query.grid_difficulty(graded.village)
    # grid1: 2 households ×1, 1 floating ×2, 1 rented ×3, 1 shop ×1, 1 九小场所 ×2, 1 special ×3, 1 red ×5,
    # 1 yellow ×2, 1 case ×1 = 21
    assert (first.grid_id, first.grid_name, first.score) == (graded.grid1, "第一网格", 21)
    assert first.path_text == "宁陵县 / 清河镇 / 幸福村 / 第一网格"
    assert first.parts == {"住户": 2, "流动人口": 2, "出租房": 3, "场所": 1, "九小场所": 2, "特殊人群": 3,
                           "红色户": 5, "黄色户": 2, "事件": 1}
    assert first.counts["住户"] == 2 and first.counts["出租房"] == 1
    assert first.workers == ("王丽", "赵强")
    # grid2: 1 household ×1 + 2 rented ×3 = 7; its 网格长 named on the node and the user scoped to it
    assert (second.grid_id, second.score, second.workers) == (graded.grid2, 7, ("李四", "孙七"))
    assert first.suggested_workers == second.suggested_workers == 1


def test_a_stored_copy_of_the_weights_wins_and_sets_the_suggested_workers(ws: Workspace, graded) -> None:
    weights = {"parts": [{"key": "households", "label": "住户", "weight": 10},
                         {"key": "rented_houses", "label": "出租房", "weight": 1}],
               "points_per_worker": 10, "min_workers": 1}
    with ws.write(SYSTEM) as tx:
        tx.session.add(Setting(key=SETTING_KEY, value=json.dumps(weights)))
    rows = {r.grid_name: (r.score, r.parts, r.suggested_workers) for r in ws.query.grid_difficulty(graded.village)}
    assert rows == {"第一网格": (21, {"住户": 20, "出租房": 1}, 3), "第二网格": (12, {"住户": 10, "出租房": 2}, 2)}


def test_rolled_up_to_the_village_the_suggested_workers_add_up(ws: Workspace, graded) -> None:
    [village] = ws.query.grid_difficulty(graded.county, level=3)
    assert (village.grid_name, village.score, village.suggested_workers) == ("幸福村", 28, 2)
    assert set(village.workers) == {"王丽", "赵强", "李四", "孙七"}
    [own] = ws.query.grid_difficulty(graded.micro)  # a scope below the grid level is one row itself
    assert (own.grid_name, own.score) == ("第一微网格", 7)  # 1 household, 1 yellow, 1 rented, 1 case


def test_broken_weights_are_refused_in_chinese(ws: Workspace, graded) -> None:
    with ws.write(SYSTEM) as tx:
        tx.session.add(Setting(key=SETTING_KEY, value=json.dumps(
            {"parts": [{"key": "cats", "label": "猫", "weight": 1}], "points_per_worker": 5})))
    with pytest.raises(RuleViolation, match="无法统计"):
        ws.query.grid_difficulty(graded.village)


@pytest.mark.parametrize("kind, day, expected", [
    ("月", date(2027, 2, 14), (date(2027, 2, 1), date(2027, 2, 28))),
    ("季", date(2027, 8, 31), (date(2027, 7, 1), date(2027, 9, 30))),
    ("年", date(2027, 8, 31), (date(2027, 1, 1), date(2027, 12, 31))),
])
def test_periods(kind: str, day: date, expected: tuple[date, date]) -> None:
    assert period_of(kind, day) == expected


def _case(ws: Workspace, actor: Actor, grid_id: str, accepted: datetime, resolved: datetime, rating: str = "",
          category: str = "") -> None:
    case_id = ws.cases.register(actor, CaseInput(grid_id, "纠纷", "社会治安"), now=accepted).id
    with ws.write(SYSTEM) as tx:
        case = tx.session.get(Case, case_id)
        case.resolved_at, case.satisfaction, case.step = resolved, rating, "归档销号"
        case.category = category or case.category


def test_worker_assessment_figures(ws: Workspace, tree) -> None:
    red = ws.households.create(SYSTEM, replace(family(tree.grid1, head_id=""), colour="红", colour_reason="危房")).id
    green = ws.households.create(SYSTEM, family(tree.grid2, "002", head_id="")).id
    with ws.write(SYSTEM) as tx:
        tx.session.execute(update(Household).values(created_at=datetime(2026, 1, 1)))
    wang = ws.grid.add_worker(SYSTEM, tree.grid1, "王丽").id
    ws.grid.add_worker(SYSTEM, tree.grid2, "李强")
    # The red household is due 15 days after each visit: due 1-09 (visited 1-05, in time), 1-20 (visited 1-30,
    # late), 2-14 (visited 2-10, in time), 2-25 (never): 4 due, 2 on time. The green one is due a quarter after
    # its visit of 2026-11-20, on 2027-02-20, and never visited: 1 due, 0 on time.
    for target, day in ((red, date(2026, 12, 25)), (red, date(2027, 1, 5)), (red, date(2027, 1, 30)),
                        (red, date(2027, 2, 10)), (green, date(2026, 11, 20))):
        ws.today = lambda day=day: day
        ws.visits.record(SYSTEM, VisitInput("household", target, visited_on=day, content="走访",
                                            worker_id=wang if target == red else None))
    worker = Actor("王丽", role="网格员")
    _case(ws, worker, tree.grid1, datetime(2027, 1, 10, 9), datetime(2027, 1, 15, 9), "满意")  # on time
    _case(ws, SYSTEM, tree.grid1, datetime(2027, 2, 1, 9), datetime(2027, 2, 12, 9), "不满意")  # late
    _case(ws, worker, tree.micro, datetime(2027, 3, 1, 9), datetime(2027, 3, 3, 9), category="帮扶")
    _case(ws, worker, tree.grid2, datetime(2026, 12, 1, 9), datetime(2027, 1, 2, 9))  # late, in 李强's grid
    rows = {r.worker_name: r for r in ws.query.worker_assessment(tree.village, Q1)}
    figures = {name: (r.grids, r.visits_due, r.visits_on_time, r.visits_made, r.cases_registered, r.cases_handled,
                      r.cases_on_time, r.rated, r.satisfied, r.warnings_resolved) for name, r in rows.items()}
    assert figures == {"王丽": (("第一网格",), 4, 2, 3, 2, 3, 2, 2, 1, 1),
                       "李强": (("第二网格",), 1, 0, 0, 0, 1, 0, 0, 0, 0)}
    assert (rows["王丽"].visit_rate, rows["王丽"].satisfaction_rate, rows["李强"].satisfaction_rate) == (0.5, 0.5, None)
    assert [r.worker_name for r in ws.query.worker_assessment(tree.grid2, Q1)] == ["李强"]
    with pytest.raises(RuleViolation, match="晚于"):
        ws.query.worker_assessment(tree.village, (Q1[1], Q1[0]))


def test_the_difficulty_ledger_prints_and_exports_the_ranked_figures(ws: Workspace, graded, tmp_path) -> None:
    pdf = tmp_path / "网格难度.pdf"
    render_pdf(ws, "difficulty", graded.village, pdf)
    text = re.sub(r"\s+", " ", " ".join(pages_text(pdf)))
    assert "网格难度" in text and "计分方法" in text
    assert re.search(r"1 第一网格 2 1 1 1 1 1 1 1 1 21 王丽、赵强 2 1", text)
    assert re.search(r"2 第二网格 1 0 2 0 0 0 0 0 0 7 李四、孙七 2 1", text)
    book = tmp_path / "网格难度.xlsx"
    export_xlsx(build_ledger(ws, "difficulty", graded.village), book)
    rows = [[c.value for c in row] for row in load_workbook(book).active.iter_rows()]
    assert [1, "第一网格", 2, 1, 1, 1, 1, 1, 1, 1, 1, 21, "王丽、赵强", 2, 1] in rows


def test_the_assessment_ledger_prints_the_period_s_figures(ws: Workspace, tree, tmp_path) -> None:
    wang = ws.grid.add_worker(SYSTEM, tree.grid1, "王丽").id
    home = ws.households.create(SYSTEM, family(tree.grid1, head_id="")).id
    with ws.write(SYSTEM) as tx:
        tx.session.execute(update(Household).values(created_at=datetime(2026, 12, 1)))
    ws.today = lambda: date(2027, 2, 1)
    ws.visits.record(SYSTEM, VisitInput("household", home, visited_on=date(2027, 2, 1), content="走访",
                                        worker_id=wang))
    _case(ws, Actor("王丽", role="网格员"), tree.grid1, datetime(2027, 1, 10, 9), datetime(2027, 1, 15, 9), "满意")
    pdf = tmp_path / "考核.pdf"
    render_pdf(ws, "assessment", tree.village, pdf, period=Q1)
    text = re.sub(r"\s+", " ", " ".join(pages_text(pdf)))
    assert "网格员考核表" in text and "期间：2027-01-01至2027-03-31" in text and "审核人" in text
    # due a quarter after registration (3-01) and visited on 2-01; 1 case registered and handled on time, 满意
    assert "1 王丽 第一网格 1 1 100% 1 1 1 1 100% 1 100% 0" in text


def test_grid_difficulty_on_the_command_line(ws: Workspace, graded) -> None:
    ws.close()
    done = run_cli("--db", backends.db_arg(ws), "grid", "difficulty", "--grid", "幸福村", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [(r["grid_name"], r["score"], r["workers"]) for r in rows] == [
        ("第一网格", 21, ["王丽", "赵强"]), ("第二网格", 7, ["李四", "孙七"])]
    text = run_cli("--db", backends.db_arg(ws), "grid", "difficulty")
    assert "1\t宁陵县 / 清河镇 / 幸福村 / 第一网格\t难度分 21\t住户2" in text.stdout and "建议1人" in text.stdout

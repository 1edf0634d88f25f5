"""The case list for the GUI and ledgers: filters, step counts, one case with its timeline and links."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from factories import family

from gridapp.dto import SYSTEM, Actor, CaseFilter, CaseInput
from gridapp.errors import RuleViolation
from gridapp.workspace import Workspace

ADMIN = Actor("李支书", role="村(社区)管理员")
NOW = datetime(2026, 5, 20, 12, 0)


@pytest.fixture
def cases(ws: Workspace, tree) -> dict[str, str]:
    """Four cases in two grids, on different days, at different steps."""
    def register(grid: str, title: str, category: str, day: datetime) -> str:
        return ws.cases.register(Actor("王网格员", role="网格员"), CaseInput(grid, title, category), day).id

    made = {
        "old": register(tree.grid1, "垃圾堆积", "环境保护", datetime(2026, 4, 30, 9)),
        "fire": register(tree.micro, "电动车楼道充电", "公共安全", datetime(2026, 5, 1, 9)),
        "road": register(tree.grid2, "路灯损坏", "城市管理", datetime(2026, 5, 18, 9)),
        "noise": register(tree.grid2, "夜间施工噪声", "环境保护", datetime(2026, 5, 19, 9)),
    }
    ws.cases.act(ADMIN, made["old"], "转办", {"level": "网格自办"}, now=datetime(2026, 4, 30, 10))
    ws.cases.act(ADMIN, made["old"], "反馈结果", {"note": "已清运"}, now=datetime(2026, 5, 2, 10))
    ws.cases.act(ADMIN, made["fire"], "转办", {"level": "村"}, now=datetime(2026, 5, 1, 10))
    return made


def test_filters_by_step_category_subtree_overdue_dates_and_text(ws: Workspace, tree, cases) -> None:
    def ids(**flt) -> set[str]:
        return {r.id for r in ws.query.cases(CaseFilter(**flt), NOW)}

    assert ids() == set(cases.values())
    assert ids(steps=("事项受理",)) == {cases["road"], cases["noise"]}
    assert ids(steps=("分类转办", "结果反馈")) == {cases["old"], cases["fire"]}
    assert ids(category="环境保护") == {cases["old"], cases["noise"]}
    assert ids(scope_id=tree.grid1) == {cases["old"], cases["fire"]}  # the micro-grid is under grid 1
    assert ids(scope_id=tree.village) == set(cases.values())
    assert ids(overdue=True) == {cases["fire"]}  # the old one was resolved in time
    assert ids(accepted_from=date(2026, 5, 1), accepted_to=date(2026, 5, 18)) == {cases["fire"], cases["road"]}
    assert ids(text="噪声") == {cases["noise"]}
    number = ws.query.case_rows([cases["road"]])[0].number
    assert ids(text=number) == {cases["road"]}
    assert ids(text=number[:15]) == {cases["road"], cases["noise"]}  # the grid code part
    assert ids(text="100%") == set()
    with pytest.raises(RuleViolation, match="事件状态"):
        ids(steps=("办理中",))


def test_ids_sort_and_rows_keep_the_order_asked_for(ws: Workspace, cases) -> None:
    newest_first = ws.query.case_ids(now=NOW)
    assert newest_first == [cases["noise"], cases["road"], cases["fire"], cases["old"]]
    assert ws.query.case_ids(now=NOW, sort="deadline", descending=False)[0] == cases["old"]
    page = [cases["fire"], cases["noise"]]
    assert [r.id for r in ws.query.case_rows(page, NOW)] == page
    assert ws.query.case_rows([]) == []


def test_counts_per_step_ignore_the_step_filter(ws: Workspace, tree, cases) -> None:
    counts = ws.query.case_counts(CaseFilter(steps=("事项受理",), scope_id=tree.grid2), NOW)
    assert counts.total == 2 and counts.by_step["事项受理"] == 2 and counts.overdue == 0
    counts = ws.query.case_counts(now=NOW)
    assert list(counts.by_step) == ["事项受理", "分类转办", "跟踪问效", "督促落实", "结果反馈", "打分评价", "信息公示",
                                    "归档销号"]
    assert (counts.by_step["分类转办"], counts.by_step["结果反馈"], counts.overdue, counts.total) == (1, 1, 1, 4)


def test_one_case_with_links_timeline_and_state(ws: Workspace, tree) -> None:
    household = ws.households.create(SYSTEM, family(tree.grid1)).id
    place = ws.places.create(SYSTEM, tree.grid1, name="幸福超市", type="商超").id
    person = ws.query.household(household).members[1].id
    case_id = ws.cases.register(Actor("王网格员", role="网格员"), CaseInput(
        tree.grid1, "超市门口占道", "城市管理", "占道经营", source="群众反映", household_ids=[household],
        person_ids=[person], place_ids=[place], reporter_name="张三丰"), NOW).id
    ws.cases.act(ADMIN, case_id, "转办", {"level": "镇", "department": "综合执法中队", "note": "请执法中队处理"},
                 now=NOW + timedelta(hours=1))
    view = ws.query.case(case_id, NOW + timedelta(hours=2))
    assert {(link.kind, link.title) for link in view.links} == {
        ("household", "曾秀英 幸福村1组001号"), ("person", "张三丰"), ("place", "幸福超市")}
    assert [(t.ordinal, t.action, t.sheet, t.actor_name) for t in view.timeline] == [
        (1, "受理", "集单", "王网格员"), (2, "转办", "议单", "李支书")]
    assert view.timeline[1].data == {"level": "镇(街道)", "department": "综合执法中队"}
    assert (view.row.handling_level, view.row.department, view.reporter_name) == ("镇(街道)", "综合执法中队", "张三丰")
    assert view.state.step == "分类转办" and "张三丰" in view.state.private_terms
    assert "11010519491231002X" in view.state.private_terms  # the linked household's members too


def test_deleted_cases_are_not_listed(ws: Workspace, cases) -> None:
    from gridapp.models import Case

    with ws.write(SYSTEM) as tx:
        tx.session.get(Case, cases["road"]).deleted = True
    assert cases["road"] not in ws.query.case_ids(now=NOW)
    assert ws.query.case_counts(now=NOW).total == 3

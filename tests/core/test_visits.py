"""The visit log: recording visits against every kind of target, the log's filters, a case from a finding."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from factories import family
from sqlalchemy import func, select

from gridapp.dto import SYSTEM, Actor, AttachmentInput, VisitFilter, VisitInput
from gridapp.errors import NotFound, RuleViolation
from gridapp.models import Case, Visit
from gridapp.workspace import Workspace

WORKER = Actor("王网格员", role="网格员")
TODAY = date(2026, 6, 15)


@pytest.fixture
def home(ws: Workspace, tree) -> str:
    ws.today = lambda: TODAY
    return ws.households.create(SYSTEM, family(tree.micro)).id


def test_a_visit_to_each_kind_of_target_lands_in_the_target_s_grid(ws: Workspace, tree, home) -> None:
    person = ws.query.household(home).members[2].id
    place = ws.places.create(SYSTEM, tree.grid2, name="幸福超市", type="商超").id
    worker = ws.grid.add_worker(SYSTEM, tree.grid1, "刘晓燕").id
    made = [
        ws.visits.record(WORKER, VisitInput("household", home, content="入户了解近况")).id,
        ws.visits.record(WORKER, VisitInput("person", person, kind="电话", content="电话询问学习情况",
                                            worker_id=worker)).id,
        ws.visits.record(WORKER, VisitInput("place", place, kind="巡查", content="检查消防器材",
                                            visited_on=date(2026, 6, 1))).id,
        ws.visits.record(WORKER, VisitInput("grid", tree.grid2, kind="巡查", content="夜间巡逻")).id,
    ]
    rows = {r.id: r for r in ws.query.visit_rows(made)}
    assert [(rows[i].target_kind, rows[i].grid_id) for i in made] == [
        ("household", tree.micro), ("person", tree.micro), ("place", tree.grid2), ("grid", tree.grid2)]
    assert [rows[i].kind for i in made] == ["入户走访", "电话回访", "巡查", "巡查"]
    assert [rows[i].target_title for i in made] == ["曾秀英 幸福村1组001号", "张小龙", "幸福超市", "第二网格"]
    assert [rows[i].worker_name for i in made] == ["王网格员", "刘晓燕", "王网格员", "王网格员"]
    assert rows[made[0]].visited_on == TODAY and rows[made[2]].visited_on == date(2026, 6, 1)
    household_log = ws.query.visit_ids(VisitFilter(household_id=home))
    assert set(household_log) == set(made[:2])  # a visit to a member is a visit to the household


@pytest.mark.parametrize("data, error, message", [
    (VisitInput("household", "nope", content="x"), NotFound, "住户"),
    (VisitInput("car", "x", content="x"), RuleViolation, "走访对象"),
    (VisitInput("household", "", kind="托梦", content="x"), RuleViolation, "走访方式"),
    (VisitInput("household", "", content="  "), RuleViolation, "走访内容"),
    (VisitInput("household", "", content="x", visited_on=date(2026, 6, 16)), RuleViolation, "晚于今天"),
])
def test_bad_visits_are_refused(ws: Workspace, home, data: VisitInput, error, message) -> None:
    data.target_id = data.target_id or home
    with pytest.raises(error, match=message):
        ws.visits.record(WORKER, data)
    assert ws.query.visit_ids() == []


def test_the_log_filters_by_scope_worker_kind_and_dates(ws: Workspace, tree, home) -> None:
    worker = ws.grid.add_worker(SYSTEM, tree.grid2, "刘晓燕").id
    early = ws.visits.record(WORKER, VisitInput("household", home, content="走访", visited_on=date(2026, 5, 2))).id
    late = ws.visits.record(WORKER, VisitInput("household", home, kind="电话回访", content="回访")).id
    patrol = ws.visits.record(WORKER, VisitInput("grid", tree.grid2, kind="巡查", content="巡逻", worker_id=worker)).id
    log = ws.query.visit_ids()
    assert set(log[:2]) == {late, patrol} and log[2] == early  # latest first
    assert ws.query.visit_ids(VisitFilter(scope_id=tree.grid1)) == [late, early]
    assert ws.query.visit_ids(VisitFilter(worker_id=worker)) == [patrol]
    assert ws.query.visit_ids(VisitFilter(kind="电话")) == [late]
    assert ws.query.visit_ids(VisitFilter(date_from=date(2026, 5, 1), date_to=date(2026, 5, 31))) == [early]
    ws.visits.update(WORKER, early, VisitInput("household", home, content="走访，情况良好", visited_on=date(2026, 5, 3)))
    assert ws.query.visit(early).row.content == "走访，情况良好"
    ws.visits.delete(WORKER, early)
    assert early not in ws.query.visit_ids()
    with pytest.raises(NotFound):
        ws.query.visit(early)


def test_a_finding_opens_a_case_in_one_action(ws: Workspace, tree, home) -> None:
    visit = ws.visits.record(WORKER, VisitInput("household", home, content="入户走访",
                                                findings="院墙开裂，有倒塌危险", follow_up="已告知户主",
                                                attachments=[AttachmentInput("墙.jpg", b"crack")])).id
    now = datetime(2026, 6, 15, 10, 30)
    case_id = ws.visits.open_case_from_visit(WORKER, visit, "院墙开裂有倒塌危险", "公共安全", "房屋安全",
                                             urgency="紧急", note="立即上报", now=now).id
    view = ws.query.case(case_id, now)
    assert view.visit_id == visit
    assert (view.row.grid_id, view.row.source, view.row.urgency, view.row.step) == (tree.micro, "巡查发现", "紧急",
                                                                                    "事项受理")
    assert view.description == "2026年6月15日入户走访发现：院墙开裂，有倒塌危险"
    assert view.place_text == "幸福村1组001号"
    assert [(link.kind, link.id) for link in view.links] == [("household", home)]
    assert view.timeline[0].note == "立即上报"
    assert ws.query.visit_rows([visit])[0].case_numbers == (view.row.number,)
    assert [a.filename for a in ws.query.visit(visit).attachments] == ["墙.jpg"]


def test_opening_a_case_from_a_visit_is_all_or_nothing(ws: Workspace, home) -> None:
    visit = ws.visits.record(WORKER, VisitInput("household", home, content="走访", findings="漏水")).id
    with pytest.raises(RuleViolation, match="事件类别"):
        ws.visits.open_case_from_visit(WORKER, visit, "漏水", "水务")
    with ws.read() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0
        assert s.get(Visit, visit).findings == "漏水"
    with pytest.raises(NotFound, match="走访记录"):
        ws.visits.open_case_from_visit(WORKER, "nope", "漏水", "民生服务")

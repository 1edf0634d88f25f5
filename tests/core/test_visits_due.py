"""Who is due a visit: the default rules, month ends, credit between a household and its members, scopes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import family, valid_id
from sqlalchemy import event

from gridapp import codes
from gridapp.cases import due
from gridapp.cases.due import VisitRule, add_months, visit_rules
from gridapp.dto import SYSTEM, Actor, TagInput, VisitInput
from gridapp.models import Household
from gridapp.workspace import Workspace

WORKER = Actor("王网格员", role="网格员")


def registered_on(ws: Workspace, household_id: str) -> date:
    with ws.read() as s:
        return s.get(Household, household_id).created_at.date()


def visit(ws: Workspace, kind: str, target: str, on: date) -> None:
    ws.today = lambda: on
    ws.visits.record(WORKER, VisitInput(kind, target, content="走访", visited_on=on))


def due_on(ws: Workspace, scope: str | None, today: date, **options) -> dict[tuple[str, str], tuple]:
    return {(d.target_kind, d.target_id): (d.rule_code, d.last_visit, d.due_date, d.overdue_days)
            for d in ws.query.due_visits(scope, today, **options)}


def test_the_default_rules_are_read_from_the_data_file() -> None:
    watch, special, quarterly = visit_rules()
    assert (watch.target, watch.colours, watch.interval_days) == ("household", frozenset({"红", "黄"}), 15)
    assert (special.target, special.interval_months) == ("person", 1)
    assert (quarterly.target, quarterly.colours, quarterly.interval_months) == ("household", frozenset(), 3)
    groups = {g.code: g.group for g in codes.special_groups()}
    assert special.categories == {code for code, group in groups.items() if group in ("重点人员", "关爱对象")}
    assert "community_correction" in special.categories and "veteran" not in special.categories


@pytest.mark.parametrize("day, months, expected", [
    (date(2027, 1, 31), 1, date(2027, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 8, 31), 3, date(2026, 11, 30)),
])
def test_calendar_months_clamp_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_a_household_never_visited_is_due_a_quarter_after_registration(ws: Workspace, tree) -> None:
    home = ws.households.create(SYSTEM, family(tree.grid1)).id
    due_date = add_months(registered_on(ws, home), 3)
    assert due_on(ws, None, due_date) == {("household", home): ("quarterly", None, due_date, 0)}
    early = date.fromordinal(due_date.toordinal() - 10)
    assert due_on(ws, None, early) == {}
    assert due_on(ws, None, early, within_days=10) == {("household", home): ("quarterly", None, due_date, -10)}


def test_red_households_are_due_fifteen_days_after_the_last_visit(ws: Workspace, tree) -> None:
    home = ws.households.create(SYSTEM, replace(family(tree.grid1), colour="红", colour_reason="危房")).id
    visit(ws, "household", home, date(2027, 1, 31))
    assert due_on(ws, None, date(2027, 2, 14)) == {}
    assert due_on(ws, None, date(2027, 2, 20)) == {
        ("household", home): ("watch", date(2027, 1, 31), date(2027, 2, 15), 5)}
    [row] = ws.query.due_visits(tree.village, date(2027, 2, 20))
    assert (row.title, row.address, row.grid_name, row.rule) == ("曾秀英", "幸福村1组001号", "第一网格", "红黄户每15天走访")


def test_special_group_members_are_due_monthly_and_visits_count_both_ways(ws: Workspace, tree) -> None:
    home = ws.households.create(SYSTEM, family(tree.grid1)).id
    child = ws.query.household(home).members[2].id
    ws.households.set_tags(SYSTEM, child, [TagInput("left_behind_child", {"guardian": "曾秀英"})])
    visit(ws, "person", child, date(2027, 1, 31))
    found = due_on(ws, None, date(2027, 3, 1))
    assert found[("person", child)] == ("special", date(2027, 1, 31), date(2027, 2, 28), 1)
    assert found.get(("household", home), ("", date(2027, 1, 31)))[1] == date(2027, 1, 31)  # the member's visit
    visit(ws, "household", home, date(2027, 2, 20))
    assert ("person", child) not in due_on(ws, None, date(2027, 3, 1))  # the household's visit counts for him
    assert due_on(ws, None, date(2027, 3, 21))[("person", child)] == ("special", date(2027, 2, 20),
                                                                       date(2027, 3, 20), 1)


def test_ended_tags_and_groups_without_a_rule_are_not_due_monthly(ws: Workspace, tree) -> None:
    home = ws.households.create(SYSTEM, family(tree.grid1)).id
    head, spouse, _child = (m.id for m in ws.query.household(home).members)
    ws.households.set_tags(SYSTEM, head, [TagInput("veteran", {})])
    ws.households.set_tags(SYSTEM, spouse, [TagInput("community_correction", {}, since=date(2025, 1, 1),
                                                     until=date(2026, 12, 31))])
    visit(ws, "household", home, date(2027, 1, 10))
    found = due_on(ws, None, date(2027, 4, 30))
    assert set(found) == {("household", home)} and found[("household", home)][0] == "quarterly"


def test_scope_and_worker_limit_the_list(ws: Workspace, tree) -> None:
    first = ws.households.create(SYSTEM, family(tree.micro, number="001")).id
    second = ws.households.create(SYSTEM, family(tree.grid2, number="002", head_id="110105194912310046")).id
    worker = ws.grid.add_worker(SYSTEM, tree.grid1, "刘晓燕").id
    later = add_months(registered_on(ws, first), 4)
    assert set(due_on(ws, None, later)) == {("household", first), ("household", second)}
    assert set(due_on(ws, tree.grid2, later)) == {("household", second)}
    assert set(due_on(ws, None, later, worker_id=worker)) == {("household", first)}
    assert set(due_on(ws, tree.village, later, worker_id=worker)) == {("household", first)}
    assert due_on(ws, tree.grid2, later, worker_id=worker) == {}


def test_the_rules_can_be_replaced(ws: Workspace, tree, monkeypatch) -> None:
    home = ws.households.create(SYSTEM, replace(family(tree.grid1), colour="黄", colour_reason="独居")).id
    weekly = VisitRule("weekly", "黄户每周走访", "household", interval_days=7, colours=frozenset({"黄"}))
    monkeypatch.setattr(due, "visit_rules", lambda: (weekly,))
    visit(ws, "household", home, date(2027, 1, 1))
    assert due_on(ws, None, date(2027, 1, 9)) == {("household", home): ("weekly", date(2027, 1, 1),
                                                                         date(2027, 1, 8), 1)}


def test_the_due_list_costs_the_same_number_of_queries_for_one_household_or_many(ws: Workspace, tree) -> None:
    statements: list[str] = []
    event.listen(ws.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

    def count_queries() -> int:
        statements.clear()
        ws.query.due_visits(tree.county, date(2030, 1, 1))
        return len(statements)

    ws.households.create(SYSTEM, family(tree.grid1, number="000", head_id="110105194912310011"))
    one = count_queries()
    for n in range(12):
        home = ws.households.create(SYSTEM, family(tree.grid2, number=f"{n + 1:03d}",
                                                   head_id=valid_id(f"11010519500101{n + 100:03d}"))).id
        visit(ws, "household", home, date(2029, 9, 1))
    assert len(ws.query.due_visits(tree.county, date(2030, 1, 1))) == 13
    assert count_queries() == one

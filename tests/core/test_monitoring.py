"""红黄绿 monitoring: every shipped rule alone and combined, the override, the history, and 预警 raised once
and closed through the case loop when the cause is gone."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from factories import Tree, as_input, family

from gridapp.cases.workflow import ARCHIVED, DISPATCHED
from gridapp.dto import SYSTEM, CaseFilter, HouseholdInput, TagInput, VisitInput
from gridapp.errors import RuleViolation
from gridapp.monitoring.rules import Indicators, default_rules, parse
from gridapp.workspace import Workspace

RECENT = {"days_since_visit": 0}

# (indicators, expected colour, expected rule ids, a reason expected among the reasons)
CASES = [
    ({}, "绿", [], None),
    ({"income_per_capita": 5200}, "红", ["income"], "人均纯收入 5,200 元，低于监测线 6,000 元"),
    ({"income_per_capita": 6000}, "绿", [], None),
    ({"out_of_school_children": 1}, "红", ["out_of_school"], "1 名适龄儿童失学辍学"),
    ({"house_safety": "D"}, "红", ["house_d"], "住房为D级危房"),
    ({"house_safety": "C"}, "黄", ["house_c"], "住房为C级局部危险房屋"),
    ({"house_safety": "B"}, "绿", [], None),
    ({"uninsured_members": 2}, "黄", ["uninsured"], "2 人未参加基本医疗保险"),
    ({"drinking_water_safe": False}, "黄", ["water"], "饮水安全没有保障"),
    ({"drinking_water_safe": True}, "绿", [], None),
    ({"special_group_members": 1, "days_since_visit": 40}, "黄", ["special_unvisited"], "已 40 天未走访"),
    ({"special_group_members": 1, "days_since_visit": 31}, "绿", [], None),
    ({"special_group_members": 0, "days_since_visit": 400}, "绿", [], None),
    ({"overdue_cases": 1}, "黄", ["overdue_cases"], "1 件事件超期未办结"),
    ({"income_per_capita": 3000, "house_safety": "C", "drinking_water_safe": False}, "红",
     ["income", "house_c", "water"], "人均纯收入 3,000 元"),
    ({"uninsured_members": 1, "house_safety": "C"}, "黄", ["house_c", "uninsured"], None),
]


@pytest.mark.parametrize(("values", "colour", "rules", "reason"), CASES)
def test_every_shipped_rule_alone_and_combined(values: dict, colour: str, rules: list[str], reason: str | None):
    got, causes = default_rules().judge(Indicators(**(RECENT | values)))
    assert got == colour
    assert [c.rule_id for c in causes] == rules
    if reason:
        assert any(reason in c.reason for c in causes)


def test_every_shipped_rule_is_covered_by_the_table():
    assert {r.id for r in default_rules().rules} == {rule for *_, rules, _ in CASES for rule in rules}


def test_the_line_is_the_countys(ws: Workspace, tree: Tree):
    home = ws.households.create(SYSTEM, replace(family(tree.grid1), income_per_capita=6200)).id
    assert ws.query.household(home).colour == "绿"
    ws.monitoring.set_line(SYSTEM, 6500)
    view = ws.query.household(home)
    assert (view.colour, view.colour_reason) == ("红", "人均纯收入 6,200 元，低于监测线 6,500 元")


@pytest.mark.parametrize("broken", [
    {"rules": []}, {"monitoring_line": -1, "rules": []},
    {"monitoring_line": 1, "rules": [{"id": "x", "cause": "c", "colour": "蓝", "reason": "r", "when": [{"check": "special_group"}]}]},
    {"monitoring_line": 1, "rules": [{"id": "x", "cause": "c", "colour": "红", "reason": "r", "when": [{"field": "__class__", "op": "==", "value": 1}]}]},
    {"monitoring_line": 1, "rules": [{"id": "x", "cause": "c", "colour": "红", "reason": "r", "when": [{"field": "overdue_cases", "op": "in", "value": 1}]}]},
    {"monitoring_line": 1, "rules": [{"id": "x", "cause": "c", "colour": "红", "reason": "r", "when": [{"check": "eval"}]}]},
])
def test_a_malformed_rules_file_is_refused_in_chinese(broken: dict):
    with pytest.raises(RuleViolation):
        parse(broken)


def test_indicators_come_from_the_household_its_members_and_its_house(ws: Workspace, tree: Tree):
    house = ws.houses.create(SYSTEM, tree.grid1, address="幸福村1组001号", safety_rating="D").id
    data = family(tree.grid1)
    data.members[2] = replace(data.members[2], schooling="失学", medical_insured=False)
    home = ws.households.create(SYSTEM, replace(data, house_id=house, drinking_water_safe=False)).id
    view = ws.query.household(home)
    assert view.colour == "红"
    assert [c.rule_id for c in view.causes] == ["out_of_school", "house_d", "uninsured", "water"]
    ws.houses.update(SYSTEM, house, safety_rating="B")  # the house's save path recolours its households
    assert [c.rule_id for c in ws.query.household(home).causes] == ["out_of_school", "uninsured", "water"]


def test_override_needs_a_reason_is_shown_as_such_and_hands_back(ws: Workspace, tree: Tree):
    home = ws.households.create(SYSTEM, replace(family(tree.grid1), income_per_capita=5200)).id
    with pytest.raises(RuleViolation, match="理由"):
        ws.monitoring.set_override(SYSTEM, home, "黄", "")
    ws.monitoring.set_override(SYSTEM, home, "绿", "已落实低保，收入核实无误")
    view = ws.query.household(home)
    assert (view.colour, view.colour_computed, view.colour_reason) == ("绿", "红", "人工认定：已落实低保，收入核实无误")
    ws.monitoring.set_override(SYSTEM, home, "", "")
    assert ws.query.household(home).colour == "红"
    history = [(c.from_colour, c.to_colour, c.manual) for c in ws.query.colour_history(home)]
    assert history == [("绿", "红", False), ("红", "绿", True), ("绿", "红", False)]


def test_warning_raised_once_assigned_and_closed_through_the_loop(ws: Workspace, tree: Tree):
    ws.grid.add_worker(SYSTEM, tree.grid1, "李网格")
    home = ws.households.create(SYSTEM, replace(family(tree.grid1), income_per_capita=5200)).id
    ws.households.update(SYSTEM, home, replace(_page(ws, home), notes="再次保存"))  # still red: no second warning
    [case] = [c for c in ws.query.cases(CaseFilter()) if c.category == "帮扶"]
    assert case.step == DISPATCHED
    assert "李网格" in ws.query.case(case.id).timeline[1].note
    [count] = ws.query.warning_counts(None)
    assert (count.grid_id, count.raised, count.resolved, count.open) == (tree.grid1, 1, 0, 1)
    ws.households.update(SYSTEM, home, replace(_page(ws, home), income_per_capita=8000))
    assert ws.query.household(home).colour == "绿"
    view = ws.query.case(case.id)
    assert view.state.step == ARCHIVED
    assert all(step.actor_name == "监测预警" for step in view.timeline[1:])
    assert (ws.query.warning_counts(tree.grid1)[0].resolved, ws.query.warning_counts(tree.grid1)[0].open) == (1, 0)


def test_one_open_warning_per_cause(ws: Workspace, tree: Tree):
    home = ws.households.create(SYSTEM, replace(family(tree.grid1), income_per_capita=5200,
                                               drinking_water_safe=False)).id
    ws.households.update(SYSTEM, home, replace(_page(ws, home), drinking_water_safe=True))
    ws.households.update(SYSTEM, home, replace(_page(ws, home), drinking_water_safe=False))
    [count] = ws.query.warning_counts(None)
    assert (count.raised, count.resolved, count.open) == (3, 1, 2)


def test_a_visit_and_a_tag_change_the_colour(ws: Workspace, tree: Tree):
    ws.today = lambda: date.today()
    data = family(tree.grid1)
    data.members[0] = replace(data.members[0], tags=[TagInput("veteran")])
    home = ws.households.create(SYSTEM, data).id
    ws.today = lambda: date.today() + timedelta(days=40)
    ws.monitoring.recompute(SYSTEM)
    assert [c.rule_id for c in ws.query.household(home).causes] == ["special_unvisited"]
    ws.visits.record(SYSTEM, VisitInput("household", home, content="走访", visited_on=ws.today()))
    assert ws.query.household(home).colour == "绿"


def test_rules_export_edit_import(ws: Workspace, tree: Tree, tmp_path):
    home = ws.households.create(SYSTEM, replace(family(tree.grid1), drinking_water_safe=False)).id
    assert ws.query.household(home).colour == "黄"
    path = tmp_path / "rules.json"
    ws.monitoring.export_rules(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    next(r for r in data["rules"] if r["id"] == "water")["colour"] = "红"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ws.monitoring.import_rules(SYSTEM, path)
    assert ws.query.household(home).colour == "红"
    report = ws.query.monitor_report()
    assert report.colours["红"] == 1 and report.causes == {"饮水安全": 1}


def _page(ws: Workspace, home: str) -> HouseholdInput:
    return as_input(ws.query.household(home))

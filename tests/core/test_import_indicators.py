"""The 红黄绿 indicator columns of an import: income, drinking water, insurance, schooling; bad cells named."""

from __future__ import annotations

from pathlib import Path

from factories import Tree
from test_import_reader import HEAD_ID, SON_ID, WIFE_ID, import_rows
from test_import_validate import reasons

from gridapp.workspace import Workspace

HEADERS = ["户号", "姓名", "与户主关系", "公民身份号码", "人均年收入", "饮水安全", "参保情况", "在校情况"]


def test_indicator_columns_are_imported_and_judged(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [HEADERS, ["001", "张三", "户主", HEAD_ID, "4,800元", "否", "是", None],
            ["001", "李四", "妻", WIFE_ID, None, None, "未参保", None], ["001", "张小", "子", SON_ID, None, None, 1, "在读"],
            ["002", "王五", "户主", "", 12000.0, "安全", "已参保", None]]
    result = import_rows(ws, tmp_path / "indicators.xlsx", rows, tree.grid1)
    assert (result.households.created, result.persons.created, result.refused) == (2, 4, [])
    views = {v.number: v for v in map(ws.query.household, ws.query.household_ids(tree.grid1))}
    poor, fine = views["001"], views["002"]
    assert (poor.income_per_capita, poor.drinking_water_safe) == (4800, False)
    assert [(m.medical_insured, m.schooling) for m in poor.members] == [(True, ""), (False, ""), (True, "在校")]
    assert poor.colour == "红"
    assert {c.rule_id for c in poor.causes} == {"income", "uninsured", "water"}
    assert "人均纯收入 4,800 元，低于监测线 6,000 元" in poor.colour_reason
    assert (fine.income_per_capita, fine.drinking_water_safe, fine.colour) == (12000, True, "绿")


def test_a_changed_income_updates_a_registered_household(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    first = [HEADERS[:5], ["001", "张三", "户主", HEAD_ID, 4800]]
    import_rows(ws, tmp_path / "first.xlsx", first, tree.grid1)
    again = [HEADERS[:5], ["001", "张三", "户主", HEAD_ID, 9000]]
    preview = import_rows(ws, tmp_path / "again.xlsx", again, tree.grid1, preview=True)
    assert any("人均纯收入 4800 → 9000" in r.reason for r in preview.needs_decision)
    import_rows(ws, tmp_path / "again.xlsx", again, tree.grid1, policy="update")
    [hid] = ws.query.household_ids(tree.grid1)
    view = ws.query.household(hid)
    assert (view.income_per_capita, view.colour) == (9000, "绿")


def test_bad_indicator_cells_are_refused_naming_the_column(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [HEADERS, ["001", "张三", "户主", HEAD_ID, "很多", None, None, None],
            ["002", "王五", "户主", "", -300, "也许", None, None],
            ["003", "赵六", "户主", "", 5200.5, None, "不清楚", "上班"]]
    found = reasons(import_rows(ws, tmp_path / "bad.xlsx", rows, tree.grid1))
    assert [column for column, _ in found[2]] == ["人均年收入"]
    assert "“很多”不是有效的人均纯收入" in found[2][0][1] and "整数金额" in found[2][0][1]
    assert [column for column, _ in found[3]] == ["人均年收入", "饮水安全"]
    assert "可填：是或否" in found[3][1][1]
    assert [column for column, _ in found[4]] == ["人均年收入", "参保情况", "在校情况"]
    assert "可填：在校或失学" in found[4][2][1]
    assert ws.query.household_ids(tree.grid1) == []

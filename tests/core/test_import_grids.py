"""所属网格 as sheets write it: codes, names, paths of names; grids the sheet names that do not exist yet."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import Tree, empty_workspace, recording, valid_id
from test_import_households import households, snapshot
from test_import_reader import write_book

from gridapp.dto import SYSTEM
from gridapp.excel.import_grids import CREATE_HINT
from gridapp.excel.importer import (
    Cancelled,
    ImportOptions,
    apply,
    dry_run,
    import_file,
    propose_mapping,
    read_sheet,
)
from gridapp.workspace import Workspace

HEADER = ["所属网格", "户号", "姓名", "与户主关系", "公民身份号码"]


def roster(path: Path, grids: list[str]) -> Path:
    """One household of one to three people per cell of ``grids``."""
    rows = [HEADER]
    for n, grid in enumerate(grids, start=1):
        rows.append([grid, f"{n:03d}", f"户主{n}", "户主", valid_id(f"41142319700101{n:03d}")])
        rows += [[grid, f"{n:03d}", f"子{n}-{k}", "子", ""] for k in range(1, n % 3 + 1)]
    return write_book(path, rows)


def fresh_village(tmp_path: Path) -> tuple[Workspace, str]:
    """A new database as set up for one village office: the office and its village node, nothing else."""
    ws = empty_workspace(tmp_path / "fresh.sqlite3")
    village = ws.grid.create(SYSTEM, None, "幸福村", level=3, code="411423101001").id
    ws.init_office("幸福村村民委员会", "411423", node_id=village)
    return ws, village


@pytest.mark.parametrize("cell", ["清河镇/幸福村/第一网格/第一微网格", "幸福村／第一网格/第一微网格",
                                  " 宁陵县 / 清河镇 / 幸福村 / 第一网格 / 第一微网格 ", "第一网格 › 第一微网格",
                                  "第一网格-第一微网格", "第一微网格"])
def test_a_grid_is_found_by_any_tail_of_its_path(ws: Workspace, tree: Tree, tmp_path: Path, cell: str) -> None:
    result = import_file(ws, roster(tmp_path / "path.xlsx", [cell]), SYSTEM)
    assert not result.refused and not result.missing_grids
    assert list(households(ws, tree.micro)) == ["001"]


def test_a_hyphen_inside_a_name_is_part_of_the_name(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    joined = ws.grid.create(SYSTEM, tree.village, "一组-二组").id
    result = import_file(ws, roster(tmp_path / "h.xlsx", ["一组-二组", "幸福村-一组-二组", "幸福村/一组-二组"]), SYSTEM)
    assert not result.refused
    assert len(households(ws, joined)) == 3


def test_the_same_name_in_two_villages_is_read_inside_the_chosen_grid_or_by_its_path(ws: Workspace, tree: Tree,
                                                                                    tmp_path: Path) -> None:
    other = ws.grid.create(SYSTEM, ws.grid.create(SYSTEM, tree.town, "和平村").id, "第一网格").id
    result = import_file(ws, roster(tmp_path / "two.xlsx", ["第一网格", "和平村/第一网格"]), SYSTEM,
                         options=ImportOptions(tree.village))
    assert not result.refused
    assert list(households(ws, tree.grid1)) == ["001"] and list(households(ws, other)) == ["002"]


def test_missing_grids_are_listed_with_their_rows_and_refused_unless_created(tmp_path: Path) -> None:
    ws, village = fresh_village(tmp_path)
    sheet = roster(tmp_path / "new.xlsx", ["第一网格", "第二网格", "第二网格", "第三网格"])
    preview = import_file(ws, sheet, SYSTEM, preview_only=True)
    assert [(g.name, g.parent, g.rows) for g in preview.missing_grids] == [
        ("第一网格", "幸福村", 2), ("第二网格", "幸福村", 4), ("第三网格", "幸福村", 2)]
    assert preview.to_json()["missing_grids"][0] == {"name": "第一网格", "parent": "幸福村", "rows": 2}
    assert (preview.persons.refused, preview.persons.created) == (8, 0)
    assert {(i.column, i.reason) for r in preview.refused for i in r.issues} == {
        ("所属网格", f"找不到名称或编码为“{name}”的网格。{CREATE_HINT}") for name in ("第一网格", "第二网格", "第三网格")}

    done = import_file(ws, sheet, SYSTEM, options=ImportOptions(create_grids=True))
    assert (done.persons.created, done.persons.refused, done.households.created) == (8, 0, 4)
    grids = ws.query.grid_children(village)
    assert {g.name: g.level_label for g in grids} == {"第一网格": "网格", "第二网格": "网格", "第三网格": "网格"}
    assert {g.name: len(households(ws, g.id)) for g in grids} == {"第一网格": 1, "第二网格": 2, "第三网格": 1}

    again = import_file(ws, sheet, SYSTEM, options=ImportOptions(create_grids=True))
    assert not again.missing_grids and again.persons.unchanged == 8 and not again.changes_anything
    assert len(ws.query.grid_children(village)) == 3
    ws.close()


def test_new_grids_are_created_in_the_same_transaction_as_the_rows(tmp_path: Path) -> None:
    ws, village = fresh_village(tmp_path)
    sheet = read_sheet(roster(tmp_path / "new.xlsx", ["第一网格"]))
    plan = dry_run(ws, sheet, propose_mapping(ws, sheet.headers), ImportOptions(create_grids=True))
    assert plan.result.persons.created == 2 and plan.result.create_grids
    with pytest.raises(Cancelled):
        apply(ws, plan, SYSTEM, recording([], cancel_after=1))
    assert ws.query.grid_children(village) == []
    ws.close()


def test_new_grids_go_under_the_chosen_grid_or_the_one_their_path_names(ws: Workspace, tree: Tree,
                                                                       tmp_path: Path) -> None:
    sheet = roster(tmp_path / "under.xlsx", ["东片", "幸福村/第三网格", "第一网格/第一微网格/北片"])
    result = import_file(ws, sheet, SYSTEM, options=ImportOptions(tree.grid1, create_grids=True))
    assert [(g.name, g.parent) for g in result.missing_grids] == [
        ("东片", "宁陵县 / 清河镇 / 幸福村 / 第一网格"), ("第三网格", "宁陵县 / 清河镇 / 幸福村")]
    [refused] = {r.reason for r in result.refused}
    assert "它的上级是微网格，微网格下不能再建网格" in refused
    children = {g.name: g.level_label for g in ws.query.grid_children(tree.grid1)}
    assert children == {"第一微网格": "微网格", "东片": "微网格"}
    assert "第三网格" in {g.name for g in ws.query.grid_children(tree.village)}


def test_every_refusal_names_its_column(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    head = valid_id("41142319650302101")
    rows = [
        ["所属网格", "户号", "姓名", "与户主关系", "公民身份号码", "民族", "出生日期"],
        ["月亮网格", "001", "张三", "户主", "", "汉族", ""],  # no such grid
        ["第一网格", "002", "李四", "子", "", "汉族", ""],  # a household without a head
        ["第一网格", "003", "王五", "户主", head[:17] + "0", "汉族", ""],  # wrong check digit
        ["第一网格", "004", "赵六", "户主", "", "火星族", ""],  # not an ethnicity
        ["第一网格", "005", "钱七", "户主", "", "汉族", "2999-01-01"],  # born in the future
        ["第一网格", "006", "孙八", "户主", head, "汉族", ""],
        ["第一网格", "007", "周九", "户主", head, "汉族", ""],  # the same ID twice
        ["", "008", "吴十", "户主", "", "汉族", ""],  # no grid and none chosen
    ]
    result = import_file(ws, write_book(tmp_path / "bad.xlsx", rows), SYSTEM, preview_only=True)
    columns = {r.row: [i.column for i in r.issues] for r in result.refused}
    assert columns == {2: ["所属网格"], 3: ["与户主关系"], 4: ["公民身份号码"], 5: ["民族"], 6: ["出生日期"],
                       8: ["公民身份号码"], 9: ["所属网格"]}
    assert all(r.reason.startswith(r.issues[0].column + "：") for r in result.refused)
    assert snapshot(ws)["persons"][0] == 0

"""Households from sheets, grids, duplicates, re-import, cancel and the remembered mapping."""

from __future__ import annotations

import hashlib
from pathlib import Path

import backends
import pytest
from factories import Tree, family, recording, valid_id
from test_import_reader import HEAD_ID, HEADERS, SON_ID, WIFE_ID, family_rows, import_rows, write_book

from gridapp.dto import SYSTEM
from gridapp.excel.import_grids import CREATE_HINT
from gridapp.excel.importer import (
    Cancelled,
    ImportOptions,
    ImportRefused,
    apply,
    dry_run,
    import_file,
    propose_mapping,
    read_sheet,
)
from gridapp.workspace import Workspace

TABLES = ("households", "persons", "person_moves", "person_tags", "audit_log", "settings")


def snapshot(ws: Workspace, tables: tuple[str, ...] = TABLES) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every row, per table."""
    state = {}
    for table in tables:
        rows = backends.execute(ws, f"SELECT * FROM {table} ORDER BY 1")
        state[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return state


def households(ws: Workspace, scope: str) -> dict[str, list[tuple[str, str]]]:
    """Household number (or head's name) → members as (name, relation), in order."""
    found = {}
    for hid in ws.query.household_ids(scope):
        view = ws.query.household(hid)
        found[view.number or view.members[0].name] = [(m.name, m.relation) for m in view.members]
    return found


def test_grouped_by_number_column_with_blank_cells_continuing(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [HEADERS, ["001", "张三", "户主", HEAD_ID], [None, "李四", "妻", WIFE_ID], ["002", "王五", "户主", ""],
            ["001", "张小", "子", SON_ID]]
    result = import_rows(ws, tmp_path / "numbers.xlsx", rows, tree.grid1)
    assert result.grouping == "按户号分户"
    assert households(ws, tree.grid1) == {"001": [("张三", "户主"), ("李四", "妻"), ("张小", "子")],
                                          "002": [("王五", "户主")]}
    assert (result.households.created, result.persons.created) == (2, 4)


def test_grouped_by_head_rows_followed_by_members(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [["姓名", "与户主关系", "身份证号"], ["张三", "户主", HEAD_ID], ["李四", "妻", WIFE_ID], ["王五", "户主", ""],
            ["王小", "女", ""]]
    result = import_rows(ws, tmp_path / "heads.xlsx", rows, tree.grid1)
    assert result.grouping == "按户主行分户"
    assert households(ws, tree.grid1) == {"张三": [("张三", "户主"), ("李四", "妻")],
                                          "王五": [("王五", "户主"), ("王小", "女")]}


@pytest.mark.parametrize(("header", "grouping"), [("户主姓名", "按户主姓名分户"), ("户号", "按户号分户")])
def test_grouped_by_a_merged_cell_spanning_the_family(ws: Workspace, tree: Tree, tmp_path: Path, header: str,
                                                      grouping: str) -> None:
    rows = [[header, "姓名", "与户主关系"], ["张三", "张三", "户主"], [None, "李四", "妻"], [None, "张小", "子"],
            ["王五", "王五", "户主"], [None, "王小", "女"]]
    result = import_rows(ws, tmp_path / "merged.xlsx", rows, tree.grid1, merges=["A2:A4", "A5:A6"])
    assert result.grouping == grouping
    assert sorted(len(m) for m in households(ws, tree.grid1).values()) == [2, 3]


def test_households_without_exactly_one_head_are_refused(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [HEADERS, ["001", "张小", "子", ""], ["002", "王五", "户主", ""], ["002", "王六", "户主", ""],
            ["003", "赵七", "户主", ""]]
    result = import_rows(ws, tmp_path / "heads.xlsx", rows, tree.grid1)
    assert {r.row: r.reason for r in result.refused} == {
        2: "与户主关系：每户必须有且只有一名户主，现在没有户主。",
        3: "与户主关系：每户必须有且只有一名户主，现在有2名户主（王五、王六）。",
        4: "与户主关系：每户必须有且只有一名户主，现在有2名户主（王五、王六）。",
    }
    assert list(households(ws, tree.grid1)) == ["003"]


def test_a_wrong_head_row_holds_back_the_whole_household(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [HEADERS, ["001", "张三", "户主", HEAD_ID[:17] + "0"], ["001", "李四", "妻", WIFE_ID]]
    result = import_rows(ws, tmp_path / "head.xlsx", rows, tree.grid1)
    assert [r.row for r in result.refused] == [2, 3]
    assert "本户户主（第2行）有错误" in result.refused[1].reason
    assert result.households.refused == 1 and households(ws, tree.grid1) == {}


def test_grid_from_the_column_by_name_or_code_else_the_chosen_one(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    other_village = ws.grid.create(SYSTEM, tree.town, "和平村").id
    ws.grid.create(SYSTEM, other_village, "第一网格")
    rows = [["所属网格", "姓名", "与户主关系"], ["第一网格", "甲", "户主"], ["41142310100102", "乙", "户主"],
            [None, "丙", "户主"], ["月亮网格", "丁", "户主"]]
    result = import_rows(ws, tmp_path / "grids.xlsx", rows, tree.village)
    assert list(households(ws, tree.grid1)) == ["甲"]
    assert list(households(ws, tree.grid2)) == ["乙"]
    assert set(households(ws, tree.village)) == {"甲", "乙", "丙"}
    assert [r.reason for r in result.refused] == [f"所属网格：找不到名称或编码为“月亮网格”的网格。{CREATE_HINT}"]
    again = import_rows(ws, tmp_path / "grids2.xlsx", [rows[0], ["第一网格", "戊", "户主"], [None, "己", "户主"]],
                        None)
    assert [r.reason for r in again.refused] == [
        "所属网格：有2个网格都叫“第一网格”，请改填网格编码或带上级名称的路径（如“幸福村/第一网格”），"
        "或在导入时先选择它所在的村（社区）。",
        "所属网格：没有填写所属网格。请在“所属网格”列填写网格名称或编码，或在导入时选择一个网格。",
    ]


def test_the_same_person_twice_in_the_file_is_refused_the_second_time(ws: Workspace, tree: Tree,
                                                                      tmp_path: Path) -> None:
    rows = [HEADERS, *family_rows("001"), ["002", "张三", "户主", HEAD_ID.lower()]]
    result = import_rows(ws, tmp_path / "twice.xlsx", rows, tree.grid1)
    [refused] = result.refused
    assert (refused.row, refused.issues[0].column) == (5, "公民身份号码")
    assert "与第2行的身份证号码相同" in refused.reason
    assert result.persons.created == 3


def test_registered_people_with_other_data_are_asked_skipped_or_updated(ws: Workspace, tree: Tree,
                                                                        tmp_path: Path) -> None:
    headers = [*HEADERS, "家庭住址"]
    first = [[*r, "幸福村1组1号"] for r in family_rows()]
    import_rows(ws, tmp_path / "first.xlsx", [headers, *first], tree.grid1)
    changed = [row[:] for row in first]
    changed[0][4:7] = ["回族", None, "幸福村2组8号"]  # a blank phone never clears the stored one
    before = snapshot(ws)

    asked = import_rows(ws, tmp_path / "ask.xlsx", [headers, *changed], tree.grid1, policy="ask")
    assert (asked.persons.needs_decision, asked.persons.unchanged, asked.households.needs_decision) == (1, 2, 1)
    assert "张三已登记，表中有不同：民族 汉族 → 回族。请选择“更新”或“跳过”后重新导入" in asked.needs_decision[1].reason
    assert "家庭住址 幸福村1组1号 → 幸福村2组8号" in asked.needs_decision[0].reason
    skipped = import_rows(ws, tmp_path / "skip.xlsx", [headers, *changed], tree.grid1, policy="skip")
    assert (skipped.persons.skipped, skipped.households.skipped) == (1, 1)
    assert snapshot(ws)["persons"] == before["persons"] and snapshot(ws)["households"] == before["households"]

    updated = import_rows(ws, tmp_path / "update.xlsx", [headers, *changed], tree.grid1, policy="update")
    assert (updated.persons.updated, updated.persons.unchanged, updated.households.updated) == (1, 2, 1)
    view = ws.query.household(ws.query.household_ids(tree.grid1)[0])
    assert (view.address, view.members[0].ethnicity, view.members[0].phone) == ("幸福村2组8号", "回族", "13800001234")
    actions = backends.execute(ws, "SELECT action, table_name FROM audit_log ORDER BY id DESC LIMIT 3")
    assert set(actions) == {("update", "households"), ("update", "persons"), ("import", "persons")}


def test_someone_registered_in_another_household_is_never_moved(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    ws.households.create(SYSTEM, family(tree.grid2, head_id=SON_ID))
    rows = [HEADERS, *family_rows()]
    skipped = import_rows(ws, tmp_path / "skip.xlsx", rows, tree.grid1, policy="skip", preview=True)
    assert [(r.row, "请用“迁入”" in r.reason) for r in skipped.skipped] == [(4, True)]
    updated = import_rows(ws, tmp_path / "update.xlsx", rows, tree.grid1, policy="update")
    assert [(r.row, f"身份证号码 {SON_ID} 已登记为曾秀英" in r.reason) for r in updated.refused] == [(4, True)]
    assert households(ws, tree.grid1) == {"001": [("张三", "户主"), ("李四", "妻")]}


def test_reimporting_the_same_file_changes_nothing(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [[*HEADERS, "出生日期"], *[[*r, None] for r in family_rows()], ["002", "王五", "户主", "", "回族", "", "1950.7"],
            ["002", "王小", "女", "", "", "", "2001-5-6"], ["", "赵七", "户主", valid_id("41142319700101101"), "汉族",
                                                            "", None]]
    first = import_rows(ws, tmp_path / "once.xlsx", rows, tree.grid1)
    assert (first.households.created, first.persons.created) == (3, 6)
    before = snapshot(ws)
    for policy in ("update", "ask", "skip"):
        again = import_rows(ws, tmp_path / "twice.xlsx", rows, tree.grid1, policy=policy)
        assert (again.households.unchanged, again.persons.unchanged) == (3, 6)
        assert not (again.persons.created or again.persons.updated or again.refused or again.needs_decision)
    assert snapshot(ws) == before


def test_a_new_member_joins_the_registered_household(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [HEADERS, *family_rows()]
    import_rows(ws, tmp_path / "once.xlsx", rows, tree.grid1)
    result = import_rows(ws, tmp_path / "baby.xlsx", [*rows, ["001", "张宝", "孙子", ""]], tree.grid1)
    assert (result.households.updated, result.persons.created, result.persons.unchanged) == (1, 1, 3)
    assert households(ws, tree.grid1)["001"][-1] == ("张宝", "孙子")
    moved = import_rows(ws, tmp_path / "grid.xlsx", [[*HEADERS, "所属网格"], *[[*r, "第二网格"] for r in rows[1:]]],
                        tree.grid1)
    assert "导入不会迁移住户" in moved.needs_decision[0].reason
    assert list(households(ws, tree.grid1)) == ["001"]


def test_cancel_during_apply_leaves_the_database_as_it_was(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    ws.households.create(SYSTEM, family(tree.grid2))
    path = write_book(tmp_path / "cancel.xlsx", [HEADERS, *family_rows("001"), ["002", "王五", "户主", "", "", ""]])
    sheet = read_sheet(path)
    plan = dry_run(ws, sheet, propose_mapping(ws, sheet.headers), ImportOptions(tree.grid1))
    before = snapshot(ws)
    calls: list[tuple[int, int]] = []
    with pytest.raises(Cancelled, match="没有做任何改动"):
        apply(ws, plan, SYSTEM, recording(calls, cancel_after=2))
    assert [done for done, _total in calls] == [0, 2]  # the two households were inserted, then rolled back
    assert snapshot(ws) == before
    assert backends.execute(ws, "SELECT count(*) FROM imports") == [(0,)]  # its undo journal went with it


def test_a_corrected_mapping_is_remembered_for_the_same_layout(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    headers = ["人名", "称谓", "身份证号"]
    sheet = read_sheet(write_book(tmp_path / "odd.xlsx", [["户号", *headers], ["001", "张三", "户主", HEAD_ID]]))
    mapping = propose_mapping(ws, sheet.headers)
    assert mapping.missing() == ["姓名"] and not mapping.remembered
    with pytest.raises(ImportRefused, match="没有找到“姓名”列"):
        dry_run(ws, sheet, mapping, ImportOptions(tree.grid1))
    mapping.set(1, "name")
    assert mapping.checks_only  # without 与户主关系 the sheet can only check registered people
    assert dry_run(ws, sheet, mapping, ImportOptions(tree.grid1)).result.refused[0].issues[0].column == "与户主关系"
    mapping.set(2, "relation")
    assert not mapping.checks_only
    result = apply(ws, dry_run(ws, sheet, mapping, ImportOptions(tree.grid1)), SYSTEM)
    assert result.persons.created == 1
    again = propose_mapping(ws, sheet.headers)
    assert again.remembered and again.columns == {0: "household_number", 1: "name", 2: "relation", 3: "id_number"}
    assert not propose_mapping(ws, ("姓名", "人名")).remembered


def test_special_groups_in_one_cell_become_tags_and_are_added_never_removed(ws: Workspace, tree: Tree,
                                                                          tmp_path: Path) -> None:
    rows = [[*HEADERS, "特殊人群"], *[[*r, tags] for r, tags in zip(family_rows(), ("低保户、残疾", "", "留守儿童"),
                                                                   strict=True)]]
    result = import_rows(ws, tmp_path / "tags.xlsx", rows, tree.grid1)
    assert result.persons.created == 3
    assert tags_of(ws, HEAD_ID) == {"subsistence_allowance", "disabled"}
    assert tags_of(ws, SON_ID) == {"left_behind_child"}

    rows[1][-1] = "低保对象，五保户"  # one known, one new; 残疾 left out of the cell
    asked = import_rows(ws, tmp_path / "tags2.xlsx", rows, tree.grid1)
    assert asked.persons.needs_decision == 1 and "特殊人群 增加 特困人员" in asked.needs_decision[0].reason
    updated = import_rows(ws, tmp_path / "tags2.xlsx", rows, tree.grid1, policy="update")
    assert updated.persons.updated == 1 and updated.persons.unchanged == 2
    assert tags_of(ws, HEAD_ID) == {"subsistence_allowance", "disabled", "extreme_poverty"}
    again = import_rows(ws, tmp_path / "tags2.xlsx", rows, tree.grid1, policy="update")
    assert not again.changes_anything


def test_an_unknown_special_group_is_refused_with_the_choices(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [[*HEADERS, "人群类别"], *[[*r, tags] for r, tags in zip(family_rows(), ("", "", "低保、外星人"),
                                                                   strict=True)]]
    result = import_rows(ws, tmp_path / "bad-tags.xlsx", rows, tree.grid1, preview=True)
    [report] = result.refused
    assert report.row == 4 and "“外星人”不是有效的特殊人群" in report.reason and "低保对象" in report.reason


def tags_of(ws: Workspace, id_number: str) -> set[str]:
    [hit] = [h for h in ws.search(id_number) if h.id_number == id_number]
    [person] = [m for m in ws.query.household(hit.household_id).members if m.id == hit.person_id]
    return {t.category for t in person.tags}


def test_doubtful_id_numbers_are_imported_with_a_note_to_check(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    """An abolished address code on someone born after it, or an unknown county under a known prefecture: the
    number may still be real (a code kept from the first registration), so the row goes in and is listed."""
    born_after = valid_id("11010320150101001")  # 北京市崇文区, abolished in 2010
    unknown_county = valid_id("41149919800101001")  # no county 99 under 商丘市
    rows = [HEADERS, ["001", "王五", "户主", unknown_county, "汉族", ""], ["001", "王小", "子", born_after, "汉族", ""]]
    sheet = write_book(tmp_path / "doubtful.xlsx", rows)
    result = import_file(ws, sheet, SYSTEM, options=ImportOptions(tree.grid1))
    assert result.persons.created == 2 and not result.refused
    assert [(r.row, r.issues[0].column) for r in result.warnings] == [(2, "公民身份号码"), (3, "公民身份号码")]
    assert "河南省商丘市没有这个县级代码" in result.warnings[0].reason
    assert "2010年已撤销，2015年出生" in result.warnings[1].reason
    assert result.to_json()["warnings"][1]["reasons"][0]["reason"].startswith("王小：")

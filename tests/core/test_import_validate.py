"""Row checks: ID numbers as Excel mangles them, every date style, loose code values, row and column named."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from factories import Tree, valid_id
from test_import_reader import HEAD_ID, import_rows

from gridapp.dto import PersonView
from gridapp.excel.import_validate import NUMERIC_ID
from gridapp.idnumber import upgrade15
from gridapp.workspace import Workspace

OLD_ID = "411423650302123"  # a 15-digit number of someone born 1965-03-02


def members(ws: Workspace, grid_id: str) -> list[PersonView]:
    return [m for h in ws.query.household_ids(grid_id) for m in ws.query.household(h).members]


def reasons(result: Any) -> dict[int, list[tuple[str, str]]]:
    return {r.row: [(i.column, i.reason) for i in r.issues] for r in result.refused}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1965.3.2", date(1965, 3, 2)),
        ("1965年3月2日", date(1965, 3, 2)),
        ("19650302", date(1965, 3, 2)),
        (19650302, date(1965, 3, 2)),
        ("1965-03-02", date(1965, 3, 2)),
        ("1965/3/2", date(1965, 3, 2)),
        ("１９６５．３．２", date(1965, 3, 2)),
        (datetime(1965, 3, 2), date(1965, 3, 2)),
        ("1965.03", date(1965, 3, 1)),
        (1965.03, date(1965, 3, 1)),
        ("1965年3月", date(1965, 3, 1)),
    ],
)
def test_every_date_style_is_read(ws: Workspace, tree: Tree, tmp_path: Path, cell: Any, expected: date) -> None:
    result = import_rows(ws, tmp_path / "dates.xlsx", [["姓名", "与户主关系", "出生日期"], ["张三", "户主", cell]],
                         tree.grid1)
    assert result.persons.created == 1, result.refused
    assert members(ws, tree.grid1)[0].birth_date == expected


def test_a_birth_month_takes_the_day_from_a_matching_id_number(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [["姓名", "与户主关系", "身份证号", "出生年月"], ["张三", "户主", HEAD_ID, "1965.03"],
            ["王五", "户主", valid_id("41142319660401101"), "1965.04"]]
    result = import_rows(ws, tmp_path / "month.xlsx", rows, tree.grid1)
    assert members(ws, tree.grid1)[0].birth_date == date(1965, 3, 2)
    [(columns, reason)] = reasons(result)[3]
    assert columns == "身份证号、出生年月" and "与身份证号码不符" in reason


def test_dates_that_cannot_be_read_or_are_ambiguous_are_refused(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [["姓名", "与户主关系", "出生日期"], ["甲", "户主", 1965.1], ["乙", "户主", "去年"], ["丙", "户主", "1965-02-30"]]
    found = reasons(import_rows(ws, tmp_path / "bad-dates.xlsx", rows, tree.grid1))
    assert found[2] == [("出生日期", "日期是数字 1965.1，分不清是1月还是10月。请把这一列设置为文本格式，按 1965-10-01 的样子填写。")]
    assert "无法识别的日期「去年」" in found[3][0][1]
    assert found[4] == [("出生日期", "日期 1965-02-30 不存在")]
    assert members(ws, tree.grid1) == []


def test_numeric_id_cells_are_refused_because_excel_lost_digits(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [["姓名", "与户主关系", "公民身份号码"], ["张三", "户主", int(HEAD_ID[:17] + "0")],
            ["李四", "户主", float(HEAD_ID[:17] + "0")], ["王五", "户主", int(OLD_ID)]]
    result = import_rows(ws, tmp_path / "numeric.xlsx", rows, tree.grid1)
    found = reasons(result)
    assert set(found) == {2, 3}
    for row in (2, 3):
        [(column, reason)] = found[row]
        assert column == "公民身份号码" and reason.endswith(NUMERIC_ID)
    # 15 digits survive Excel's 15 significant digits: the old number is converted, not refused.
    assert [m.id_number for m in members(ws, tree.grid1)] == [upgrade15(OLD_ID)]


@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        ("11010519491231002x", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        (" 110105 19491231 002X ", "11010519491231002X"),
        (OLD_ID, upgrade15(OLD_ID)),
    ],
)
def test_id_numbers_as_people_type_them_are_stored_as_18_digits(ws: Workspace, tree: Tree, tmp_path: Path,
                                                                 cell: str, stored: str) -> None:
    result = import_rows(ws, tmp_path / "ids.xlsx", [["姓名", "关系", "身份证号码"], ["张三", "户主", cell]], tree.grid1)
    assert result.persons.created == 1, result.refused
    [person] = members(ws, tree.grid1)
    assert person.id_number == stored and person.sex and person.birth_date


def test_check_digit_and_sex_are_checked_against_the_id_number(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [["姓名", "与户主关系", "身份证号", "性别"], ["张三", "户主", HEAD_ID[:17] + "0", "男"],
            ["李四", "户主", valid_id("41142319670405102"), "男"]]
    found = reasons(import_rows(ws, tmp_path / "check.xlsx", rows, tree.grid1))
    assert found[2] == [("身份证号", f"张三：第18位校验码应为 {HEAD_ID[17]}，实际为 0")]
    assert found[3] == [("身份证号、性别", "李四：性别“男”与身份证号码不符（号码表明为女）。")]


def test_code_values_are_matched_with_their_variants_or_flagged(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [["姓名", "与户主关系", "民族", "政治面貌", "文化程度", "人口类别", "性别"],
            ["张三", "户主本人", "汉", "党员", "大专", "流动", "M"],
            ["王五", "户主", "火星族", "群众", "小学", "户籍", "男"],
            ["赵六", "户主", "汉族", "群众", "小学", "常住", "男"]]
    result = import_rows(ws, tmp_path / "codes.xlsx", rows, tree.grid1)
    [person] = members(ws, tree.grid1)
    assert (person.relation, person.ethnicity, person.political_status, person.education, person.residence_kind,
            person.sex) == ("户主", "汉族", "中共党员", "大学专科", "流动人口", "男")
    found = reasons(result)
    assert found[3] == [("民族", "“火星族”不是有效的民族，请按模板下拉列表中的写法填写。")]
    assert found[4] == [("人口类别", "“常住”不是有效的人口类别，可填：户籍人口、流动人口、寄住人口、境外人员。")]


def test_every_problem_of_a_row_is_reported_at_once(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [["姓名", "与户主关系", "身份证号", "民族", "出生日期"], ["张三", "户主", HEAD_ID[:17] + "0", "火星", "昨天"]]
    [(row, issues)] = reasons(import_rows(ws, tmp_path / "many.xlsx", rows, tree.grid1)).items()
    assert row == 2
    assert [column for column, _ in issues] == ["民族", "出生日期", "身份证号"]


def test_a_row_without_name_or_relation_is_refused_not_dropped(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [["姓名", "与户主关系", "联系电话"], ["张三", "户主", 13800001234], [None, "子", "13900000000"],
            ["张四", None, None]]
    result = import_rows(ws, tmp_path / "gaps.xlsx", rows, tree.grid1)
    found = reasons(result)
    assert found[3] == [("姓名", "姓名不能为空。")]
    assert found[4] == [("与户主关系", "张四：请填写与户主关系。")]
    assert [m.phone for m in members(ws, tree.grid1)] == ["13800001234"]

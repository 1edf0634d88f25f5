"""The error report a village corrects, and the blank template an office hands out."""

from __future__ import annotations

from pathlib import Path

from factories import Tree
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from test_import_reader import HEAD_ID, HEADERS, WIFE_ID, family_rows, import_rows

from gridapp.dto import SYSTEM
from gridapp.excel.import_fields import fields
from gridapp.excel.importer import ImportOptions, import_file, write_error_report, write_template
from gridapp.workspace import Workspace


def test_the_error_report_lists_every_row_not_imported_with_its_cells_and_reason(ws: Workspace, tree: Tree,
                                                                                tmp_path: Path) -> None:
    rows = [["幸福村花名册"], HEADERS, *family_rows("001"),
            ["002", "王五", "户主", HEAD_ID[:17] + "0", "火星族", ""],
            ["003", "赵六", "舅舅", "", "汉族", ""],
            ["004", "钱七", "户主", WIFE_ID, "汉族", ""],
            ["合计", "4户"]]
    import_rows(ws, tmp_path / "first.xlsx", [HEADERS, *family_rows("001")], tree.grid1)
    rows[2][4] = "回族"  # 张三 is registered as 汉族: waits for a decision
    result = import_rows(ws, tmp_path / "roster.xlsx", rows, tree.grid1, preview=True)
    assert [r.row for r in result.refused] == [6, 7, 8]
    path = write_error_report(result, tmp_path / "errors.xlsx")

    sheet = load_workbook(path).active
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert table[0] == [*HEADERS, "错误原因", "原行号"]
    by_row = {r[-1]: r for r in table[1:]}
    assert sorted(by_row) == [3, 6, 7, 8]
    assert by_row[6][:6] == ["002", "王五", "户主", HEAD_ID[:17] + "0", "火星族", None]
    assert "民族：“火星族”不是有效的民族" in by_row[6][6] and by_row[6][6].endswith("；公民身份号码：第18位校验码应为 6，实际为 0。")
    assert by_row[7][6] == "与户主关系：“舅舅”不是有效的与户主关系，请按模板下拉列表中的写法填写。"
    assert "与第4行的身份证号码相同" in by_row[8][6]
    assert by_row[3][6].startswith("需要确认：张三已登记，表中有不同：民族 汉族 → 回族")


def test_the_template_has_the_columns_notes_lists_and_a_text_id_column(tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx")
    book = load_workbook(path)
    sheet = book["人员信息"]
    assert book["代码表"].sheet_state == "hidden"
    headers = [c.value for c in sheet[2]]
    assert headers == [f.title + ("*" if f.required else "") for f in fields()]
    assert sheet["A3"].value.startswith("填写说明：")
    column = {h.rstrip("*"): get_column_letter(i) for i, h in enumerate(headers, start=1)}
    assert sheet.column_dimensions[column["公民身份号码"]].number_format == "@"  # every row, typed or not
    assert sheet.column_dimensions[column["联系电话"]].number_format == "@"
    assert sheet.column_dimensions[column["姓名"]].number_format == "General"
    lists = {str(v.sqref).split(":")[0][:-1]: v.formula1 for v in sheet.data_validations.dataValidation}
    for title in ("民族", "与户主关系", "性别", "人口类别", "政治面貌", "文化程度", "婚姻状况", "户类型"):
        formula = lists[column[title]]
        letter = formula.split("$")[1]
        values = [c.value for c in book["代码表"][letter]]
        assert formula.startswith("'代码表'!") and values[0] and len(values) > 2
    ethnicity_letter = lists[column["民族"]].split("$")[1]
    assert "汉族" in [c.value for c in book["代码表"][ethnicity_letter]]


def test_a_filled_in_template_imports_and_its_notes_row_is_passed_over(ws: Workspace, tree: Tree,
                                                                       tmp_path: Path) -> None:
    path = write_template(tmp_path / "filled.xlsx")
    book = load_workbook(path)
    sheet = book["人员信息"]
    column = {str(c.value).rstrip("*"): c.column for c in sheet[2]}
    for row, (name, relation, number) in enumerate([("张三", "户主", HEAD_ID), ("李四", "妻", WIFE_ID)], start=4):
        for title, value in (("户号", "001"), ("姓名", name), ("与户主关系", relation), ("公民身份号码", number),
                             ("民族", "汉族"), ("所属网格", "第一网格")):
            sheet.cell(row, column[title], value)
    book.save(path)
    result = import_file(ws, path, SYSTEM, options=ImportOptions())
    assert (result.header_row, result.ignored_rows) == (2, [(3, "填写说明行")])
    assert (result.households.created, result.persons.created, result.refused) == (1, 2, [])

"""Reading spreadsheets as villages keep them: title rows, merged cells, blank and total rows, wrong files.

The sheet builders here are shared by the other import tests (``from test_import_reader import …``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
from factories import recording, valid_id
from openpyxl import Workbook

from gridapp.dto import SYSTEM
from gridapp.excel.importer import (
    Cancelled,
    ImportOptions,
    ImportRefused,
    ImportResult,
    import_file,
    list_sheets,
    read_sheet,
)

HEADERS = ["户号", "姓名", "与户主关系", "公民身份号码", "民族", "联系电话"]
HEAD_ID = valid_id("41142319650302101")
WIFE_ID = valid_id("41142319670405102")
SON_ID = valid_id("41142319900101101")


def write_book(path: Path, rows: Iterable[Sequence[Any]], merges: Iterable[str] = (), sheet: str = "人口",
               before: Iterable[str] = (), hidden: Iterable[str] = ()) -> Path:
    """An .xlsx with ``rows`` from A1 on sheet ``sheet``; ``before`` adds sheets of notes in front of it,
    ``hidden`` hidden sheets after it."""
    book = Workbook()
    book.remove(book.active)
    for name in before:
        book.create_sheet(name).append(["本表说明：请勿修改"])
    target = book.create_sheet(sheet)
    for row in rows:
        target.append(list(row))
    for area in merges:
        target.merge_cells(area)
    for name in hidden:
        book.create_sheet(name).sheet_state = "hidden"
    book.save(path)
    return path


def import_rows(ws: Any, path: Path, rows: Iterable[Sequence[Any]], grid_id: str | None, *, policy: str = "ask",
                preview: bool = False, merges: Iterable[str] = ()) -> ImportResult:
    """Write ``rows`` to ``path`` and import them (or only preview) with the proposed mapping."""
    write_book(path, rows, merges)
    return import_file(ws, path, SYSTEM, options=ImportOptions(grid_id, policy), preview_only=preview)


def family_rows(number: str = "001") -> list[list[Any]]:
    return [
        [number, "张三", "户主", HEAD_ID, "汉族", "13800001234"],
        [number, "李四", "妻", WIFE_ID, "汉族", ""],
        [number, "张小", "子", SON_ID, "汉族", ""],
    ]


def test_header_below_title_rows_and_a_two_level_merged_header(tmp_path: Path) -> None:
    rows = [
        ["幸福村2026年人口信息登记表"],
        ["填报单位：幸福村村委会"],
        ["户号", "姓名", "与户主关系", "公民身份号码", "基本情况", None],
        [None, None, None, None, "民族", "联系电话"],
        *family_rows(),
    ]
    path = write_book(tmp_path / "title.xlsx", rows, merges=["A1:F1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3"])
    sheet = read_sheet(path)
    assert sheet.header_row == 4
    assert sheet.headers == tuple(HEADERS)
    assert [r.number for r in sheet.data_rows] == [5, 6, 7]
    assert sheet.data_rows[0].values[:3] == ("001", "张三", "户主")


def test_merged_data_cells_are_filled_on_every_row_they_span(tmp_path: Path) -> None:
    rows = [HEADERS, *family_rows()]
    for row in rows[2:]:
        row[0] = None
    path = write_book(tmp_path / "merged.xlsx", rows, merges=["A2:A4"])
    assert [r.values[0] for r in read_sheet(path).data_rows] == ["001", "001", "001"]


def test_blank_total_notes_and_signature_rows_are_passed_over_and_reported(tmp_path: Path) -> None:
    rows = [
        HEADERS,
        ["填写说明：同一户填相同户号", "必填", "必填"],
        family_rows()[0],
        [None, "  ", None],
        family_rows()[1],
        ["小计", None, None, None, None, None],
        ["合计：2户5人"],
        ["填表人：王会计", None, "审核人：李书记"],
    ]
    sheet = read_sheet(write_book(tmp_path / "totals.xlsx", rows))
    assert [r.number for r in sheet.data_rows] == [3, 5]
    assert sheet.ignored_rows == [(2, "填写说明行"), (6, "合计行"), (7, "合计行"), (8, "落款行")]


def test_the_sheet_with_the_header_is_chosen_unless_one_is_named(tmp_path: Path) -> None:
    path = write_book(tmp_path / "two.xlsx", [HEADERS, *family_rows()], sheet="花名册", before=["说明"])
    assert [(s.name, s.header_score > 0) for s in list_sheets(path)] == [("说明", False), ("花名册", True)]
    assert read_sheet(path).name == "花名册"
    with pytest.raises(ImportRefused, match="找不到表头"):
        read_sheet(path, "说明")
    with pytest.raises(ImportRefused, match="没有名为“户籍”的工作表（现有：说明、花名册）"):
        read_sheet(path, "户籍")


def test_the_user_can_choose_another_header_row(tmp_path: Path) -> None:
    rows = [["姓名", "身份证号"], ["（旧表头，已作废）"], HEADERS, *family_rows()]
    sheet = read_sheet(write_book(tmp_path / "header.xlsx", rows))
    assert sheet.header_row == 3
    assert sheet.with_header(1).headers[:2] == ("姓名", "身份证号")
    with pytest.raises(ImportRefused, match="空行"):
        sheet.with_header(40)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.xlsx", b"", "是空的（0字节）"),
        ("renamed.xlsx", "姓名,身份证号\n张三,1\n".encode(), "不是有效的Excel工作簿"),
        ("zeros.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "已损坏，文件结构不完整"),
        ("broken.xlsx", b"PK\x03\x04 truncated", "不是有效的Excel工作簿"),
    ],
)
def test_files_that_are_not_workbooks_are_refused_clearly(tmp_path: Path, name: str, content: bytes,
                                                          message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match=message) as caught:
        read_sheet(path)
    assert name in str(caught.value)


def test_empty_sheets_and_sheets_without_people_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="是空的，没有任何数据"):
        read_sheet(write_book(tmp_path / "blank.xlsx", []))
    with pytest.raises(ImportRefused, match="下面没有人员数据"):
        read_sheet(write_book(tmp_path / "only-header.xlsx", [["人口表"], HEADERS, ["合计", 0]]))
    with pytest.raises(ImportRefused, match="找不到文件"):
        read_sheet(tmp_path / "missing.xlsx")


def test_reading_can_be_cancelled(tmp_path: Path) -> None:
    rows = [HEADERS] + [[str(i), f"人{i}", "户主", "", "汉族", ""] for i in range(2500)]
    path = write_book(tmp_path / "big.xlsx", rows)
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled, match="已取消"):
        read_sheet(path, progress=recording(seen, cancel_after=2))
    assert seen[0] == (1000, 2501)

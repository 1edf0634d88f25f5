"""The same roster as .xlsx, .xls, .ods and .csv (GBK, UTF-8 with a BOM …): the same rows, the same import.

Also what each kind of file can do wrong: numbers where ID numbers belong, hidden sheets, encodings and
delimiters of a CSV, and files that are cut off or damaged, refused in Chinese and never with a traceback.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from factories import Tree
from openpyxl import load_workbook
from sheet_files import write_csv, write_ods, write_xls
from test_import_households import households
from test_import_reader import HEAD_ID, HEADERS, SON_ID, WIFE_ID, write_book

from gridapp.dto import SYSTEM
from gridapp.excel import import_csv, ods_merges, xls_guard
from gridapp.excel.import_validate import NUMERIC_ID
from gridapp.excel.importer import ImportOptions, ImportRefused, import_file, list_sheets, read_sheet
from gridapp.workspace import Workspace

ROSTER = [
    ["幸福村人口登记表"],
    [*HEADERS, "出生日期"],
    ["001", "张三", "户主", HEAD_ID, "汉族", "13800001234", date(1965, 3, 2)],
    [None, "李四", "妻", WIFE_ID, "汉族", None, date(1967, 4, 5)],
    [None, "张小", "子", SON_ID, "汉族", None, date(1990, 1, 1)],
    ["002", "王五", "户主", None, "回族", None, None],
    ["合计：2户4人"],
]
MERGES = ["A1:G1", "A3:A5"]

Writer = Callable[..., Path]
FORMATS: dict[str, tuple[str, Writer]] = {
    "xlsx": (".xlsx", lambda path, rows, merges=(), **kw: write_book(path, rows, merges, **kw)),
    "xls": (".xls", write_xls),
    "ods": (".ods", write_ods),
    "csv-gbk": (".csv", lambda path, rows, merges=(): write_csv(path, rows, merges, encoding="gbk")),
    "csv-utf8-bom-tab": (".csv", lambda path, rows, merges=(): write_csv(path, rows, merges, encoding="utf-8-sig",
                                                                        delimiter="\t")),
    "csv-utf8-semicolon": (".csv", lambda path, rows, merges=(): write_csv(path, rows, merges, encoding="utf-8",
                                                                          delimiter=";")),
}
WORKBOOKS = ("xlsx", "xls", "ods")


def write(kind: str, folder: Path, rows: list[list[Any]], merges: list[str] | None = None, **extra: Any) -> Path:
    suffix, writer = FORMATS[kind]
    return writer(folder / f"花名册{suffix}", rows, MERGES if merges is None else merges, **extra)


@pytest.mark.parametrize("kind", FORMATS)
def test_every_format_reads_the_same_rows(tmp_path: Path, kind: str) -> None:
    sheet = read_sheet(write(kind, tmp_path, ROSTER))
    assert sheet.name == ("花名册" if kind.startswith("csv") else "人口")
    assert (sheet.header_row, sheet.headers) == (2, (*HEADERS, "出生日期"))
    assert [r.number for r in sheet.data_rows] == [3, 4, 5, 6]
    assert sheet.ignored_rows == [(7, "合计行")]
    numbers = [r.values[0] for r in sheet.data_rows]
    assert numbers == (["001", None, None, "002"] if kind.startswith("csv") else ["001", "001", "001", "002"])
    assert [r.values[3] for r in sheet.data_rows[:3]] == [HEAD_ID, WIFE_ID, SON_ID]


@pytest.mark.parametrize("kind", FORMATS)
def test_every_format_imports_the_same_households(ws: Workspace, tree: Tree, tmp_path: Path, kind: str) -> None:
    result = import_file(ws, write(kind, tmp_path, ROSTER), SYSTEM, options=ImportOptions(tree.grid1))
    assert (result.households.created, result.persons.created, result.persons.refused) == (2, 4, 0)
    assert households(ws, tree.grid1) == {"001": [("张三", "户主"), ("李四", "妻"), ("张小", "子")],
                                          "002": [("王五", "户主")]}
    people = {m.name: (m.id_number, m.birth_date, m.ethnicity) for h in ws.query.household_ids(tree.grid1)
              for m in ws.query.household(h).members}
    assert people["张小"] == (SON_ID, date(1990, 1, 1), "汉族") and people["王五"] == ("", None, "回族")


@pytest.mark.parametrize("kind", WORKBOOKS)
def test_merged_cells_are_filled_in_every_workbook_format(tmp_path: Path, kind: str) -> None:
    rows = [["户号", "姓名", "与户主关系", "基本情况", None], [None, None, None, "民族", "联系电话"],
            ["001", "张三", "户主", "汉族", "13800001234"], [None, "李四", "妻", "汉族", None]]
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:E1", "A3:A4"]
    sheet = read_sheet(write(kind, tmp_path, rows, merges))
    assert sheet.header_row == 2
    assert sheet.headers == ("户号", "姓名", "与户主关系", "民族", "联系电话")
    assert [r.values[:2] for r in sheet.data_rows] == [("001", "张三"), ("001", "李四")]


@pytest.mark.parametrize("kind", [*WORKBOOKS, "csv-gbk"])
def test_id_numbers_that_became_numbers_are_refused_as_damaged(ws: Workspace, tree: Tree, tmp_path: Path,
                                                               kind: str) -> None:
    number = int(HEAD_ID) if HEAD_ID[-1] != "X" else int(HEAD_ID[:-1] + "0")
    shown = "4.11423E+17" if kind.startswith("csv") else number  # what Excel writes for it in a CSV
    rows = [HEADERS, ["001", "张三", "户主", shown, "汉族", None]]
    result = import_file(ws, write(kind, tmp_path, rows, []), SYSTEM, options=ImportOptions(tree.grid1),
                         preview_only=True)
    [issue] = result.refused[0].issues
    assert issue.column == "公民身份号码" and issue.reason.endswith(NUMERIC_ID)


@pytest.mark.parametrize("kind", WORKBOOKS)
def test_hidden_sheets_are_not_offered(tmp_path: Path, kind: str) -> None:
    path = write(kind, tmp_path, ROSTER, hidden=["代码表"])
    assert [s.name for s in list_sheets(path)] == ["人口"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("姓名,身份证号\n张三,1\n", "gb18030"), ("姓名,身份证号\n张三,1\n", "utf-8"), ("\ufeff姓名,身份证号\n", "utf-8"),
     ("姓名\t身份证号\n张三\t1\n", "utf-16")],
)
def test_csv_text_is_decoded_as_excel_and_wps_write_it(text: str, encoding: str) -> None:
    assert import_csv.decode(text.encode(encoding)).lstrip("\ufeff") == text.lstrip("\ufeff")


def test_csv_delimiters_quotes_and_excels_sep_line() -> None:
    assert import_csv.records('姓名;住址;电话\n张三;"幸福村1组;3号";1\n') == [["姓名", "住址", "电话"],
                                                                             ["张三", "幸福村1组;3号", "1"]]
    assert import_csv.records('姓名,住址\n张三,"幸福村，1组,\n3号"\n')[1] == ["张三", "幸福村，1组,\n3号"]
    assert import_csv.records("sep=\t\n姓名,住址\t电话\n") == [["姓名,住址", "电话"]]
    assert import_csv.records("姓名\t住址,门牌\t电话\n张三\t1组,3号\t1\n")[0] == ["姓名", "住址,门牌", "电话"]


def test_a_csv_in_an_unknown_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes("姓名,身份证号\n".encode("gbk") + b"\x80\xff\xfe\n")
    with pytest.raises(ImportRefused, match="既不是UTF-8编码，也不是GBK"):
        read_sheet(path)


def test_ods_merged_ranges_follow_repeated_rows_and_cells(tmp_path: Path) -> None:
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:table="{table}" '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="说明"><table:table-row><table:table-cell table:number-columns-spanned="2"/>'
        "<table:covered-table-cell/></table:table-row></table:table>"
        '<table:table table:name="人口"><table:table-row table:number-rows-repeated="3"><table:table-cell/>'
        "</table:table-row><table:table-row><table:table-cell table:number-columns-repeated=\"2\"/>"
        '<table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="3"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "x.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", content)
    with path.open("rb") as data:
        assert ods_merges.merged_ranges(data, 1) == [((3, 2), (4, 4))]
        assert ods_merges.merged_ranges(data, 0) == [((0, 0), (0, 1))]


def test_a_workbook_cut_off_inside_is_refused_in_chinese(tmp_path: Path) -> None:
    whole = write("xlsx", tmp_path, ROSTER)
    cut = tmp_path / "损坏.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(cut, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename.startswith("xl/worksheets/") else data)
    with pytest.raises(ImportRefused, match=re.escape("“损坏.xlsx”已损坏，工作表“人口”读不出来")):
        read_sheet(cut)


@pytest.mark.parametrize("kind", WORKBOOKS)
@pytest.mark.parametrize("share", [0.3, 0.6, 0.9])
def test_a_file_cut_off_while_copying_is_refused(tmp_path: Path, kind: str, share: float) -> None:
    whole = write(kind, tmp_path, ROSTER).read_bytes()
    cut = tmp_path / f"拷贝中断.{kind}"
    cut.write_bytes(whole[: int(len(whole) * share)])
    with pytest.raises(ImportRefused) as caught:
        read_sheet(cut)
    assert "拷贝中断" in str(caught.value)


def test_an_old_format_that_cannot_be_read_says_how_to_convert_it(tmp_path: Path) -> None:
    # An OLE container without the Workbook stream of an .xls, as early WPS .et files are.
    path = write("xls", tmp_path, ROSTER).rename(tmp_path / "户籍.et")
    _patched(path, "Workbook".encode("utf-16-le"), 0, "ETSheets".encode("utf-16-le"))
    with pytest.raises(ImportRefused, match=r"读不了的旧格式.*另存为.*xlsx"):
        list_sheets(path)


def _patched(path: Path, find: bytes, offset: int, value: bytes) -> Path:
    """The file with ``value`` written ``offset`` bytes after the first occurrence of ``find``."""
    data = bytearray(path.read_bytes())
    at = data.index(find) + offset
    data[at:at + len(value)] = value
    path.write_bytes(bytes(data))
    return path


def test_an_xls_whose_sheet_size_is_garbled_is_refused_before_it_can_bring_the_program_down(tmp_path: Path) -> None:
    # DIMENSIONS (0x0200, 14 bytes) claiming 4 billion rows: calamine would reserve them all and abort.
    path = _patched(write("xls", tmp_path, ROSTER), b"\x00\x02\x0e\x00", 8, b"\x00\xff\xff\xff")
    with pytest.raises(ImportRefused, match=re.escape("“花名册.xls”已损坏，文件结构不完整，读不出来")):
        read_sheet(path)


def test_an_xls_cell_beyond_the_last_column_is_refused(tmp_path: Path) -> None:
    # A LABELSST cell (0x00FD, 10 bytes) in column 40,000: calamine would allocate a block that wide.
    path = _patched(write("xls", tmp_path, ROSTER), b"\xfd\x00\x0a\x00", 6, b"\x40\x9c")
    with pytest.raises(ImportRefused, match="已损坏"):
        list_sheets(path)


def test_an_xls_whose_sector_chain_loops_is_found_damaged(tmp_path: Path) -> None:
    data = bytearray(write("xls", tmp_path, ROSTER).read_bytes())
    directory, fat_sector = struct.unpack_from("<I", data, 48)[0], struct.unpack_from("<I", data, 76)[0]
    struct.pack_into("<I", data, 512 * (fat_sector + 1) + 4 * directory, directory)  # the chain points to itself
    with pytest.raises(xls_guard.Damaged, match="broken sector chain"):
        xls_guard.check(bytes(data))
    xls_guard.check(write("xls", tmp_path, ROSTER).read_bytes())  # the undamaged file passes


def test_a_sheet_with_a_stray_value_far_away_is_refused_and_the_others_still_read(tmp_path: Path) -> None:
    path = write("xlsx", tmp_path, ROSTER, before=["说明"])
    book = load_workbook(path)
    book["说明"]["XFD5"] = "误输入"
    book["说明"]["A200000"] = "误输入"
    book.save(path)
    assert [(s.name, s.rows) for s in list_sheets(path)] == [("说明", None), ("人口", 7)]
    assert read_sheet(path).name == "人口"
    with pytest.raises(ImportRefused, match="用到了第200000行、第16384列，范围太大"):
        read_sheet(path, "说明")

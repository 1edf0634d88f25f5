"""Excel export of the ledgers: the same rows as the PDF's data, ID numbers as exact text, a header that
stays in view, and values that look like formulas stored as plain text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import backends
import pytest
from factories import Tree, family
from openpyxl import load_workbook

from gridapp.dto import SYSTEM
from gridapp.excel.ledger_export import export_xlsx
from gridapp.ledgers import LEDGERS, build_ledger
from gridapp.workspace import Workspace


@pytest.fixture(scope="module")
def village(demo_village: backends.Location, tmp_path_factory: pytest.TempPathFactory):
    ws = Workspace.open(backends.database_at(tmp_path_factory.mktemp("ledger-excel") / "village.sqlite3",
                                             copy_of=demo_village))
    yield ws
    ws.close()


def table(sheet, header_row: int = 3) -> list[list[str]]:
    """The sheet's rows from the header row on, every value as the text it shows."""
    return [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows(min_row=header_row)]


def test_population_reads_back_the_same_rows_with_id_numbers_as_text(village: Workspace, tmp_path: Path) -> None:
    data = build_ledger(village, "population", village.query.find_grid("第二网格").id)
    path = tmp_path / "population.xlsx"
    export_xlsx(data, path)
    sheet = load_workbook(path).active
    [section] = data.sections
    assert sheet.title == "实有人口台账" and sheet.freeze_panes == "A4"
    assert sheet["A1"].value == "实有人口台账" and "幸福村村民委员会" in sheet["A2"].value
    assert table(sheet) == [[c.header for c in section.columns], *map(list, section.rows)]
    header = sheet[3]
    assert all(c.font.b for c in header) and header[0].fill.fgColor.rgb.endswith("DCE6F1")
    id_column = [c.header for c in section.columns].index("身份证号") + 1
    ids = [sheet.cell(r, id_column) for r in range(4, sheet.max_row + 1)]
    assert ids and all(c.data_type == "s" and c.number_format == "@" and len(c.value) == 18 for c in ids)
    assert any(c.value.endswith("X") for c in ids)
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["C"].width  # 身份证号 wider than 性别


def test_every_ledger_exports_and_grouped_ledgers_get_a_sheet_per_group(village: Workspace,
                                                                         tmp_path: Path) -> None:
    grid = village.query.find_grid("第一网格").id
    for ledger in LEDGERS:
        data = build_ledger(village, ledger.key, grid)
        path = tmp_path / f"{ledger.key}.xlsx"
        export_xlsx(data, path)
        book = load_workbook(path)
        if ledger.key == "special_groups":
            assert book.sheetnames == [s.sheet for s in data.sections]
            for section, sheet in zip(data.sections, book.worksheets, strict=True):
                assert table(sheet) == [[c.header for c in section.columns], *map(list, section.rows)]
        if ledger.key == "booklet":
            households = village.query.household_ids(grid)
            sheet = book["住户信息"]
            titles = [r[0].value for r in sheet.iter_rows() if str(r[0].value).startswith("住户信息表")]
            assert len(titles) == len(households)
            assert {"网格概况", "网格员", "流动人口台账"} <= set(book.sheetnames)


def test_masked_export_hides_the_middle_digits(village: Workspace, tmp_path: Path) -> None:
    grid = village.query.find_grid("第二网格").id
    data = build_ledger(village, "population", grid, mask=True)
    export_xlsx(data, tmp_path / "masked.xlsx")
    cells = " ".join(" ".join(row) for row in table(load_workbook(tmp_path / "masked.xlsx").active))
    full = build_ledger(village, "population", grid).sections[0].rows
    assert full and not [row for row in full if row[3] in cells]
    assert "**********" in cells and "****" in cells


def test_values_that_look_like_formulas_stay_text(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    household = family(tree.grid1)
    household.address = "+1-1 幸福村"
    household.members[1] = replace(household.members[1], name="=HYPERLINK(\"http://x\",\"点我\")")
    household.members[2] = replace(household.members[2], name="@SUM(A1)", phone="-13800001111")
    ws.households.create(SYSTEM, household)
    data = build_ledger(ws, "population", tree.village)
    export_xlsx(data, tmp_path / "formula.xlsx")
    sheet = load_workbook(tmp_path / "formula.xlsx").active
    risky = [c for row in sheet.iter_rows(min_row=4) for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in risky} >= {"=HYPERLINK(\"http://x\",\"点我\")", "@SUM(A1)", "+1-1 幸福村",
                                        "-13800001111"}
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
    head = next(c for row in sheet.iter_rows(min_row=4) for c in row if c.value == "11010519491231002X")
    assert head.data_type == "s"


def test_a_ledger_with_nothing_in_it_still_makes_a_workbook(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    data = build_ledger(ws, "special_groups", tree.grid2)
    assert data.sections == ()
    export_xlsx(data, tmp_path / "empty.xlsx")
    book = load_workbook(tmp_path / "empty.xlsx")
    assert book.sheetnames == ["特殊人群台账"] and book.active["A1"].value == "特殊人群台账"

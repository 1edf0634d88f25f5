"""``python -m gridapp import`` and ``template``, run as an office would run them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import backends
from factories import Tree
from openpyxl import load_workbook
from test_cli import gridapp
from test_import_grids import fresh_village, roster
from test_import_reader import HEAD_ID, HEADERS, family_rows, write_book

from gridapp.workspace import Workspace


def test_dry_run_then_import_with_json_and_an_error_report(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    rows = [[*HEADERS, "所属网格"], *[[*r, "第一网格"] for r in family_rows()],
            ["002", "王五", "户主", HEAD_ID[:17] + "0", "汉族", "", "第一网格"]]
    sheet = write_book(tmp_path / "roster.xlsx", rows)
    ws.close()
    db = backends.db_arg(ws)

    preview = gridapp("--db", db, "import", str(sheet), "--dry-run", "--json")
    assert preview.returncode == 0, preview.stderr
    shown = json.loads(preview.stdout)
    assert (shown["applied"], shown["households"]["created"], shown["persons"]["created"]) == (False, 1, 3)
    assert shown["persons"]["refused"] == 1
    assert shown["refused"] == [{"row": 5, "reasons": [{"column": "公民身份号码",
                                                        "reason": f"王五：第18位校验码应为 {HEAD_ID[17]}，实际为 0"}]}]
    assert json.loads(gridapp("--db", db, "stats", "--json").stdout)["persons"] == 0

    report = tmp_path / "errors.xlsx"
    done = gridapp("--db", db, "import", str(sheet), "--on-duplicate", "update", "--report", str(report), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["applied"] and result["import_id"] and result["backup"] is None  # small: journaled, no copy
    listed = json.loads(gridapp("--db", db, "imports", "--json").stdout)
    assert [(r["id"], r["kind"], r["undone"]) for r in listed] == [(result["import_id"], "excel", False)]
    assert (result["households"]["created"], result["persons"]["created"]) == (1, 3)
    assert [r[-1] for r in load_workbook(report).active.iter_rows(min_row=2, values_only=True)] == [5]
    assert json.loads(gridapp("--db", db, "stats", "--json").stdout)["persons"] == 3

    again = gridapp("--db", db, "import", str(sheet), "--on-duplicate", "skip")
    assert again.returncode == 0, again.stderr
    assert "人员：新增 0，更新 0，无变化 3，跳过 0，待确认 0，未导入 1" in again.stdout
    assert "未导入  第5行  公民身份号码：王五：第18位校验码" in again.stdout

    undone = gridapp("--db", db, "imports", "undo", result["import_id"])
    assert undone.returncode == 0 and "已撤销" in undone.stdout, undone.stderr
    assert json.loads(gridapp("--db", db, "stats", "--json").stdout)["persons"] == 0
    twice = gridapp("--db", db, "imports", "undo", result["import_id"])
    assert twice.returncode != 0 and "已经撤销过了" in twice.stderr


def test_grid_option_and_refused_files(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    ws.close()
    db = backends.db_arg(ws)
    sheet = write_book(tmp_path / "roster.xlsx", [HEADERS, *family_rows()])
    done = gridapp("--db", db, "import", str(sheet), "--grid", "41142310100102", "--json")
    assert json.loads(done.stdout)["households"]["created"] == 1
    fake = tmp_path / "名单.xlsx"
    fake.write_text("姓名,身份证号\n", encoding="utf-8")
    refused = gridapp("--db", db, "import", str(fake))
    assert refused.returncode == 2
    assert "“名单.xlsx”不是有效的Excel工作簿" in refused.stderr and "Traceback" not in refused.stderr
    unknown = gridapp("--db", db, "import", str(sheet), "--grid", "月亮网格")
    assert unknown.returncode == 2 and "找不到代码或名称为“月亮网格”的网格" in unknown.stderr


def test_template_command_writes_the_template(tmp_path: Path) -> None:
    target = tmp_path / "模板.xlsx"
    done = gridapp("--db", str(tmp_path / "t.sqlite3"), "template", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert load_workbook(target)["人员信息"]["B2"].value == "姓名*"


def test_grids_named_in_the_sheet_are_listed_then_created_on_request(tmp_path: Path) -> None:
    ws, _village = fresh_village(tmp_path)
    ws.close()
    db = backends.db_arg(ws)
    sheet = roster(tmp_path / "网格花名册.xlsx", ["第一网格", "第二网格", "第三网格"])
    preview = gridapp("--db", db, "import", str(sheet), "--dry-run")
    assert preview.returncode == 0, preview.stderr
    assert "网格不存在  幸福村 / 第二网格（表中3行）" in preview.stdout
    assert "加 --create-grids 可以新建这些网格" in preview.stdout
    assert "人员：新增 0，更新 0，无变化 0，跳过 0，待确认 0，未导入 6" in preview.stdout

    done = gridapp("--db", db, "import", str(sheet), "--create-grids", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["create_grids"], result["persons"]["created"], result["refused"]) == (True, 6, [])
    assert [g["name"] for g in result["missing_grids"]] == ["第一网格", "第二网格", "第三网格"]
    assert json.loads(gridapp("--db", db, "stats", "--json").stdout)["grid_nodes"] == {"村(社区)": 1, "网格": 3}


def test_a_damaged_workbook_ends_with_a_chinese_message(ws: Workspace, tmp_path: Path) -> None:
    ws.close()
    whole = write_book(tmp_path / "whole.xlsx", [HEADERS, *family_rows()])
    cut = tmp_path / "花名册.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(cut, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[:-40] if item.filename == "xl/worksheets/sheet1.xml" else data)
    done = gridapp("--db", backends.db_arg(ws), "import", str(cut), "--dry-run")
    assert done.returncode == 2
    assert "“花名册.xlsx”已损坏，工作表“人口”读不出来" in done.stderr and "Traceback" not in done.stderr

"""Printable ledgers on the demo village: each builds as a PDF whose text shows its names, columns and page
footer; fonts are embedded; masking, the booklet's page per household, cancelling, errors and the CLI."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

import backends
import pytest
from cli_helpers import gridapp
from factories import pages_text, recording
from pypdf import PdfReader

from gridapp import idnumber
from gridapp.dto import SYSTEM, CaseFilter, VisitFilter
from gridapp.errors import NotFound, RuleViolation
from gridapp.ledgers import Cancelled, build_ledger, ledger_kinds, render_pdf
from gridapp.ledgers.booklet import HOUSEHOLD_PAGE
from gridapp.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["booklet", "population", "registered", "floating", "elderly", "special_groups", "rehabilitation",
        "rented_houses", "key_places", "cases", "visits", "party_centers", "workers", "statistics", "difficulty",
        "assessment"]
GRID = "41142310120102"  # 第二网格 of the demo village (49 households)


@pytest.fixture(scope="module")
def village(demo_village: backends.Location, tmp_path_factory: pytest.TempPathFactory):
    """The demo village, opened once for the module's read-only tests, on the demo's own calendar."""
    ws = Workspace.open(backends.database_at(tmp_path_factory.mktemp("ledgers") / "village.sqlite3",
                                             copy_of=demo_village))
    ws.today = lambda: date(2026, 11, 1)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def grid(village: Workspace) -> str:
    return village.query.find_grid(GRID).id


def members(ws: Workspace, scope: str) -> list:
    return [m for h in ws.query.household_ids(scope) for m in ws.query.household(h).members]


def test_every_ledger_is_listed_with_a_chinese_title() -> None:
    kinds = ledger_kinds()
    assert [k.key for k in kinds] == KEYS
    titles = {k.key: k.title for k in kinds}
    assert titles["population"] == "实有人口台账" and titles["rehabilitation"] == "帮教对象台账"
    assert all(re.search(r"[\u4e00-\u9fff]", k.title + k.description) for k in kinds)


def _expected(ws: Workspace, scope: str, key: str) -> tuple[list[str], list[str]]:
    """Column titles and texts read from the database another way, that ledger ``key`` must show."""
    people = members(ws, scope)
    floating = [p for p in people if p.residence_kind == "流动人口"]
    corrected = [p for p in people if any(t.category == "community_correction" for t in p.tags)]
    oldest = [p for p in people if (p.age or 0) >= 80]
    expectations = {
        "booklet": (["网格概况", "东至", "住户信息表", "特殊人群"], [people[0].name]),
        "population": (["序号", "姓名", "性别", "身份证号", "出生日期", "民族", "与户主关系", "户号", "住址",
                        "人口类别", "联系电话", "所属网格"], [p.name for p in people]),
        "registered": (["文化程度", "婚姻状况", "政治面貌"],
                       [p.name for p in people if p.residence_kind == "户籍人口"]),
        "floating": (["户籍地/来源地", "来本地日期", "工作单位/职业", "房东"], [p.name for p in floating]),
        "elderly": (["年龄", "高龄", "居住情况"], [p.name for p in oldest] + ["★"]),
        "special_groups": (["残疾人", "残疾类别", "残疾等级"],
                           [p.name for p in people if any(t.category == "disabled" for t in p.tags)]),
        "rehabilitation": (["社区矫正对象", "矫正类别", "罪名", "起止日期"], [p.name for p in corrected]),
        "rented_houses": (["房屋地址", "房主姓名", "承租户（户主·人数）", "安全等级"],
                          [h.address for h in ws.query.houses(scope, use="出租")]),
        "key_places": (["场所名称", "类型", "风险等级", "证照号码"], [p.name for p in ws.query.places(scope)]),
        "cases": (["办理情况汇总", "受理件数", "事件编号", "受理日期", "当前环节", "承办层级/部门", "办理时效"],
                  [c.number for c in ws.query.cases(CaseFilter(scope_id=scope, accepted_from=date(2026, 1, 1),
                                                               accepted_to=date(2026, 12, 31)))]),
        "visits": (["走访情况汇总", "走访人", "走访对象", "走访内容", "发现问题", "后续处理"],
                   [v.target_title for v in ws.query.visit_log(VisitFilter(scope_id=scope,
                                                                           date_from=date(2026, 1, 1)))]),
        "party_centers": (["党员中心户", "中心户党员", "联系户数"],
                          [c.member_name for c in ws.query.party_centers(scope)]),
        "workers": (["姓名", "网格职务", "类别", "联系电话"], [w.name for w in ws.query.grid_workers(scope)]),
        "statistics": (["户数", "人口数", "流动人口", "60岁以上", "社区矫正对象", "合计"], ["第一微网格"]),
        "difficulty": (["难度分", "现有网格员", "建议人数", "计分方法", "流动人口", "九小场所"],
                       [w for row in ws.query.grid_difficulty(scope) for w in row.workers]),
        "assessment": (["网格员", "应走访", "按时走访率", "办结事件", "满意率", "预警化解"],
                       [r.worker_name for r in ws.query.worker_assessment(scope, (date(2026, 1, 1),
                                                                                  date(2026, 12, 31)))]),
    }
    return expectations[key]


@pytest.mark.parametrize("key", KEYS)
def test_each_ledger_prints_its_columns_names_and_page_footer(village: Workspace, grid: str, key: str,
                                                              tmp_path: Path) -> None:
    pdf = tmp_path / f"{key}.pdf"
    pages = render_pdf(village, key, grid, pdf)
    text = pages_text(pdf)
    assert pages == len(text) >= 1
    title = next(k.title for k in ledger_kinds() if k.key == key)
    assert f"第 1 页 / 共 {pages} 页" in text[0] and f"第 {pages} 页 / 共 {pages} 页" in text[-1]
    assert title in text[0] and "幸福村村民委员会" in text[0] and "宁陵县 / 清河镇 / 幸福村 / 第二网格" in text[0]
    assert "填表人" in text[-1] and "审核人" in text[-1]
    columns, texts = _expected(village, grid, key)
    whole = re.sub(r"\s", "", "".join(text))  # a header or a cell may wrap onto two lines
    assert texts and not [t for t in columns + texts if re.sub(r"\s", "", t) not in whole]


def test_every_font_in_the_pdf_is_embedded(village: Workspace, grid: str, tmp_path: Path) -> None:
    pdf = tmp_path / "booklet.pdf"
    render_pdf(village, "booklet", grid, pdf)
    fonts: dict[str, object] = {}

    def visit(resources: object) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts[f"{font['/BaseFont']}@{id(font)}"] = font
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    def embedded(font) -> bool:
        if font.get("/Subtype") == "/Type0":
            return all(embedded(d.get_object()) for d in font["/DescendantFonts"])
        descriptor = font.get("/FontDescriptor")
        return descriptor is not None and bool({"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object()))

    for page in PdfReader(pdf).pages:
        visit(page.get("/Resources"))
    assert fonts
    assert [name for name, font in fonts.items() if not embedded(font)] == []
    assert all("WenQuanYi" in name for name in fonts)


def test_masking_hides_the_middle_of_id_numbers_and_mobile_numbers(village: Workspace, grid: str,
                                                                    tmp_path: Path) -> None:
    people = [p for p in members(village, grid) if p.phone]
    pdf = tmp_path / "masked.pdf"
    render_pdf(village, "population", grid, pdf, mask=True)
    text = " ".join(pages_text(pdf))
    for p in people[:20]:
        assert p.id_number not in text and idnumber.mask(p.id_number) in text
        assert p.phone not in text and f"{p.phone[:3]}****{p.phone[-4:]}" in text
    assert "身份证号、手机号已隐去中间位" in text
    disabled = [t.details["certificate_no"] for p in members(village, None) for t in p.tags
                if t.category == "disabled"]
    data = build_ledger(village, "special_groups", village.query.find_grid("幸福村").id, mask=True)
    cells = " ".join(c for s in data.sections for row in s.rows for c in row)
    assert disabled and not [number for number in disabled if number in cells or number[:18] in cells]


def test_the_booklet_has_a_cover_an_overview_and_exactly_one_page_per_household(
        village: Workspace, grid: str, tmp_path: Path) -> None:
    pdf = tmp_path / "booklet.pdf"
    pages = render_pdf(village, "booklet", grid, pdf)
    text = pages_text(pdf)
    assert "网格化管理综合信息采集簿" in text[0] and "宁陵县 / 清河镇 / 幸福村 / 第二网格" in text[0]
    assert "网格概况" in text[1] and "东至" in text[1] and "网格员" in " ".join(text[1:3])
    rows = village.query.household_rows(village.query.household_ids(grid))
    household_pages = [i for i, t in enumerate(text) if HOUSEHOLD_PAGE in t]
    assert len(household_pages) == len(rows) == 49
    assert household_pages == list(range(household_pages[0], household_pages[0] + len(rows)))
    for page, row in zip(household_pages, rows, strict=True):
        assert f"户号：{row.number} 户主：{row.head_name}" in text[page]
        assert all(m.name in text[page] for m in village.query.household(row.id).members)
    lists = text[household_pages[-1] + 1:]
    assert lists and "流动人口台账" in lists[0]
    assert pages == household_pages[0] + len(rows) + len(lists)
    for title in ("老龄人口台账", "特殊人群台账", "帮教对象台账", "出租房屋台账", "重点场所台账"):
        assert title in " ".join(lists)


def tiny_png(path: Path) -> None:
    """A 4×3 grey PNG, written by hand so the core tests need no imaging library."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    pixels = b"".join(b"\x00" + b"\x80" * 4 for _ in range(3))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 3, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b""))


def test_the_booklet_prints_the_plan_map_with_numbered_pins_and_its_key(demo_ws: Workspace, tmp_path: Path) -> None:
    grid = demo_ws.query.find_grid(GRID).id
    assert "网格平面图" not in [s.title for s in build_ledger(demo_ws, "booklet", grid).sections]
    picture = tmp_path / "plan.png"
    tiny_png(picture)
    demo_ws.plan_map.set_picture(SYSTEM, grid, picture.read_bytes(), "plan.png")
    red, green = demo_ws.query.plan_map(grid).unplaced[:2]
    demo_ws.plan_map.place(SYSTEM, grid, "household", red.id, 0.25, 0.5)
    demo_ws.plan_map.place(SYSTEM, grid, "household", green.id, 0.75, 0.5)
    sections = build_ledger(demo_ws, "booklet", grid).sections
    plan, missing = sections[1:3]
    assert plan.title == "网格平面图" and plan.new_page and Path(plan.image).read_bytes() == picture.read_bytes()
    assert [(m.number, m.x, m.y) for m in plan.marks] == [("1", 0.25, 0.5), ("2", 0.75, 0.5)]
    assert [r[:3] for r in plan.rows] == [("1", "住户", red.label), ("2", "住户", green.label)]
    total = demo_ws.query.plan_map(grid).households_total
    assert plan.texts == (("已上图", f"2 / {total} 户"),)
    assert red.label not in missing.texts[0][1] and len(missing.texts[0][1].split("、")) == total - 2
    pdf = tmp_path / "booklet.pdf"
    render_pdf(demo_ws, "booklet", grid, pdf)
    page = PdfReader(pdf).pages[2]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values())
    assert "网格平面图" in page.extract_text() and "已上图" in page.extract_text()


def test_an_empty_grid_prints_a_ledger_that_says_so(ws: Workspace, tree, tmp_path: Path) -> None:
    for key in ("special_groups", "population"):
        pdf = tmp_path / f"{key}.pdf"
        assert render_pdf(ws, key, tree.grid2, pdf) == 1
        text = pages_text(pdf)[0]
        assert "本范围内暂无记录" in text and "测试村村民委员会" in text
    pdf = tmp_path / "statistics.pdf"
    render_pdf(ws, "statistics", tree.grid2, pdf)
    assert "本范围内暂无记录" not in pages_text(pdf)[0]  # its tables of zeros say so themselves
    sections = build_ledger(ws, "statistics", tree.grid2).sections[2:]
    charts = ws.query.dashboard(tree.grid2).charts
    assert [section.title for section in sections] == [chart.title for chart in charts]
    assert [section.chart is None for section in sections] == [chart.empty for chart in charts]
    assert any(chart.empty for chart in charts)  # nothing is drawn where all is zero


def test_statistics_rows_add_up_to_the_totals_of_the_whole_village(village: Workspace) -> None:
    data = build_ledger(village, "statistics", village.query.find_grid("幸福村").id)
    stats = village.query.stats()
    people, tags, *charts = data.sections
    assert [row[0] for row in people.rows] == [f"第{n}网格" for n in "一二三四五六"] + ["合计"]
    for section in (people, tags):
        *branches, total = section.rows
        assert total[0] == "合计" and section.total
        assert [sum(int(r[i]) for r in branches) for i in range(1, len(total))] == [int(v) for v in total[1:]]
    totals = dict(zip((c.header for c in people.columns), people.rows[-1], strict=True))
    assert (int(totals["户数"]), int(totals["人口数"])) == (stats["households"], stats["persons"])
    assert int(totals["流动人口"]) == stats["persons_by_residence_kind"]["流动人口"]
    assert int(tags.rows[-1][-1]) == sum(stats["tags"].values())
    board = village.query.dashboard(village.query.find_grid("幸福村").id)
    assert [c.chart for c in charts] == list(board.charts)  # the home page's charts, with their figures
    colours = charts[1]
    assert colours.rows[0] == (colours.chart.categories[0], *(str(s.values[0]) for s in colours.chart.series))


def test_statistics_print_the_dashboard_charts(village: Workspace, tmp_path: Path) -> None:
    pdf = tmp_path / "statistics.pdf"
    render_pdf(village, "statistics", village.query.find_grid("幸福村").id, pdf)
    whole = re.sub(r"\s", "", "".join(pages_text(pdf)))
    for chart in village.query.dashboard(village.query.find_grid("幸福村").id).charts:
        assert chart.title in whole and all(s.name in whole for s in chart.series)
    drawn = b"".join(page.get_contents().get_data() for page in PdfReader(pdf).pages)
    assert b".85098 .32549 .309804 rg" in drawn  # bars filled in the red of 红 (#d9534f)
    pages = [re.sub(r"\s", "", text) for text in pages_text(pdf)]
    for chart in village.query.dashboard(village.query.find_grid("幸福村").id).charts:
        page = next(p for p in pages if chart.title in p)
        after = page.split(chart.title, 1)[1]  # the chart, then its figures, come on the title's page
        assert chart.series[0].name in after, chart.title


def test_elderly_are_sixty_and_over_with_the_oldest_starred(village: Workspace, grid: str) -> None:
    [section] = build_ledger(village, "elderly", grid).sections
    headers = [c.header for c in section.columns]
    ages = [int(row[headers.index("年龄")]) for row in section.rows]
    stars = [row[headers.index("高龄")] for row in section.rows]
    assert min(ages) >= 60 and any(a >= 80 for a in ages)
    assert stars == ["★" if a >= 80 else "" for a in ages]
    assert len(ages) == sum(1 for p in members(village, grid) if (p.age or 0) >= 60)


def test_special_groups_come_in_sections_with_their_own_detail_columns(village: Workspace, grid: str) -> None:
    from gridapp import codes

    data = build_ledger(village, "special_groups", grid)
    assert data.sections
    for section in data.sections:
        group = next(g for g in codes.special_groups() if section.title.startswith(g.label + "（"))
        headers = [c.header for c in section.columns]
        assert [f.label for f in group.fields] == headers[7:7 + len(group.fields)]
        assert section.title == f"{group.label}（{len(section.rows)}人）"


def test_progress_can_cancel_and_leaves_no_file(village: Workspace, grid: str, tmp_path: Path) -> None:
    target = tmp_path / "population.pdf"
    calls: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        render_pdf(village, "population", grid, target, progress=recording(calls, cancel_after=3))
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert calls[0][0] == 0 and 0 < calls[-1][0] < calls[-1][1]

    target.write_bytes(b"old")
    with pytest.raises(Cancelled):
        render_pdf(village, "population", grid, target, progress=recording([], cancel_after=1))
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]


def test_progress_reaches_the_total(village: Workspace, grid: str, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    render_pdf(village, "population", grid, tmp_path / "p.pdf", progress=recording(seen))
    total = len(members(village, grid))
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_unknown_ledger_missing_scope_and_deleted_grid_are_refused_in_chinese(village: Workspace) -> None:
    with pytest.raises(NotFound, match="没有名为“nope”的台账"):
        build_ledger(village, "nope", village.query.find_grid(GRID).id)
    with pytest.raises(RuleViolation, match="请先选择"):
        build_ledger(village, "population", None)
    with pytest.raises(NotFound, match="找不到该网格"):
        build_ledger(village, "population", "0" * 32)


def test_import_contracts_keep_reportlab_in_the_ledgers_and_openpyxl_in_excel(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("gridapp", "ui"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "gridapp" / "sneaky_pdf.py").write_text("import reportlab.platypus\n", encoding="utf-8")
    (copy / "gridapp" / "ledgers" / "sneaky_xlsx.py").write_text("def f():\n    import openpyxl\n", encoding="utf-8")
    done = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=copy,
                          capture_output=True, text=True, env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert done.returncode != 0
    assert "gridapp.sneaky_pdf -> reportlab" in done.stdout
    assert "gridapp.ledgers.sneaky_xlsx -> openpyxl" in done.stdout


# -- the command line ------------------------------------------------------------------------------------------

def test_cli_lists_prints_and_exports_ledgers(village: Workspace, tmp_path: Path) -> None:
    db = backends.db_arg(village)
    listed = gridapp("--db", db, "ledger", "--list")
    assert listed.returncode == 0, listed.stderr
    assert "population\t实有人口台账" in listed.stdout and "booklet\t网格化管理综合信息采集簿" in listed.stdout

    pdf = tmp_path / "老龄人口.pdf"
    done = gridapp("--db", db, "ledger", "elderly", "--grid", GRID, "-o", str(pdf), "--mask")
    assert done.returncode == 0, done.stderr
    assert "已生成" in done.stdout and pdf.exists()
    text = " ".join(pages_text(pdf))
    assert "老龄人口台账" in text and "身份证号、手机号已隐去中间位" in text

    xlsx = tmp_path / "统计.xlsx"
    done = gridapp("--db", db, "ledger", "statistics", "--grid", "幸福村", "-o", str(xlsx))
    assert done.returncode == 0, done.stderr
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).worksheets[0]
    assert [c.value for c in sheet[4]][:2] == ["第一网格", 67]


def test_cli_refuses_an_unknown_ledger_grid_or_file_type(village: Workspace, tmp_path: Path) -> None:
    db = backends.db_arg(village)
    out = str(tmp_path / "x.pdf")
    for args, message in [
        (("ledger", "nope", "--grid", GRID, "-o", out), "没有名为“nope”的台账"),
        (("ledger", "population", "--grid", "火星村", "-o", out), "找不到代码或名称为“火星村”的网格"),
        (("ledger", "population", "--grid", GRID, "-o", str(tmp_path / "x.docx")), "扩展名应为 .pdf 或 .xlsx"),
        (("ledger", "population", "--grid", GRID), "请用 -o 指定输出文件"),
    ]:
        done = gridapp("--db", db, *args)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []

"""事件台账, 走访台账 and the 一事五单 of one case: their rows from cases in every kind of state, the period and
the scope they cover, masking, the PDF (portrait sheets signed one by one), Excel and the command line."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import backends
import pytest
from cli_helpers import gridapp
from factories import family, pages_text
from openpyxl import load_workbook
from pypdf import PdfReader

from gridapp import idnumber
from gridapp.dto import SYSTEM, Actor, AttachmentInput, CaseInput, VisitInput
from gridapp.errors import NotFound, RuleViolation
from gridapp.excel.ledger_export import export_xlsx
from gridapp.ledgers import (
    LedgerData,
    Section,
    build_case_sheet,
    build_ledger,
    ledger_kinds,
    render_case_sheet,
    render_pdf,
)
from gridapp.models import GridNode
from gridapp.monitoring.rules import default_rules
from gridapp.workspace import Workspace

WORKER = Actor("王网格员", role="网格员")
ADMIN = Actor("李支书", role="村(社区)管理员")
TODAY = date(2026, 6, 30)
YEAR_2026 = (date(2026, 1, 1), date(2026, 12, 31))
ID_NUMBER = "110105194912310021"


@dataclass
class Office:
    """The village's cases (by what happened to them) and visits, and its grids."""

    tree: object
    cases: dict[str, str]
    visits: dict[str, str]

    def number(self, ws: Workspace, key: str) -> str:
        return ws.query.case_rows([self.cases[key]])[0].number


@pytest.fixture
def office(ws: Workspace, tree) -> Office:
    ws.today = lambda: TODAY
    shipped = default_rules()  # the ledger's own cases only: no 预警 (帮扶 cases) for the overdue ones
    ws.monitoring.set_rules(SYSTEM, replace(shipped, rules=tuple(r for r in shipped.rules if r.id != "overdue_cases")))
    home = ws.households.create(SYSTEM, family(tree.grid1)).id

    def register(grid: str, title: str, day: datetime, **details) -> str:
        return ws.cases.register(WORKER, CaseInput(grid, title, "环境保护", **details), day).id

    def act(case: str, day: datetime, action: str, **values) -> None:
        ws.cases.act(ADMIN, case, action, values, now=day)

    done = register(tree.grid1, "门前垃圾堆积", datetime(2026, 3, 1, 9), reporter_name="张三丰",
                    reporter_phone="13912345678", description=f"反映人身份证号{ID_NUMBER}，门前垃圾三天未清运",
                    household_ids=[home], attachments=[AttachmentInput("现场.jpg", data=b"jpeg")])
    act(done, datetime(2026, 3, 1, 10), "转办", level="村", department="村(社区)人民调解委员会", note="请两委协调")
    act(done, datetime(2026, 3, 2, 10), "进展", note="已联系保洁员")
    act(done, datetime(2026, 3, 3, 10), "反馈结果", note="已清运完毕")
    act(done, datetime(2026, 3, 4, 10), "评价", rating="满意")
    act(done, datetime(2026, 3, 5, 10), "公示", summary="1组门前垃圾已清运，群众满意。")
    act(done, datetime(2026, 3, 6, 10), "归档")

    late = register(tree.micro, "路灯损坏", datetime(2026, 5, 1, 9))
    act(late, datetime(2026, 5, 1, 10), "转办", level="镇")

    reopened = register(tree.grid2, "沟渠淤堵", datetime(2026, 4, 1, 9))
    act(reopened, datetime(2026, 4, 1, 10), "转办", level="网格自办")
    act(reopened, datetime(2026, 4, 2, 10), "反馈结果", note="已清淤")
    act(reopened, datetime(2026, 4, 3, 10), "评价", rating="不满意", note="下游仍然堵塞")
    act(reopened, datetime(2026, 4, 5, 10), "反馈结果", note="下游也已清淤")
    act(reopened, datetime(2026, 4, 6, 10), "评价", rating="满意")

    slow = register(tree.grid2, "坑塘发臭", datetime(2026, 2, 1, 9))
    act(slow, datetime(2026, 2, 1, 10), "转办", level="村")
    act(slow, datetime(2026, 2, 20, 10), "反馈结果", note="已换水")

    fresh = register(tree.grid2, "焚烧秸秆", datetime(2026, 6, 29, 9))
    last_year = register(tree.grid1, "去年的噪声", datetime(2025, 12, 20, 9))

    visits = {
        "found": ws.visits.record(WORKER, VisitInput("household", home, visited_on=date(2026, 2, 1),
                                                     content="入户了解近况", findings="门前乱堆柴草",
                                                     follow_up="已提醒清理")).id,
        "patrol": ws.visits.record(WORKER, VisitInput("grid", tree.grid2, kind="巡查", visited_on=date(2026, 6, 1),
                                                      content="巡查沟渠", findings="无异常")).id,
        "old": ws.visits.record(WORKER, VisitInput("household", home, kind="电话回访", content="电话询问近况",
                                                   visited_on=date(2025, 11, 11))).id,
    }
    from_visit = ws.visits.open_case_from_visit(WORKER, visits["found"], "柴草堆放", "城市管理",
                                                now=datetime(2026, 2, 1, 15)).id
    cases = {"done": done, "late": late, "reopened": reopened, "slow": slow, "fresh": fresh,
             "last_year": last_year, "from_visit": from_visit}
    return Office(tree, cases, visits)


def table(section: Section) -> list[dict[str, str]]:
    headers = [c.header for c in section.columns]
    return [dict(zip(headers, row, strict=True)) for row in section.rows]


def sheet(data: LedgerData, name: str) -> Section:
    return next(s for s in data.sections if s.sheet == name)


def test_the_period_ledgers_are_listed_and_the_case_sheet_is_not() -> None:
    kinds = {k.key: k for k in ledger_kinds()}
    assert kinds["cases"].title == "事件台账" and kinds["visits"].title == "走访台账"
    assert kinds["cases"].period and kinds["visits"].period and not kinds["population"].period
    assert "case_sheet" not in kinds


def test_the_case_ledger_lists_the_year_s_cases_with_their_step_and_timeliness(ws: Workspace, office) -> None:
    data = build_ledger(ws, "cases", office.tree.village)
    assert data.period == YEAR_2026 and data.period_text == "期间：2026-01-01至2026-12-31"
    summary, details = data.sections
    rows = table(details)
    expected = {  # key: (step, timeliness, handled by, satisfaction)
        "slow": ("结果反馈", "超时办结", "村(社区)", ""),
        "from_visit": ("事项受理", "已超期", "", ""),
        "done": ("归档销号", "按时办结", "村(社区)/村(社区)人民调解委员会", "满意"),
        "reopened": ("打分评价", "按时办结", "网格自办", "满意"),
        "late": ("分类转办", "已超期", "镇(街道)", ""),
        "fresh": ("事项受理", "办理中", "", ""),
    }
    assert [r["事件编号"] for r in rows] == [office.number(ws, key) for key in expected]  # by acceptance
    assert [(r["当前环节"], r["办理时效"], r["承办层级/部门"], r["满意度"]) for r in rows] == list(expected.values())
    assert [r["序号"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    done = rows[2]
    assert (done["受理日期"], done["办结期限"], done["标题"], done["类别"]) == (
        "2026-03-01", "2026-03-08", "门前垃圾堆积", "环境保护")
    assert rows[4]["网格"] == "第一网格/第一微网格"

    counts = table(summary)
    assert [r["网格"] for r in counts] == ["第一网格", "第二网格", "合计"] and summary.total
    total = counts[-1]
    assert (total["受理件数"], total["事项受理"], total["归档销号"], total["打分评价"]) == ("6", "2", "1", "1")
    assert (total["办理中"], total["已超期"], total["按时办结"], total["超时办结"], total["满意"]) == (
        "1", "2", "2", "1", "2")
    assert (counts[0]["受理件数"], counts[0]["已超期"], counts[1]["受理件数"]) == ("3", "2", "3")


def test_a_period_and_a_scope_narrow_the_case_ledger(ws: Workspace, office) -> None:
    tree = office.tree
    data = build_ledger(ws, "cases", tree.village, period=(date(2025, 12, 1), date(2025, 12, 31)))
    assert [r["事件编号"] for r in table(data.sections[1])] == [office.number(ws, "last_year")]
    march = build_ledger(ws, "cases", tree.village, period=(date(2026, 3, 1), date(2026, 3, 1)))
    assert [r["标题"] for r in table(march.sections[1])] == ["门前垃圾堆积"]  # both days included

    grid2 = build_ledger(ws, "cases", tree.grid2)
    assert {r["标题"] for r in table(grid2.sections[1])} == {"沟渠淤堵", "坑塘发臭", "焚烧秸秆"}
    assert [r["网格"] for r in table(grid2.sections[0])] == ["第二网格", "合计"]
    micro = build_ledger(ws, "cases", tree.micro)
    assert [r["标题"] for r in table(micro.sections[1])] == ["路灯损坏"]

    with pytest.raises(RuleViolation, match="开始日期 2026-12-01 晚于结束日期 2026-01-01"):
        build_ledger(ws, "cases", tree.village, period=(date(2026, 12, 1), date(2026, 1, 1)))
    workers = build_ledger(ws, "workers", tree.village, period=(date(2026, 12, 1), date(2026, 1, 1)))
    assert workers.period is None  # a ledger of the present state ignores the period

    with ws.write(SYSTEM) as tx:  # a grid deleted (say by a sync) takes its cases out of the ledgers
        tx.session.get(GridNode, tree.micro).deleted = True
    titles = [r["标题"] for r in table(build_ledger(ws, "cases", tree.village).sections[1])]
    assert len(titles) == 5 and "路灯损坏" not in titles


def test_the_visit_ledger_lists_the_period_s_visits_and_the_cases_they_opened(ws: Workspace, office) -> None:
    data = build_ledger(ws, "visits", office.tree.village)
    summary, details = data.sections
    rows = table(details)
    assert [(r["日期"], r["方式"], r["走访人"]) for r in rows] == [
        ("2026-02-01", "入户走访", "王网格员"), ("2026-06-01", "巡查", "王网格员")]
    found, patrol = rows
    assert (found["走访对象"], found["所属网格"], found["走访内容"], found["发现问题"]) == (
        "曾秀英 幸福村1组001号", "第一网格", "入户了解近况", "门前乱堆柴草")
    assert found["后续处理"] == f"已提醒清理\n转为事件：\n{office.number(ws, 'from_visit')}"
    assert (patrol["走访对象"], patrol["发现问题"], patrol["后续处理"]) == ("第二网格", "无异常", "")
    total = table(summary)[-1]
    assert (total["走访次数"], total["入户走访"], total["巡查"], total["电话回访"]) == ("2", "1", "1", "0")
    assert (total["发现问题"], total["转为事件"]) == ("1", "1")  # 无异常 is not a problem found

    last_year = build_ledger(ws, "visits", office.tree.village, period=(date(2025, 1, 1), date(2025, 12, 31)))
    assert [r["方式"] for r in table(last_year.sections[1])] == ["电话回访"]
    assert table(build_ledger(ws, "visits", office.tree.grid2).sections[1])[0]["方式"] == "巡查"


def test_the_case_sheet_spreads_the_timeline_over_the_five_sheets(ws: Workspace, office) -> None:
    data = build_case_sheet(ws, office.cases["done"])
    assert (data.key, data.title, data.orientation) == ("case_sheet", "一事五单", "portrait")
    assert [s.sheet for s in data.sections] == ["集单", "议单", "办单", "晒单", "评单"]
    assert [s.title for s in data.sections][:2] == ["集单（事项受理）", "议单（分类转办）"]
    assert all("（签字）" in s.signature for s in data.sections)
    assert office.number(ws, "done") in data.scope

    collect = dict(sheet(data, "集单").fields) | dict(sheet(data, "集单").texts)
    assert (collect["事件编号"], collect["受理时间"], collect["办理时限"]) == (
        office.number(ws, "done"), "2026-03-01 09:00", "2026-03-08 09:00")
    assert (collect["反映人"], collect["联系电话"], collect["附件"]) == ("张三丰", "13912345678", "现场.jpg")
    assert collect["所属网格"] == "宁陵县 / 清河镇 / 幸福村 / 第一网格"
    assert collect["关联对象"] == "住户：曾秀英 幸福村1组001号" and ID_NUMBER in collect["事件描述"]

    [dispatch] = table(sheet(data, "议单"))
    assert dispatch == {"时间": "2026-03-01 10:00", "环节": "分类转办", "经办人": "李支书",
                        "承办单位": "村(社区)/村(社区)人民调解委员会", "转办意见": "请两委协调"}
    handle = sheet(data, "办单")
    assert [r["办理情况"] for r in table(handle)] == ["已联系保洁员", "已清运完毕（按期办结）"]
    assert dict(handle.texts)["办理结果"] == "已清运完毕" and dict(handle.fields)["办理时效"] == "按时办结"
    assert dict(sheet(data, "晒单").texts)["公示内容"] == "1组门前垃圾已清运，群众满意。"
    rate = sheet(data, "评单")
    assert dict(rate.fields)["满意度"] == "满意" and dict(rate.fields)["归档销号"] == "2026-03-06 10:00"

    reopened = build_case_sheet(ws, office.cases["reopened"])
    assert [(r["满意度"], r["评价意见"]) for r in table(sheet(reopened, "评单"))] == [
        ("不满意", "下游仍然堵塞"), ("满意", "")]
    assert dict(sheet(reopened, "评单").fields)["退回重办"] == "1次"

    fresh = build_case_sheet(ws, office.cases["fresh"])
    assert [bool(s.columns) for s in fresh.sections] == [False] * 5  # nothing to list yet
    assert dict(sheet(fresh, "办单").fields)["办理时效"] == "办理中"


def test_a_masked_case_sheet_hides_phone_and_id_numbers(ws: Workspace, office) -> None:
    data = build_case_sheet(ws, office.cases["done"], mask=True)
    collect = sheet(data, "集单")
    cells = " ".join(value for _, value in collect.fields + collect.texts)
    assert "13912345678" not in cells and "139****5678" in cells
    assert ID_NUMBER not in cells and idnumber.mask(ID_NUMBER) in cells
    assert data.masked
    with pytest.raises(NotFound, match="事件"):
        build_case_sheet(ws, "0" * 32)


def test_the_ledgers_print_with_their_period_and_the_case_sheet_in_portrait(ws: Workspace, office,
                                                                              tmp_path: Path) -> None:
    pdf = tmp_path / "cases.pdf"
    pages = render_pdf(ws, "cases", office.tree.village, pdf, period=YEAR_2026)
    text = " ".join(pages_text(pdf))
    assert pages >= 1 and "事件台账" in text and "期间：2026-01-01至2026-12-31" in text
    assert "办理情况汇总" in text and office.number(ws, "slow") in text and "填表人" in text

    pdf = tmp_path / "visits.pdf"
    assert render_pdf(ws, "visits", office.tree.village, pdf) >= 1
    assert "走访台账" in pages_text(pdf)[0] and "门前乱堆柴草" in pages_text(pdf)[0]

    pdf = tmp_path / "sheet.pdf"
    pages = render_case_sheet(ws, office.cases["done"], pdf, mask=True)
    text = " ".join(pages_text(pdf))
    box = PdfReader(pdf).pages[0].mediabox
    assert pages >= 1 and box.width < box.height
    for title in ("集单", "议单", "办单", "晒单", "评单", "受理人（签字）", "评价人（签字）", "已清运完毕"):
        assert title in text
    assert "填表人" not in text and "13912345678" not in text and "身份证号、手机号已隐去中间位" in text


def test_excel_exports_carry_the_period_and_the_five_sheets(ws: Workspace, office, tmp_path: Path) -> None:
    path = tmp_path / "cases.xlsx"
    export_xlsx(build_ledger(ws, "cases", office.tree.village, period=YEAR_2026), path)
    book = load_workbook(path)
    assert book.sheetnames == ["办理情况汇总（件）", "事件明细"]
    details = book["事件明细"]
    assert "期间：2026-01-01至2026-12-31" in details["A2"].value
    assert [c.value for c in details[3]][:3] == ["序号", "事件编号", "受理日期"]
    assert details.max_row == 3 + 6

    path = tmp_path / "sheet.xlsx"
    export_xlsx(build_case_sheet(ws, office.cases["done"]), path)
    book = load_workbook(path)
    assert book.sheetnames == ["集单", "议单", "办单", "晒单", "评单"]
    values = [[c.value for c in row] for row in book["集单"].iter_rows(min_row=4)]
    assert ["事件编号", office.number(ws, "done"), "受理时间", "2026-03-01 09:00"] in values
    assert any(row[:2] == ["关联对象", "住户：曾秀英 幸福村1组001号"] for row in values)
    assert any(row[:3] == ("时间", "环节", "经办人") for row in book["议单"].iter_rows(values_only=True))


def test_cli_prints_the_period_ledgers_and_a_case_sheet(ws: Workspace, office, tmp_path: Path) -> None:
    db, number = backends.db_arg(ws), office.number(ws, "done")
    listed = gridapp("--db", db, "ledger", "--list")
    assert "cases\t事件台账" in listed.stdout and "case_sheet\t一事五单" in listed.stdout

    pdf = tmp_path / "事件.pdf"
    done = gridapp("--db", db, "ledger", "cases", "--grid", "幸福村", "--from", "2025.12.1",
                                "--to", "20251231", "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    text = " ".join(pages_text(pdf))
    assert "期间：2025-12-01至2025-12-31" in text and office.number(ws, "last_year") in text and number not in text

    xlsx = tmp_path / "走访.xlsx"
    done = gridapp("--db", db, "ledger", "visits", "--grid", "第二网格", "--from", "2026-01-01",
                                "--to", "2026-12-31", "-o", str(xlsx))
    assert done.returncode == 0, done.stderr
    assert [c.value for c in load_workbook(xlsx)["走访明细"][4]][1:3] == ["2026-06-01", "巡查"]

    pdf = tmp_path / "一事五单.pdf"
    done = gridapp("--db", db, "ledger", "case_sheet", "--case", number, "-o", str(pdf), "--mask")
    assert done.returncode == 0, done.stderr
    assert number in done.stdout and "已清运完毕" in " ".join(pages_text(pdf))

    for args, message in [
        (("ledger", "case_sheet", "-o", str(pdf)), "--case 指定事件编号"),
        (("ledger", "case_sheet", "--case", "nope", "-o", str(pdf)), "找不到编号为“nope”的事件"),
        (("ledger", "cases", "--from", "2026-02-30", "-o", str(pdf)), "--from：日期 2026-02-30 不存在"),
    ]:
        done = gridapp("--db", db, *args)
        assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr, done.stderr

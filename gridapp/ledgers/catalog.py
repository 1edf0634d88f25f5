"""Every ledger the program prints, declared once, and ``build_ledger`` that turns one into plain data."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from gridapp import access
from gridapp.errors import NotFound, RuleViolation
from gridapp.ledgers import (
    booklet,
    case_log,
    case_sheet,
    grading,
    organisation,
    persons,
    premises,
    statistics,
)
from gridapp.ledgers.model import LANDSCAPE, PORTRAIT, Ledger, LedgerData, LedgerKind, Part, masked
from gridapp.ledgers.pdf import write_pdf
from gridapp.ledgers.people import persons_read
from gridapp.ledgers.scope import Scope, calendar_year
from gridapp.progress import Progress

if TYPE_CHECKING:
    from gridapp.workspace import Workspace

FLOATING = Ledger("floating", "流动人口台账", "流动人口：户籍地/来源地、来本地日期、房东、工作单位", LANDSCAPE,
                  persons.floating)
ELDERLY = Ledger("elderly", "老龄人口台账", "60岁以上老人及年龄，80岁以上高龄老人标★，独居/空巢/留守情况",
                 LANDSCAPE, persons.elderly)
SPECIAL_GROUPS = Ledger("special_groups", "特殊人群台账", "按类别分组，每类列出该类的专项信息", LANDSCAPE,
                        persons.special_groups)
REHABILITATION = Ledger("rehabilitation", "帮教对象台账", "社区矫正对象和刑满释放（安置帮教）人员", LANDSCAPE,
                        persons.rehabilitation)
RENTED_HOUSES = Ledger("rented_houses", "出租房屋台账", "出租房屋、房主、租期、承租户和安全等级", LANDSCAPE,
                       premises.rented_houses)
KEY_PLACES = Ledger("key_places", "重点场所台账", "场所、负责人、证照和风险等级（高风险在前）", LANDSCAPE,
                    premises.key_places)

LEDGERS: tuple[Ledger, ...] = (
    Ledger("booklet", "网格化管理综合信息采集簿", "封面、网格概况、每户一页的住户信息表和各类名单", LANDSCAPE,
           partial(booklet.booklet, lists=(FLOATING, ELDERLY, SPECIAL_GROUPS, REHABILITATION, RENTED_HOUSES,
                                           KEY_PLACES)), cover=True),
    Ledger("population", "实有人口台账", "全部在册人员，含户籍人口和流动人口", LANDSCAPE, persons.population),
    Ledger("registered", "户籍人口台账", "户籍人口及文化程度、婚姻状况、政治面貌", LANDSCAPE, persons.registered),
    FLOATING,
    ELDERLY,
    SPECIAL_GROUPS,
    REHABILITATION,
    RENTED_HOUSES,
    KEY_PLACES,
    Ledger("cases", "事件台账", "期间内受理的事件：类别、来源、紧急程度、当前环节、承办单位、期限和办理时效，"
           "先按网格汇总各环节和时效的件数", LANDSCAPE, case_log.cases, period=True),
    Ledger("visits", "走访台账", "期间内的入户走访、电话回访和巡查：走访人、对象、内容、发现问题和后续处理",
           LANDSCAPE, case_log.visits, period=True),
    Ledger("party_centers", "党员中心户联系台账", "党员中心户及其联系的住户", LANDSCAPE, organisation.party_centers),
    Ledger("workers", "网格员花名册", "网格长、网格指导员、网格员及联系方式", PORTRAIT, organisation.workers),
    Ledger("statistics", "统计汇总表", "按下级网格统计住户、人口、老人、房屋、场所和特殊人群，末行合计",
           LANDSCAPE, statistics.statistics),
    Ledger("difficulty", "网格难度", "各网格的住户、流动人口、出租房、场所、特殊人群、红黄户和事件按权重计分，"
           "由难到易排列，列出现有网格员和建议人数", LANDSCAPE, grading.difficulty),
    Ledger("assessment", "网格员考核表", "期间内每名网格员的应走访和按时走访、登记和按时办结事件、满意率、预警化解",
           LANDSCAPE, grading.assessment, period=True),
)


LEDGER = "ledger"  # the audit action of a ledger built for print or export

# Printed for one case (from its window or ``ledger case_sheet --case``), so not among the grid ledgers.
CASE_SHEET = LedgerKind("case_sheet", "一事五单", "一件事件的集单、议单、办单、晒单、评单（按事件编号打印）")


def ledger_kinds() -> list[LedgerKind]:
    return [ledger.kind for ledger in LEDGERS]


def find_ledger(key: str) -> Ledger:
    for ledger in LEDGERS:
        if ledger.key == key:
            return ledger
    known = "、".join(f"{ledger.key}（{ledger.title}）" for ledger in LEDGERS)
    raise NotFound(f"没有名为“{key}”的台账。可用的台账有：{known}")


def build_ledger(ws: Workspace, key: str, scope_id: str | None, *, mask: bool = False,
                 period: tuple[date, date] | None = None, output: str = "") -> LedgerData:
    """The ledger ``key`` for the subtree of grid node ``scope_id`` (None: the user's scope) as plain data;
    ``mask`` hides the middle of ID numbers and mobile numbers everywhere in it, as it always is for a user
    without ``print_private``. A period ledger covers ``period`` (first and last day, both included; the
    current calendar year by default); the others ignore it. ``output`` ("pdf", "xlsx") is what it is built
    for: every build goes into the audit log. Reads go to the reporting replica when one is set."""
    ledger = find_ledger(key)
    ws = ws.for_reports()
    mask = _mask(ws, mask)
    scope_id = scope_id or ws.user.scope_grid_id
    if not scope_id:
        raise RuleViolation("请先选择要打印台账的网格。")
    span = _checked(period or calendar_year(ws.today())) if ledger.period else None
    scope = Scope.load(ws, scope_id, span)
    sections = ledger.sections(scope)
    data = _data(ws, ledger.key, ledger.title, scope.title, ledger.orientation, sections, mask, ledger.cover,
                 span)
    _audit(ws, data, output, "grid_nodes", scope.node.id, persons_read(scope))
    return data


def render_pdf(ws: Workspace, key: str, scope_id: str | None, path: str | Path, *, mask: bool = False,
               period: tuple[date, date] | None = None, progress: Progress | None = None) -> int:
    """Build the ledger and write it as a PDF; returns the number of pages. ``progress`` is told after every
    page; cancelling it raises Cancelled and leaves no file."""
    return write_pdf(build_ledger(ws, key, scope_id, mask=mask, period=period, output="pdf"), path, progress)


def build_case_sheet(ws: Workspace, case_id: str, *, mask: bool = False, output: str = "") -> LedgerData:
    """The 一事五单 of one case as plain data (portrait, one section per sheet), masked like ``build_ledger``
    and, like it, audited."""
    ws = ws.for_reports()
    mask = _mask(ws, mask)
    view = ws.query.case(case_id)
    scope = f"{view.row.grid_name}　事件编号：{view.row.number}"  # the full path is on the 集单
    data = _data(ws, CASE_SHEET.key, CASE_SHEET.title, scope, PORTRAIT, case_sheet.sheets(view, mask), mask)
    _audit(ws, data, output, "cases", case_id, sum(1 for link in view.links if link.kind == "person"))
    return data


def render_case_sheet(ws: Workspace, case_id: str, path: str | Path, *, mask: bool = False) -> int:
    """Write the 一事五单 of one case as a PDF; returns the number of pages."""
    return write_pdf(build_case_sheet(ws, case_id, mask=mask, output="pdf"), path)


def _mask(ws: Workspace, asked: bool) -> bool:
    """Whether a ledger is masked: as asked, and always for a user who may not print ID numbers and phones."""
    access.require(ws.user, "print")
    return asked or not access.can(ws.user, "print_private")


def _audit(ws: Workspace, data: LedgerData, output: str, table: str, record_id: str, persons: int) -> None:
    ws.audit.record(ws.user, LEDGER, table=table, record_id=record_id, detail={
        "ledger": data.key, "title": data.title, "scope": data.scope, "format": output, "rows": data.row_count,
        "persons": persons, "masked": data.masked})


def _checked(period: tuple[date, date]) -> tuple[date, date]:
    first, last = period
    if first > last:
        raise RuleViolation(f"开始日期 {first.isoformat()} 晚于结束日期 {last.isoformat()}，请重新选择起止日期。")
    return first, last


def _data(ws: Workspace, key: str, title: str, scope: str, orientation: str, sections: list[Part], mask: bool,
          cover: bool = False, period: tuple[date, date] | None = None) -> LedgerData:
    if mask:
        sections = [masked(section) for section in sections]
    office = ws.office
    return LedgerData(key, title, office.name if office else "", scope, ws.today(), orientation, tuple(sections),
                      mask, cover, period)

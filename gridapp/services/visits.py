"""The visit log (``ws.visits``): 入户走访, 电话回访 and 巡查 entries, and opening a case from a finding."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from gridapp import access, codes
from gridapp.changes import Outcome
from gridapp.dto import Actor, AttachmentInput, CaseInput, VisitInput
from gridapp.errors import RuleViolation
from gridapp.models import GridNode, GridWorker, Household, Person, Place, Visit
from gridapp.services.cases import now_of, register_case, save_attachments
from gridapp.services.common import live

TARGETS = {"household": (Household, "住户"), "person": (Person, "人员"), "place": (Place, "场所"),
           "grid": (GridNode, "网格")}


class VisitService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def record(self, actor: Actor, data: VisitInput) -> Outcome:
        with self.ws.write(actor) as tx:
            visit = Visit()
            self._fill(tx.session, actor, visit, data)
            tx.session.add(visit)
            tx.session.flush()
            save_attachments(tx.session, self.ws, "visit", visit.id, data.attachments)
        return Outcome(tx.changes, visit.id)

    def update(self, actor: Actor, visit_id: str, data: VisitInput) -> Outcome:
        with self.ws.write(actor) as tx:
            visit = live(tx.session, Visit, visit_id, "走访记录", data.version)
            self._fill(tx.session, actor, visit, data)
            save_attachments(tx.session, self.ws, "visit", visit.id, data.attachments)
        return Outcome(tx.changes, visit_id)

    def delete(self, actor: Actor, visit_id: str) -> Outcome:
        with self.ws.write(actor) as tx:
            live(tx.session, Visit, visit_id, "走访记录").deleted = True
        return Outcome(tx.changes, visit_id)

    def open_case_from_visit(self, actor: Actor, visit_id: str, title: str, category: str, subtype: str = "",
                             urgency: str = "一般", note: str = "", attachments: list[AttachmentInput] | None = None,
                             now: datetime | None = None) -> Outcome:
        """One action from a finding to a registered case: grid, place, description and the visited household,
        person or place come from the visit, and the case remembers the visit it came from."""
        access.require(actor, "register_cases")
        with self.ws.write(actor) as tx:
            s = tx.session
            visit = live(s, Visit, visit_id, "走访记录")
            data = CaseInput(grid_id=visit.grid_id, title=title, category=category, subtype=subtype,
                             source="巡查发现", urgency=urgency, note=note, attachments=attachments or [],
                             description=f"{_day(visit.visited_on)}{visit.kind}发现：{visit.findings}",
                             place_text=_address(s, visit.target_kind, visit.target_id))
            if visit.target_kind != "grid":
                getattr(data, f"{visit.target_kind}_ids").append(visit.target_id)
            case = register_case(s, self.ws, actor, data, now or now_of(self.ws), visit_id=visit.id)
        return Outcome(tx.changes, case.id)

    def _fill(self, s: Session, actor: Actor, visit: Visit, data: VisitInput) -> None:
        kind = codes.match("visit_kind", data.kind)
        if kind is None:
            raise RuleViolation(f"走访方式“{data.kind}”无效，应为：{'、'.join(codes.labels('visit_kind'))}。")
        if data.target_kind not in TARGETS:
            raise RuleViolation("走访对象应为住户、人员、场所或网格。")
        content = data.content.strip()
        if not content:
            raise RuleViolation("请填写走访内容，例如“入户了解近况，身体良好”。")
        visited_on = data.visited_on or self.ws.today()
        if visited_on > self.ws.today():
            raise RuleViolation(f"走访日期 {visited_on} 晚于今天，请核对。")
        worker_name = data.worker_name.strip() or actor.name
        if data.worker_id:
            worker_name = live(s, GridWorker, data.worker_id, "网格员").name
        visit.kind, visit.visited_on, visit.content = kind.label, visited_on, content
        visit.worker_id, visit.worker_name = data.worker_id or None, worker_name
        visit.target_kind, visit.target_id = data.target_kind, data.target_id
        visit.grid_id, visit.household_id = _place_of(s, data.target_kind, data.target_id)
        visit.findings, visit.follow_up = data.findings.strip(), data.follow_up.strip()


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _target(s: Session, kind: str, target_id: str) -> Any:
    model, what = TARGETS[kind]
    return live(s, model, target_id, what)


def _place_of(s: Session, kind: str, target_id: str) -> tuple[str, str | None]:
    """The grid and household a visit to this target belongs to."""
    target = _target(s, kind, target_id)
    if kind == "grid":
        return target.id, None
    if kind == "person":
        target = live(s, Household, target.household_id, "住户")
    return target.grid_id, target.id if kind != "place" else None


def _address(s: Session, kind: str, target_id: str) -> str:
    target = _target(s, kind, target_id)
    if kind == "person":
        target = s.get(Household, target.household_id)
    return getattr(target, "address", "") or getattr(target, "name", "")

"""The case log (``ws.cases``): register a case (受理), take the workflow's actions, correct its details.

Every transition goes through the pure gridapp.cases.workflow and leaves exactly one CaseStep; the case's
workflow columns are only ever written from the state the workflow returns.
"""

from __future__ import annotations

import dataclasses
import mimetypes
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gridapp import access, codes, paths
from gridapp.cases import numbering, workflow
from gridapp.cases.attachments import AttachmentStore, SharedAttachmentStore
from gridapp.cases.rules import default_rules
from gridapp.changes import Outcome
from gridapp.dto import Actor, AttachmentInput, CaseInput, CaseState
from gridapp.errors import RuleViolation, WriteCollision
from gridapp.models import Attachment, Case, CaseLink, CaseStep, GridNode, Household, Person, Place
from gridapp.retry import retried
from gridapp.services.common import live, starts_with

STATE_FIELDS = tuple(f.name for f in dataclasses.fields(CaseState) if f.name != "private_terms")
LINKS = {"household": (Household, "住户"), "person": (Person, "人员"), "place": (Place, "场所")}


class CaseService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def register(self, actor: Actor, data: CaseInput, now: datetime | None = None) -> Outcome:
        """事项受理: a new case with its number, deadline, links, photos and first timeline entry."""
        access.require(actor, "register_cases")

        def attempt() -> Outcome:
            with self.ws.write(actor) as tx, number_collisions():
                case = register_case(tx.session, self.ws, actor, data, now or now_of(self.ws))
            return Outcome(tx.changes, case.id)

        return retried(attempt)

    def act(self, actor: Actor, case_id: str, action: str, values: dict[str, Any] | None = None,
            attachments: Sequence[AttachmentInput] = (), now: datetime | None = None) -> Outcome:
        """Take one workflow action (转办, 进展, 督办, 评价 …) with its form values and photos."""
        require_case_action(actor, action)
        with self.ws.write(actor) as tx:
            case = live(tx.session, Case, case_id, "事件")
            take_action(tx.session, self.ws, case, action, actor, now or now_of(self.ws), values, attachments)
        return Outcome(tx.changes, case_id)

    def update(self, actor: Actor, case_id: str, data: CaseInput) -> Outcome:
        """Correct what was registered (grid, title, category, place, reporter, links …). The number stays, and
        urgency, note and photos belong to the 受理 entry of the timeline, which is never rewritten."""
        access.require(actor, "register_cases")
        with self.ws.write(actor) as tx:
            s = tx.session
            case = live(s, Case, case_id, "事件", data.version)
            if case.step == workflow.ARCHIVED:
                raise RuleViolation("事件已归档销号，不能再修改。")
            case.grid_id = _grid(s, data.grid_id).id
            for key, value in _details(data).items():
                setattr(case, key, value)
            _set_links(s, case, data)
        return Outcome(tx.changes, case_id)


@contextmanager
def number_collisions() -> Iterator[None]:
    """A case number another workstation took at the same moment (grids sharing a code prefix lock different
    rows) is a collision to run again, not an error for the user."""
    try:
        yield
    except IntegrityError as exc:
        if "number" not in str(exc.orig):
            raise
        raise WriteCollision("另一台电脑同时登记了事件，编号冲突，本次没有保存。请重试。") from exc


def require_case_action(actor: Actor, action: str) -> None:
    """Refuse (Forbidden) a workflow action the user's role may not take: the role needs ``handle_cases``, and
    the workflow's own table of case roles (codes/case_role.json) must list the action for it."""
    access.require(actor, "handle_cases")
    rule = default_rules().role(actor.role)
    if action in workflow.ACTIONS and (rule is None or action not in rule.actions):
        allowed = f"只能{'、'.join(sorted(rule.actions, key=list(workflow.ACTIONS).index))}" if rule else "不能办理事件"
        raise access.Forbidden(f"{actor.name}（{actor.role}）不能“{workflow.ACTIONS[action].label}”：按事件流程，"
                               f"{actor.role}{allowed}。如确需办理，请找本单位管理员。")


# -- shared with the visit service ---------------------------------------------------------------------------------

def now_of(ws: Any) -> datetime:
    """The time of day now on the workspace's calendar day (tests move ``ws.today`` to travel in time)."""
    return datetime.combine(ws.today(), datetime.now().time()).replace(second=0, microsecond=0)


def attachment_store(ws: Any) -> AttachmentStore:
    """Files live next to the database (<db_dir>/attachments); a server database holds the bytes itself, with
    this workstation's copies in its data folder."""
    if ws.db_file is not None:
        return AttachmentStore(ws.db_file.parent / "attachments")
    url = ws.engine.url
    copies = paths.data_dir() / "attachments" / f"{url.host}-{url.port or 5432}-{url.database}"
    return SharedAttachmentStore(copies, ws.engine)


def save_attachments(s: Session, ws: Any, owner_kind: str, owner_id: str,
                     files: Sequence[AttachmentInput]) -> None:
    store = attachment_store(ws)
    for f in files:
        name = Path(f.filename).name or "附件"
        data = f.data if f.data is not None else _read(f.path or f.filename)
        s.add(Attachment(sha256=store.put(data), filename=name, size=len(data), owner_kind=owner_kind,
                         owner_id=owner_id, mime=mimetypes.guess_type(name)[0] or "application/octet-stream"))


def register_case(s: Session, ws: Any, actor: Actor, data: CaseInput, now: datetime,
                  visit_id: str | None = None) -> Case:
    grid = _grid(s, data.grid_id)
    transition = workflow.apply(CaseState(), "受理", actor, now, {"urgency": data.urgency, "note": data.note})
    case = Case(grid_id=grid.id, visit_id=visit_id, **_details(data))
    _store_state(case, transition.state)
    case.number = _allocate_number(s, ws, grid, now.year)
    s.add(case)
    s.flush()
    _set_links(s, case, data)
    _add_entry(s, ws, case.id, 1, transition.entry, data.attachments)
    return case


def take_action(s: Session, ws: Any, case: Case, action: str, actor: Actor, now: datetime,
                values: dict[str, Any] | None = None, attachments: Sequence[AttachmentInput] = ()) -> None:
    """One workflow transition of ``case`` inside the caller's transaction, with its timeline entry."""
    transition = workflow.apply(case_state(s, case), action, actor, now, values)
    if attachments and not workflow.ACTIONS[action].attachments:
        raise RuleViolation(f"“{workflow.ACTIONS[action].label}”不能附加照片。")
    _store_state(case, transition.state)
    ordinal = (s.scalar(select(func.max(CaseStep.ordinal)).where(CaseStep.case_id == case.id)) or 0) + 1
    _add_entry(s, ws, case.id, ordinal, transition.entry, attachments)


def case_state(s: Session, case: Case) -> CaseState:
    """The workflow's view of a case, with the personal terms a public summary must leave out."""
    terms = [case.reporter_name, case.reporter_phone]
    links = s.execute(select(CaseLink.target_kind, CaseLink.target_id)
                      .where(CaseLink.case_id == case.id, ~CaseLink.deleted)).all()
    people = [tid for kind, tid in links if kind == "person"]
    homes = [tid for kind, tid in links if kind == "household"]
    if people or homes:
        rows = s.execute(select(Person.name, Person.id_number, Person.phone).where(
            ~Person.deleted, Person.id.in_(people) | Person.household_id.in_(homes)))
        terms += [term for row in rows for term in row]
    return CaseState(**{f: getattr(case, f) for f in STATE_FIELDS},
                     private_terms=tuple(t for t in dict.fromkeys(terms) if t))


# -- helpers ---------------------------------------------------------------------------------------------------

def _store_state(case: Case, state: CaseState) -> None:
    for f in STATE_FIELDS:
        setattr(case, f, getattr(state, f))


def _add_entry(s: Session, ws: Any, case_id: str, ordinal: int, entry: workflow.Entry,
               attachments: Sequence[AttachmentInput]) -> None:
    step = CaseStep(case_id=case_id, ordinal=ordinal, action=entry.action, step_before=entry.step_before,
                    step_after=entry.step_after, actor_name=entry.actor_name, actor_role=entry.actor_role,
                    at=entry.at, note=entry.note, data=entry.data)
    s.add(step)
    s.flush()
    save_attachments(s, ws, "case_step", step.id, attachments)


def _allocate_number(s: Session, ws: Any, grid: GridNode, year: int) -> str:
    """The next number of this grid, year and office, read under a write lock on the grid row.

    The no-op UPDATE takes SQLite's write lock (and a row lock on PostgreSQL) before the highest number is
    read, so two windows or programs registering at once wait for each other instead of colliding.
    """
    table = GridNode.__table__
    s.execute(update(table).where(table.c.id == grid.id).values(sort_order=table.c.sort_order))
    office = ws.office
    head = numbering.prefix(_grid_code(s, grid), year, numbering.office_tag(office.id if office else ""))
    highest = s.scalar(select(Case.number).where(starts_with(Case.number, head))
                       .order_by(func.length(Case.number).desc(), Case.number.desc()).limit(1))
    return numbering.number(head, numbering.next_seq(head, highest))


def _grid_code(s: Session, grid: GridNode) -> str:
    """The grid's code, or its nearest ancestor's when the grid (a micro-grid, say) has none."""
    if grid.code:
        return grid.code
    ids = [i for i in grid.path.split("/") if i]
    return s.scalar(select(GridNode.code).where(GridNode.id.in_(ids), GridNode.code != "")
                    .order_by(GridNode.level.desc()).limit(1)) or ""


def _grid(s: Session, grid_id: str) -> GridNode:
    grid = live(s, GridNode, grid_id, "网格")
    if grid.retired:
        raise RuleViolation(f"“{grid.name}”已撤销，不能在这里登记事件。")
    return grid


def _details(data: CaseInput) -> dict[str, Any]:
    """The registered fields, checked: title, category and sub-type from the code table, source, reporter."""
    title = data.title.strip()
    if not title:
        raise RuleViolation("请填写事件标题，例如“3组12号门前垃圾堆积”。")
    item = codes.match("case_category", data.category)
    category = next((c for c in codes.case_categories() if item and c.code == item.code), None)
    if category is None:
        raise RuleViolation(f"事件类别“{data.category}”无效，应为：{'、'.join(codes.labels('case_category'))}。")
    subtype = ""
    if data.subtype.strip():
        subtype = next((t.label for t in category.subtypes if data.subtype.strip() in (t.label, t.code, *t.aliases)),
                       "")
        if not subtype:
            options = "、".join(t.label for t in category.subtypes)
            raise RuleViolation(f"“{data.subtype}”不是“{category.label}”的小类，应为：{options}。")
    source = codes.match("case_source", data.source)
    if source is None:
        raise RuleViolation(f"事件来源“{data.source}”无效，应为：{'、'.join(codes.labels('case_source'))}。")
    return {"title": title[:200], "category": category.label, "subtype": subtype, "source": source.label,
            "description": data.description.strip(), "place_text": data.place_text.strip(),
            "occurred_at": data.occurred_at, "reporter_name": data.reporter_name.strip(),
            "reporter_phone": data.reporter_phone.strip()}


def _set_links(s: Session, case: Case, data: CaseInput) -> None:
    """Make the case's live links exactly the households, persons and places of ``data``."""
    wanted = {("household", i) for i in data.household_ids} | {("person", i) for i in data.person_ids} | {
        ("place", i) for i in data.place_ids}
    for kind, target in wanted:
        model, what = LINKS[kind]
        live(s, model, target, what)
    existing = s.scalars(select(CaseLink).where(CaseLink.case_id == case.id, ~CaseLink.deleted)).all()
    for link in existing:
        if (link.target_kind, link.target_id) not in wanted:
            link.deleted = True
    kept = {(link.target_kind, link.target_id) for link in existing}
    for kind, target in sorted(wanted - kept):
        s.add(CaseLink(case_id=case.id, target_kind=kind, target_id=target))


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise RuleViolation(f"无法读取附件“{path}”：{exc.strerror or exc}") from None

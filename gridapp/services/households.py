"""Households and their members: register, edit, move people and households (keeping history), tags."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, insert, literal, select
from sqlalchemy.orm import Session

from gridapp import codes
from gridapp.changes import Outcome
from gridapp.dto import Actor, HouseholdInput, PersonInput, TagInput
from gridapp.errors import DuplicateIdNumber, RuleViolation
from gridapp.models import AuditEntry, GridNode, House, Household, Person, PersonMove, PersonTag, new_id
from gridapp.models.base import utcnow
from gridapp.services.common import live
from gridapp.services.people_rules import HEAD, check_members, is_head, person_columns, tag_values
from gridapp.services.versions import touch

if TYPE_CHECKING:
    from gridapp.workspace import Tx

HOUSEHOLD_FIELDS = ("number", "kind", "address", "phone", "house_id", "notes", "income_per_capita", "drinking_water_safe")


class HouseholdService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def create(self, actor: Actor, data: HouseholdInput) -> Outcome:
        """Register a household with its members in one transaction."""
        check_members(data.members)
        with self.ws.write(actor) as tx:
            s = tx.session
            household = Household(grid_id=data.grid_id)
            _fill_household(s, household, data)
            s.add(household)
            s.flush()
            self._move_in_members(s, actor, household, data.members)
            for order, member in enumerate(data.members):
                self._save_person(s, household, member, order)
        return Outcome(tx.changes, household.id)

    def update(self, actor: Actor, household_id: str, data: HouseholdInput) -> Outcome:
        """Save the whole household page: fields, members (added, edited, reordered, removed) and tags."""
        check_members(data.members)
        with self.ws.write(actor) as tx:
            s = tx.session
            household = live(s, Household, household_id, "住户", data.version)
            _fill_household(s, household, data)
            kept = {m.id for m in data.members if m.id}
            for old in s.scalars(select(Person).where(Person.household_id == household.id, ~Person.deleted)):
                if old.id not in kept:
                    old.deleted = True
            s.flush()
            self._move_in_members(s, actor, household, data.members)
            for order, member in enumerate(data.members):
                self._save_person(s, household, member, order)
            s.flush()
            if tx.changes and household.id not in tx.changes.ids:
                touch(household)  # the page's version covers its members: a member's edit is the household's
        return Outcome(tx.changes, household_id)

    def move_person(self, actor: Actor, person_id: str, to_household_id: str, relation: str,
                    reason: str = "", on: date | None = None) -> Outcome:
        """迁入/迁出 between households (also across grids); the move is recorded, nothing rewritten."""
        with self.ws.write(actor) as tx:
            s = tx.session
            person = live(s, Person, person_id, "人员")
            target = live(s, Household, to_household_id, "目标住户")
            item = codes.match("relation", relation)
            if item is None:
                raise RuleViolation(f"与户主关系“{relation}”不在代码表中。")
            if item.label == HEAD and _head_of(s, target.id) is not None:
                raise RuleViolation("目标住户已有户主，请选择其他与户主关系。")
            _move_into(s, actor, person, target, reason, on or self.ws.today())
            person.relation = item.label
            person.sort_order = 1 + max((p.sort_order for p in _members(s, target.id)), default=-1)
        return Outcome(tx.changes, person_id)

    def move_household(self, actor: Actor, household_id: str, to_grid_id: str, reason: str = "",
                       on: date | None = None) -> Outcome:
        """Move a whole household to another grid; each member's history records the move."""
        with self.ws.write(actor) as tx:
            s = tx.session
            household = live(s, Household, household_id, "住户")
            grid = live(s, GridNode, to_grid_id, "目标网格")
            if grid.retired:
                raise RuleViolation(f"“{grid.name}”已撤销，不能迁入。")
            if household.grid_id == grid.id:
                raise RuleViolation("该户已在这个网格。")
            for person in _members(s, household.id):
                s.add(PersonMove(person_id=person.id, from_household_id=household.id,
                                 to_household_id=household.id, from_grid_id=household.grid_id,
                                 to_grid_id=grid.id, moved_on=on or self.ws.today(), reason=reason,
                                 actor_name=actor.name))
            household.grid_id = grid.id
        return Outcome(tx.changes, household_id)

    def set_tags(self, actor: Actor, person_id: str, tags: list[TagInput]) -> Outcome:
        with self.ws.write(actor) as tx:
            person = live(tx.session, Person, person_id, "人员")
            _save_tags(tx.session, person, tags)
            touch(live(tx.session, Household, person.household_id, "住户"))
        return Outcome(tx.changes, person_id)

    # -- shared by create and update --------------------------------------------------------------------------

    def _move_in_members(self, s: Session, actor: Actor, household: Household, members: list[PersonInput]) -> None:
        """迁入 from the household page: the members marked ``move_in`` change household before they are saved.

        Heads move last, so a whole family moving in empties its old household without tripping the rule
        that a head cannot leave others behind.
        """
        people = [live(s, Person, m.id, "迁入人员") for m in members if m.move_in]
        for person in sorted(people, key=lambda p: is_head(p.relation)):
            _move_into(s, actor, person, household, "迁入本户", self.ws.today())

    def _save_person(self, s: Session, household: Household, data: PersonInput, order: int) -> Person:
        values = person_columns(data, self.ws.today())
        if values["id_number"]:
            refuse_duplicate(s, values["id_number"], data.id)
        if data.id:
            person = live(s, Person, data.id, "人员")
            if person.household_id != household.id:
                raise RuleViolation(f"{person.name}属于另一户，请用“迁入”把此人迁到本户。")
        else:
            person = Person(household_id=household.id)
            s.add(person)
        for key, value in values.items():
            setattr(person, key, value)
        person.sort_order = order
        s.flush()
        _save_tags(s, person, data.tags)
        return person


def _move_into(s: Session, actor: Actor, person: Person, target: Household, reason: str, on: date) -> None:
    """Re-home a person and record the move; the old household is retired when its last member leaves."""
    source = live(s, Household, person.household_id, "原住户")
    if source.id == target.id:
        raise RuleViolation(f"{person.name}已在这一户。")
    others = s.scalars(select(Person.id).where(Person.household_id == source.id, Person.id != person.id,
                                               ~Person.deleted)).all()
    if is_head(person.relation) and others:
        raise RuleViolation(f"{person.name}是原户户主，请先在原户指定新户主，再把此人迁出。")
    s.add(PersonMove(person_id=person.id, from_household_id=source.id, to_household_id=target.id,
                     from_grid_id=source.grid_id, to_grid_id=target.grid_id, moved_on=on, reason=reason,
                     actor_name=actor.name))
    person.household_id = target.id
    touch(source)
    touch(target)  # both household pages changed: a form still showing either must be opened again
    if not others:
        source.deleted = True
        source.notes = (source.notes + "\n全部成员已迁出。").strip()


def _fill_household(s: Session, household: Household, data: HouseholdInput) -> None:
    for key, value in household_columns(s, data).items():
        setattr(household, key, value)


def household_columns(s: Session, data: HouseholdInput) -> dict[str, Any]:
    """Validated column values of a household page (the members are checked by check_members)."""
    grid = live(s, GridNode, data.grid_id, "网格")
    if grid.retired:
        raise RuleViolation(f"“{grid.name}”已撤销，不能登记住户。")
    if data.house_id:
        live(s, House, data.house_id, "房屋")
    for table, value, title in (("household_kind", data.kind, "户类别"), ("monitor_colour", data.colour, "人工认定颜色")):
        if value and codes.match(table, value) is None:
            raise RuleViolation(f"{title}“{value}”无效。")
    if data.income_per_capita is not None and data.income_per_capita < 0:
        raise RuleViolation("人均纯收入不能小于 0 元。")
    values: dict[str, Any] = {"grid_id": grid.id}
    for key in HOUSEHOLD_FIELDS:
        value = getattr(data, key)
        values[key] = value.strip() if isinstance(value, str) and key != "notes" else value
    values["kind"] = codes.match("household_kind", data.kind).label
    values.update(override_columns(data.colour, data.colour_reason))
    return values


def override_columns(colour: str, reason: str) -> dict[str, str]:
    """A manual colour (人工认定) needs its reason; no colour means the rules decide (gridapp.monitoring)."""
    if not colour:
        return {"colour_override": "", "colour_override_reason": ""}
    if not reason.strip():
        raise RuleViolation("人工认定监测颜色时请写明理由，例如“户主突发重病住院”。")
    return {"colour_override": codes.match("monitor_colour", colour).label,
            "colour_override_reason": reason.strip()[:200]}


def insert_registered(tx: Tx, model: type[Household] | type[Person] | type[PersonTag], rows: list[dict[str, Any]],
                      detail: dict[str, Any]) -> None:
    """Bulk 入户登记 for imports: new households, persons or their tags in one Core statement per batch.

    The unit of work costs several times more at county scale. The values must come from household_columns
    and person_columns (the members checked with check_members); the synced columns and one audit entry per
    record are filled in here as the flush hook in gridapp.db does for single records.
    """
    if not rows:
        return
    stamp, now = tx.stamp, utcnow()
    for row in rows:
        row.setdefault("id", new_id())
        row.update(created_at=now, updated_at=now, hlc=stamp.version(model.__tablename__), office_id=stamp.office_id, deleted=False)
    ids = [row["id"] for row in rows]
    stamp.ids.update(ids)
    stamp.tables.add(model.__tablename__)
    stamp.records.setdefault(model.__tablename__, set()).update(ids)
    tx.session.execute(insert(model.__table__), rows)
    audit = select(literal(now), literal(stamp.actor.name), literal("create"), literal(model.__tablename__),
                   model.id, literal(detail, JSON)).where(model.id.in_(ids))
    tx.session.execute(insert(AuditEntry.__table__).from_select(
        ["at", "user_name", "action", "table_name", "record_id", "detail"], audit))


def _save_tags(s: Session, person: Person, tags: list[TagInput]) -> None:
    existing = {t.id: t for t in s.scalars(select(PersonTag).where(PersonTag.person_id == person.id,
                                                                   ~PersonTag.deleted))}
    for tag in tags:
        values = tag_values(tag)
        row = existing.pop(tag.id, None) if tag.id else None
        if row is None:
            row = PersonTag(person_id=person.id)
            s.add(row)
        for key, value in values.items():
            if getattr(row, key, None) != value:
                setattr(row, key, value)
    for gone in existing.values():
        gone.deleted = True


def refuse_duplicate(s: Session, number: str, own_id: str | None) -> None:
    hit = s.execute(
        select(Person, Household, GridNode)
        .join(Household, Household.id == Person.household_id)
        .join(GridNode, GridNode.id == Household.grid_id)
        .where(Person.id_number == number, ~Person.deleted, ~Household.deleted)
        .where(Person.id != own_id if own_id else True)
    ).first()
    if hit is None:
        return
    person, household, grid = hit
    where = f"{grid.name}" + (f" {household.number}号户" if household.number else "") + \
        (f"（{household.address}）" if household.address else "")
    raise DuplicateIdNumber(
        f"身份证号码 {number} 已登记为{person.name}，在{where}。如果此人搬到了这里，请用“迁入”把此人迁过来，不要重复登记。",
        person.id,
        household.id,
    )


def _members(s: Session, household_id: str) -> list[Person]:
    return list(s.scalars(select(Person).where(Person.household_id == household_id, ~Person.deleted)
                          .order_by(Person.sort_order)))


def _head_of(s: Session, household_id: str) -> Person | None:
    return next((p for p in _members(s, household_id) if is_head(p.relation)), None)

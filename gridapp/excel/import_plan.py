"""The dry run: what importing a sheet would create, update, skip or refuse, decided against the database.

Who is already registered is found by ID number. A sheet household is an existing household when its 户主 is
registered there; failing that (no ID number in the sheet or the database) when a household of the same grid
has a head of the same name and the same 户号 or address. Inside an existing household a member without an ID
number is the member of the same name. Registered people whose data differ are updated, skipped or left for
the user to decide, per the run's policy; data the sheet leaves blank never clears what is stored.
``decide`` runs again inside the apply transaction, so the database may change between preview and apply.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridapp import access, codes
from gridapp.dto import PersonInput
from gridapp.errors import DuplicateIdNumber, NotFound, RuleViolation
from gridapp.excel.import_fields import by_key
from gridapp.excel.import_grids import GridAssigner
from gridapp.excel.import_households import FileHousehold, check_new_household, group_rows
from gridapp.excel.import_mapping import ColumnMapping
from gridapp.excel.import_reader import Sheet, collector_paused
from gridapp.excel.import_result import (
    CREATED,
    NEEDS_DECISION,
    REFUSED,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    ImportResult,
    NewGrid,
    RowReport,
)
from gridapp.excel.import_validate import ParsedRow, RowIssue, RowReader, cell_text
from gridapp.models import GridNode, Household, Person, PersonTag
from gridapp.progress import Progress
from gridapp.services.households import household_columns, refuse_duplicate
from gridapp.services.people_rules import check_members, is_head

POLICIES = {"update": "更新", "skip": "跳过", "ask": "询问"}
NO_RELATION = "此人还没有登记。表中没有“与户主关系”列，只能核对已登记的人；要新登记，请补上这一列后再导入"
CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit
PROGRESS_EVERY = 500

# Sheet fields → the person columns they set (an ID number also sets sex and birth date).
PERSON_COLUMNS = {
    "name": ("name", "name_initials"),
    "id_number": ("id_number", "id_reversed", "sex", "birth_date"),
    "phone": ("phone", "phone_reversed"),
    "tags": (),  # not a column: categories the person lacks are added (see _Decider.person), none removed
}
HOUSEHOLD_COLUMNS = {"household_number": "number", "household_address": "address", "household_phone": "phone",
                     "household_kind": "kind", "income_per_capita": "income_per_capita",
                     "drinking_water_safe": "drinking_water_safe"}


@dataclass(frozen=True)
class ImportOptions:
    """``grid_id``: the grid for rows without a 所属网格 (and the parent of new grids); ``on_duplicate``: update,
    skip or ask; ``create_grids``: create the grids the sheet names that do not exist (see import_grids)."""

    grid_id: str | None = None
    on_duplicate: str = "ask"
    create_grids: bool = False


@dataclass
class PersonPlan:
    row: ParsedRow
    outcome: str
    existing: Person | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    new_tags: tuple[str, ...] = ()  # special-group categories to add
    column: str = ""  # the sheet column ``reason`` is about


@dataclass
class HouseholdPlan:
    file: FileHousehold
    existing: Household | None = None
    values: dict[str, Any] = field(default_factory=dict)  # a new household's columns
    changes: dict[str, Any] = field(default_factory=dict)  # an existing household's changed columns
    notes: list[tuple[str, str]] = field(default_factory=list)  # (SKIPPED or NEEDS_DECISION, why) for the record
    people: list[PersonPlan] = field(default_factory=list)
    next_order: int = 0  # sort order of the first member added to an existing household

    @property
    def outcome(self) -> str:
        seen = {p.outcome for p in self.people} | {kind for kind, _ in self.notes}
        if {p.outcome for p in self.people} <= {REFUSED}:
            return REFUSED
        if self.existing is None:
            return CREATED
        if self.changes or seen & {CREATED, UPDATED}:
            return UPDATED
        return next((o for o in (NEEDS_DECISION, SKIPPED) if o in seen), UNCHANGED)


@dataclass
class ImportPlan:
    """A checked sheet: its households and the preview of what applying would do."""

    sheet: Sheet
    mapping: ColumnMapping
    options: ImportOptions
    grouping: str
    households: list[FileHousehold]
    new_grids: list[NewGrid]
    result: ImportResult | None = None


@collector_paused()
def dry_run(ws: Any, sheet: Sheet, mapping: ColumnMapping, options: ImportOptions | None = None,
            progress: Progress | None = None) -> ImportPlan:
    """Check every row and decide what applying would do, without changing anything."""
    options, progress = options or ImportOptions(), progress or Progress()
    access.require(ws.user, "import")
    if options.on_duplicate not in POLICIES:
        raise ValueError(options.on_duplicate)
    mapping.require_complete()
    read = RowReader(mapping, ws.today())
    sources = sheet.data_rows
    rows = []
    for done, source in enumerate(sources, start=1):
        rows.append(read(source))
        if done % PROGRESS_EVERY == 0:
            progress.report(done, len(sources))
    _refuse_repeated_ids(rows, mapping)
    households, grouping = group_rows(rows, mapping)
    office = ws.query.office_node() if options.grid_id is None else None
    with ws.read() as s:
        assigner = GridAssigner(s, options.grid_id, office.id if office else None, options.create_grids)
        new_grids = assigner.assign(households, mapping.header_of("grid"))
        plan = ImportPlan(sheet, mapping, options, grouping, households, new_grids)
        plan.result = summarize(plan, decide(s, plan, planned=True))
    progress.report(len(sources), len(sources))
    return plan


def summarize(plan: ImportPlan, plans: list[HouseholdPlan], **extra: Any) -> ImportResult:
    sheet, mapping = plan.sheet, plan.mapping
    result = ImportResult(str(sheet.path), sheet.name, sheet.header_row, sheet.headers, plan.grouping,
                          ignored_rows=sheet.ignored_rows, ignored_columns=mapping.unmapped_headers(),
                          missing_grids=plan.new_grids, create_grids=plan.options.create_grids, **extra)
    lists = {REFUSED: result.refused, NEEDS_DECISION: result.needs_decision, SKIPPED: result.skipped}
    for household in plans:
        result.households.add(household.outcome)
        first = household.file.rows[0]
        for kind, why in household.notes:
            lists[kind].append(RowReport(first.number, first.source.values, (RowIssue(first.number, "", why),)))
        for person in household.people:
            result.persons.add(person.outcome)
            if person.outcome in lists:
                issues = person.row.issues or [RowIssue(person.row.number, person.column, person.reason)]
                lists[person.outcome].append(RowReport(person.row.number, person.row.source.values, tuple(issues)))
            elif person.row.warnings:
                result.warnings.append(RowReport(person.row.number, person.row.source.values,
                                                 tuple(person.row.warnings)))
    for found in (*lists.values(), result.warnings):
        found.sort(key=lambda r: r.row)
    return result


def decide(s: Session, plan: ImportPlan, *, planned: bool) -> list[HouseholdPlan]:
    """Each household and person's outcome against the database as it is now. With ``planned`` the grids to be
    created do not exist yet, and a household going to one is checked by its parent's rules (not retired …)."""
    households = plan.households
    new_grids = {g.id: g.parent_id for g in plan.new_grids} if planned and plan.options.create_grids else {}
    numbers = {r.values["id_number"] for h in households for r in h.valid_rows if r.values["id_number"]}
    registered = {p.id_number: p for p in _in_chunks(s, Person, Person.id_number, numbers, _live_people)}
    homes = _find_homes(s, households, registered)
    members: dict[str, list[Person]] = {}
    for person in _in_chunks(s, Person, Person.household_id, _needing_members(households, homes, registered),
                             _live_people):
        members.setdefault(person.household_id, []).append(person)
    grids = _in_chunks(s, GridNode, GridNode.id, {h.grid_id for h in households if h.grid_id})
    tagged = any(r.person.tags for h in households for r in h.valid_rows)
    people = {p.id for p in registered.values()} | {p.id for ps in members.values() for p in ps}
    decider = _Decider(s, registered, plan.options.on_duplicate, grids, _tags_of(s, people) if tagged else {},
                       plan.mapping, new_grids)
    return [decider.household(h, homes.get(i), members) for i, h in enumerate(households)]


class _Decider:
    def __init__(self, s: Session, registered: dict[str, Person], policy: str, grids: list[GridNode],
                 tags: dict[str, set[str]], mapping: ColumnMapping, new_grids: dict[str, str]) -> None:
        self.s = s
        self.registered = registered
        self.policy = policy
        self.tags = tags
        self.new_grids = new_grids
        self.column = mapping.header_of
        self.checks_only = mapping.checks_only
        # The session holds loaded objects weakly: keeping the grids referenced lets household_columns find
        # them in the identity map instead of querying once per household.
        self.grids = grids

    def household(self, file: FileHousehold, home: Household | None,
                  members: dict[str, list[Person]]) -> HouseholdPlan:
        plan = HouseholdPlan(file, home)
        if file.grid_id is None or not file.valid_rows:
            plan.people = [PersonPlan(r, REFUSED) for r in file.rows]
            return plan
        grid_id = home.grid_id if home else file.grid_id
        try:
            values = household_columns(self.s, file.as_input(self.new_grids.get(grid_id, grid_id)))
        except (RuleViolation, NotFound) as exc:  # e.g. the grid was retired since the preview
            plan.people = [PersonPlan(r, REFUSED, reason=str(exc), column=self.column("grid")) for r in file.rows]
            return plan
        values["grid_id"] = grid_id
        if home is None and self.checks_only:
            plan.people = [PersonPlan(r, REFUSED, reason=NO_RELATION, column=self.column("relation")) if r.values
                           else PersonPlan(r, REFUSED) for r in file.rows]
            return plan
        if home is None:
            check_new_household(file, self.column("relation"))
            if not file.valid_rows:
                plan.people = [PersonPlan(r, REFUSED) for r in file.rows]
                return plan
            plan.values = values
            plan.people = [self.person(r, None, []) for r in file.rows]
            return plan
        existing = members.get(home.id, [])
        plan.next_order = 1 + max((m.sort_order for m in existing), default=-1)
        unmatched = list(existing)
        plan.people = [self.person(r, home, unmatched) for r in file.rows]
        self._household_record(plan, values)
        _check_roster(plan, existing, self.column("relation"))
        return plan

    def person(self, row: ParsedRow, home: Household | None, unmatched: list[Person]) -> PersonPlan:
        if row.values is None:
            return PersonPlan(row, REFUSED)
        number = row.values["id_number"]
        found = self.registered.get(number) if number else None
        if found is not None and (home is None or found.household_id != home.id):
            return self._elsewhere(row, number)
        if found is None and home is not None:
            found = next((m for m in unmatched if m.name == row.values["name"] and not (m.id_number and number)),
                         None)
        wanted = tuple(t.category for t in row.person.tags)
        if found is None and self.checks_only:
            return PersonPlan(row, REFUSED, reason=NO_RELATION, column=self.column("relation"))
        if found is None:
            return PersonPlan(row, CREATED, new_tags=wanted)
        if found in unmatched:
            unmatched.remove(found)
        changes = _changed(found, row.values, _person_columns(row.provided))
        have = self.tags.get(found.id, set())
        new_tags = tuple(c for c in wanted if c not in have)
        if not changes and not new_tags:
            return PersonPlan(row, UNCHANGED, found)
        described = "，".join(filter(None, (_describe(found, changes), _describe_tags(new_tags))))
        outcome, reason = self._differs(f"{found.name}已登记，表中有不同：{described}")
        return PersonPlan(row, outcome, found, changes, reason, new_tags)

    def _elsewhere(self, row: ParsedRow, number: str) -> PersonPlan:
        """Registered in another household: an import never moves people (that is 迁入, with its history)."""
        reason = f"身份证号码 {number} 已在另一户登记。"
        try:
            refuse_duplicate(self.s, number, None)  # its message says where, and what to do instead
        except DuplicateIdNumber as exc:
            reason = str(exc)
        outcome = {"update": REFUSED, "skip": SKIPPED, "ask": NEEDS_DECISION}[self.policy]
        return PersonPlan(row, outcome, reason=reason, column=self.column("id_number"))

    def _household_record(self, plan: HouseholdPlan, values: dict[str, Any]) -> None:
        home = plan.existing
        provided = plan.file.provided()
        changes = _changed(home, values, [c for key, c in HOUSEHOLD_COLUMNS.items() if key in provided])
        if changes:
            outcome, reason = self._differs(f"该户已登记，户信息有不同：{_describe(home, changes)}")
            if outcome == UPDATED:
                plan.changes = changes
            else:
                plan.notes.append((outcome, reason))
        if plan.file.grid_id != home.grid_id:
            plan.notes.append((NEEDS_DECISION, "该户已登记在另一个网格，与表中的所属网格不同。导入不会迁移住户；"
                                               "如确已搬迁，请在程序中办理整户迁移，否则请改正表中的所属网格"))

    def _differs(self, what: str) -> tuple[str, str]:
        if self.policy == "update":
            return UPDATED, ""
        if self.policy == "skip":
            return SKIPPED, f"{what}。本次选择“跳过”，未改动"
        return NEEDS_DECISION, f"{what}。请选择“更新”或“跳过”后重新导入"


def _check_roster(plan: HouseholdPlan, existing: list[Person], column: str) -> None:
    """The household as it would be after the import still has one head (people_rules.check_members)."""
    writes = [p for p in plan.people if p.outcome in (CREATED, UPDATED)]
    if not any(p.outcome == CREATED or "relation" in p.changes for p in writes):
        return
    relation = {p.existing.id: p.changes["relation"] for p in writes if "relation" in p.changes}
    roster = [PersonInput(name=m.name, relation=relation.get(m.id, m.relation), id_number=m.id_number)
              for m in existing]
    roster += [p.row.person for p in writes if p.outcome == CREATED]
    try:
        check_members(roster)
    except RuleViolation as exc:
        for p in writes:
            p.outcome, p.reason, p.changes = REFUSED, f"与已登记的本户成员合在一起后：{exc}", {}
            p.column = column


def _find_homes(s: Session, households: list[FileHousehold], registered: dict[str, Person]) -> dict[int, Household]:
    """Which existing household each sheet household is (by list index); one listed without its head (a
    老龄人口 ledger lists only the old) is the one household its registered members belong to."""
    home_ids: dict[int, str] = {}
    by_members: dict[int, set[str]] = {}
    for i, h in enumerate(households):
        if not h.grid_id:
            continue
        head = h.head
        found = registered.get(head.values["id_number"]) if head else None
        if found is not None:
            home_ids[i] = found.household_id
            continue
        ids = {registered[n].household_id for r in h.valid_rows if (n := r.values["id_number"]) in registered}
        if head is not None:
            by_members[i] = ids
        elif len(ids) == 1:
            home_ids[i] = ids.pop()
    heads = _heads(s, {p for ids in by_members.values() for p in ids},
                   {(households[i].grid_id, households[i].head.values["name"]) for i, ids in by_members.items()
                    if not ids})
    for i, ids in by_members.items():
        h = households[i]
        head = h.head.values
        candidates = {hh.id for hh, p in heads
                      if p.name == head["name"] and not (p.id_number and head["id_number"])
                      and (hh.id in ids if ids else _same_place(h, hh))}
        if len(candidates) == 1:
            home_ids[i] = candidates.pop()
    loaded = {hh.id: hh for hh in _in_chunks(s, Household, Household.id, set(home_ids.values()))}
    return {i: loaded[hid] for i, hid in home_ids.items() if hid in loaded}


def _needing_members(households: list[FileHousehold], homes: dict[int, Household],
                     registered: dict[str, Person]) -> set[str]:
    """Existing households whose other members matter: someone is matched by name, added, or changes relation.

    When everyone in the sheet is found by ID number as they are (a re-import), loading the members is skipped.
    """
    def plain(row: ParsedRow, home: Household) -> bool:
        found = registered.get(row.values["id_number"])
        return found is not None and found.household_id == home.id and found.relation == row.values["relation"]

    return {home.id for i, home in homes.items() if not all(plain(r, home) for r in households[i].valid_rows)}


def _heads(s: Session, household_ids: set[str], grid_names: set[tuple[str, str]]) -> list[tuple[Household, Person]]:
    """Heads of the given households, and heads without an ID number of the given name in the given grid."""
    found: list[tuple[Household, Person]] = []
    q = select(Household, Person).join(Person, Person.household_id == Household.id).where(
        ~Household.deleted, ~Person.deleted)
    for chunk in _chunks(sorted(household_ids)):
        found += [(hh, p) for hh, p in s.execute(q.where(Household.id.in_(chunk))) if is_head(p.relation)]
    for chunk in _chunks(sorted({name for _, name in grid_names})):
        rows = s.execute(q.where(Person.name.in_(chunk), Person.id_number == ""))
        found += [(hh, p) for hh, p in rows if (hh.grid_id, p.name) in grid_names and is_head(p.relation)]
    return found


def _same_place(file: FileHousehold, home: Household) -> bool:
    if file.grid_id != home.grid_id:
        return False
    number, address = file.cell("household_number"), file.cell("household_address")
    return bool(number and number == home.number) or bool(address and address == home.address)


def _refuse_repeated_ids(rows: list[ParsedRow], mapping: ColumnMapping) -> None:
    first: dict[str, int] = {}
    for row in rows:
        number = row.values["id_number"] if row.values else ""
        if number in first:
            row.refuse(mapping.header_of("id_number"),
                       f"与第{first[number]}行的身份证号码相同。同一个人只能登记一次，请删去重复的一行或核对号码。")
        elif number:
            first[number] = row.number


def _person_columns(provided: frozenset[str]) -> list[str]:
    return [c for key in provided if by_key()[key].target == "person" for c in PERSON_COLUMNS.get(key, (key,))]


def _changed(record: Any, values: dict[str, Any], columns: Iterable[str]) -> dict[str, Any]:
    return {c: values[c] for c in columns if getattr(record, c) != values[c]}


def _describe(record: Any, changes: dict[str, Any]) -> str:
    titles = {"number": "户号", "address": "家庭住址", "phone": "联系电话", "kind": "户类型",
              "income_per_capita": "人均纯收入", "drinking_water_safe": "饮水安全"}
    if isinstance(record, Person):
        titles = {key: f.title for key, f in by_key().items() if f.target == "person"}
    return "，".join(f"{titles[c]} {_shown(getattr(record, c))} → {_shown(v)}" for c, v in changes.items()
                    if c in titles)


def _describe_tags(categories: tuple[str, ...]) -> str:
    labels = "、".join(codes.special_group(c).label for c in categories)
    return f"{by_key()['tags'].title} 增加 {labels}" if labels else ""


def _tags_of(s: Session, person_ids: set[str]) -> dict[str, set[str]]:
    """The special-group categories each registered person already has."""
    found: dict[str, set[str]] = {}
    for chunk in _chunks(sorted(person_ids)):
        q = select(PersonTag.person_id, PersonTag.category).where(PersonTag.person_id.in_(chunk), ~PersonTag.deleted)
        for person_id, category in s.execute(q):
            found.setdefault(person_id, set()).add(category)
    return found


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return cell_text(value) if value not in (None, "") else "（空）"


def _live_people(q: Any) -> Any:
    return q.join(Household, Household.id == Person.household_id).where(~Person.deleted, ~Household.deleted)


def _in_chunks(s: Session, model: Any, column: Any, keys: set[str], narrow: Any = None) -> list[Any]:
    found = []
    for chunk in _chunks(sorted(keys)):
        q = select(model).where(column.in_(chunk))
        found += s.scalars(narrow(q) if narrow else q).all()
    return found


def _chunks(keys: list[str]) -> Iterable[list[str]]:
    return (keys[i:i + CHUNK] for i in range(0, len(keys), CHUNK))


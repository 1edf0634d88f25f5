"""Applying a checked sheet: a backup (or, for a small sheet, an undo journal kept in the same transaction —
gridapp.sync.journal), then everything in one transaction (the new grids first), or nothing.

The plan is decided again inside the transaction, so what is written matches the database at that moment.
New households and people are inserted in bulk (households.insert_registered); changes to registered ones go
through the ORM so the flush hook stamps and audits them. Cancelling raises gridapp.progress.Cancelled at the
next progress report, inside the transaction, which rolls everything back.

The bulk inserts bypass the flush hook's check, so the import checks the user itself: the ``import``
permission (and ``edit_grid`` to create grids), and every grid written to inside the user's scope — the
sheet's before the backup, and the decided households' (a registered household may lie elsewhere) before
anything is written.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridapp import access
from gridapp.dto import Actor
from gridapp.excel.import_mapping import remember_mapping
from gridapp.excel.import_plan import HouseholdPlan, ImportPlan, decide, summarize
from gridapp.excel.import_reader import collector_paused
from gridapp.excel.import_result import CREATED, UPDATED, ImportResult, NewGrid
from gridapp.models import AuditEntry, GridNode, Household, Person, PersonTag, new_id
from gridapp.progress import Progress
from gridapp.services.common import live
from gridapp.services.grid import add_node
from gridapp.services.households import insert_registered
from gridapp.sync.journal import Journal, journals

BATCH = 2000


@collector_paused()
def apply(ws: Any, plan: ImportPlan, actor: Actor, progress: Progress | None = None) -> ImportResult:
    """Back the database up (a big sheet) or journal what changes (a small one), then write the plan in one
    transaction; returns what was done."""
    new_grids = plan.new_grids if plan.options.create_grids else []
    _require_import(actor, new_grids)
    new_ids = {g.id for g in new_grids}
    sheet_grids = {h.grid_id for h in plan.households if h.grid_id and h.valid_rows} | {g.parent_id for g in new_grids}
    with ws.read() as s:
        _refuse_outside_scope(s, actor, sheet_grids - new_ids)
    keep_journal = journals(ws, _touched(plan))
    backup = str(ws.backup("before-import")) if ws.db_file is not None and not keep_journal else None
    source = {"import": Path(plan.sheet.path).name, "sheet": plan.sheet.name}
    with ws.write(actor) as tx:
        journal = Journal.start(tx.session.connection(), "excel", f"{source['import']}（{source['sheet']}）",
                                actor.name, backup or "", keep_journal)
        journal.watch(tx.session)
        journal.seal_at_commit(tx.session)  # after the monitoring's colours, which follow the writes
        for grid in new_grids:  # a parent may be a new grid itself, made (and flushed) just before
            add_node(tx.session, live(tx.session, GridNode, grid.parent_id, "上级网格"), grid.name, node_id=grid.id)
            tx.session.flush()
        plans = decide(tx.session, plan, planned=False)
        _refuse_outside_scope(tx.session, actor, {p.existing.grid_id if p.existing else p.values["grid_id"]
                                                  for p in plans if p.outcome in (CREATED, UPDATED)})
        result = summarize(plan, plans, applied=True, backup=backup)
        _Writer(tx, source, progress or Progress(), journal).write(plans)
        remember_mapping(tx.session, plan.mapping)
        if result.changes_anything:
            tx.session.add(AuditEntry(user_name=actor.name, action="import", table_name=Person.__tablename__,
                                      record_id="", detail={**source, "backup": backup,
                                                            "households": asdict(result.households),
                                                            "persons": asdict(result.persons)}))
    result.changes, result.import_id = tx.changes, journal.import_id
    return result


def _touched(plan: ImportPlan) -> int:
    """About how many rows the import writes (the dry run's count of people and households)."""
    r = plan.result
    return r.households.created + r.households.updated + r.persons.created + r.persons.updated + len(plan.new_grids)


def _require_import(actor: Actor, new_grids: list[NewGrid]) -> None:
    """Refuse (Forbidden) a user who may not import, or not create the grids the sheet names."""
    access.require(actor, "import")
    if new_grids and not access.can(actor, "edit_grid"):
        raise access.Forbidden(f"表中有{len(new_grids)}个网格还不存在（如“{new_grids[0].name}”），新建网格需要"
                               f"“{access.permissions()['edit_grid']}”的权限，{actor.name}（{actor.role}）没有。"
                               "请不勾选“新建这些网格”（这些行不导入），或请管理员先建好网格。")


def _refuse_outside_scope(s: Session, actor: Actor, grid_ids: set[str]) -> None:
    """Refuse (Forbidden) an import writing into a grid outside the user's scope, naming the grids."""
    scope = access.scope_path(s, actor)
    if scope is None or not grid_ids:
        return
    rows = s.execute(select(GridNode.name, GridNode.path).where(GridNode.id.in_(sorted(grid_ids))))
    outside = sorted({name for name, path in rows if not access.in_scope(scope, path)})
    if outside:
        raise access.Forbidden(f"{actor.name}只能导入自己工作范围内的住户，表中的这些网格（或已登记住户所在的网格）"
                               f"不在范围内：{'、'.join(outside[:5])}{'等' if len(outside) > 5 else ''}。"
                               "请删去这些行后再导入，或请管理员导入。")


class _Writer:
    def __init__(self, tx: Any, source: dict[str, str], progress: Progress, journal: Journal) -> None:
        self.tx = tx
        self.journal = journal
        self.source = source
        self.progress = progress
        self.households: list[dict[str, Any]] = []
        self.people: list[dict[str, Any]] = []
        self.tags: list[dict[str, Any]] = []
        self.updates: list[tuple[Any, dict[str, Any]]] = []

    def write(self, plans: list[HouseholdPlan]) -> None:
        for plan in plans:
            self._collect(plan)
        total = len(self.households) + len(self.people) + len(self.tags) + len(self.updates)
        done = 0
        self.progress.report(done, total)
        for model, rows in ((Household, self.households), (Person, self.people), (PersonTag, self.tags)):
            for start in range(0, len(rows), BATCH):
                batch = rows[start:start + BATCH]
                self.journal.capture(self.tx.session.connection(), model.__tablename__, [r["id"] for r in batch])
                insert_registered(self.tx, model, batch, self.source)
                done += len(batch)
                self.progress.report(done, total)
        for start in range(0, len(self.updates), BATCH):
            for record, changes in self.updates[start:start + BATCH]:
                for column, value in changes.items():
                    setattr(record, column, value)
            self.tx.session.flush()
            done += len(self.updates[start:start + BATCH])
            self.progress.report(done, total)

    def _collect(self, plan: HouseholdPlan) -> None:
        outcome = plan.outcome
        if outcome not in (CREATED, UPDATED):
            return
        if plan.existing is None:
            household_id = new_id()
            self.households.append({**plan.values, "id": household_id})
        else:
            household_id = plan.existing.id
            if plan.changes:
                self.updates.append((plan.existing, plan.changes))
        order = plan.next_order
        for person in plan.people:
            if person.outcome == CREATED:
                person_id = new_id()
                self.people.append({**person.row.values, "id": person_id, "household_id": household_id,
                                    "sort_order": order})
                order += 1
            elif person.outcome == UPDATED:
                person_id = person.existing.id
                self.updates.append((person.existing, person.changes))
            else:
                continue
            self.tags += [{"id": new_id(), "person_id": person_id, "category": category, "details": {}}
                          for category in person.new_tags]

"""``ws.imports``: the recent imports and undoing one.

A small import keeps an undo journal (gridapp.sync.journal) and is undone here row for row, in one transaction;
a big one was backed up as a whole file first, and is undone by restoring that backup (``ws.backups.restore``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from gridapp import access
from gridapp.changes import Changes, Outcome, Table
from gridapp.dto import Actor, ImportRow
from gridapp.errors import NotFound, RuleViolation
from gridapp.imports.undo import SHOWN, journal_of, put_back
from gridapp.models import ImportRecord
from gridapp.models.base import utcnow
from gridapp.services.audit import add_entry

KINDS = {"sync": "同步包", "excel": "Excel"}
PERMISSIONS = {"sync": "sync", "excel": "import"}  # who may undo an import: who may do it
UNDO = "import_undo"  # the audit action
RECENT = 20


class ImportService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def recent(self, actor: Actor, limit: int = RECENT) -> list[ImportRow]:
        """The latest imports the actor may undo (their kind's permission), newest first, undone ones too."""
        kinds = [k for k, perm in PERMISSIONS.items() if access.can(actor, perm)]
        with self.ws.read() as s:
            records = s.scalars(select(ImportRecord).where(ImportRecord.kind.in_(kinds))
                                .order_by(ImportRecord.at.desc()).limit(limit))
            return [_row(r) for r in records]

    def undo(self, actor: Actor, import_id: str) -> Outcome:
        """Put back every row the import wrote as it was before, in one transaction, or refuse saying why."""
        with self.ws.write(actor, "正在撤销导入") as tx:
            s = tx.session
            record = s.get(ImportRecord, import_id)
            if record is None:
                raise NotFound("找不到这次导入的记录。")
            access.require(actor, PERMISSIONS[record.kind])
            _refuse(record, actor)
            blocked, tables = put_back(s.connection(), journal_of(s.connection(), import_id))
            if blocked.changed:
                raise RuleViolation(f"不能撤销“{record.label}”：导入之后，{_names(blocked.changed)}又被修改过"
                                    f"（或又导入过别的数据）。逐行撤销会丢掉这些修改。{_backup_hint(record)}")
            if blocked.referring:
                raise RuleViolation(f"不能撤销“{record.label}”：导入之后新登记的{_names(blocked.referring)}"
                                    f"用到了这次导入的记录。请先删除或改正它们，再撤销。{_backup_hint(record)}")
            record.state, record.undone_at, record.undone_by = "undone", utcnow(), actor.name
            add_entry(s, actor.name, UNDO, "imports", record.id,
                      {"kind": record.kind, "label": record.label, "rows": record.rows})
            moved = {Table(t) for t in tables if t in {x.value for x in Table}}
            tx.stamp.tables.update(moved)
        return Outcome(tx.changes | Changes(frozenset(moved)), import_id)


def _refuse(record: ImportRecord, actor: Actor) -> None:
    if record.state == "undone":
        raise RuleViolation(f"“{record.label}”已经撤销过了，不能再撤销一次。")
    if not record.journaled:
        raise RuleViolation(f"“{record.label}”没有逐条留底（一次改动的记录很多，或是较早的导入），不能在这里撤销。"
                            f"{_backup_hint(record)}")
    if actor.scope_grid_id is not None and actor.name != record.user_name:
        raise access.Forbidden(f"“{record.label}”是{record.user_name}导入的。只能撤销自己的导入，"
                               "或请工作范围是全部网格的管理员撤销。")


def _names(described: list[str]) -> str:
    return "、".join(described[:SHOWN]) + ("等" if len(described) > SHOWN else "")


def _backup_hint(record: ImportRecord) -> str:
    if record.backup_path:
        return f"如果一定要回到导入前的样子，请在“设置 → 备份”里恢复导入前的备份（{record.backup_path}）。"
    return "如果一定要回到导入前的样子，请在“设置 → 备份”里恢复导入之前的一份备份（之后的修改也会一起退回）。"


def _row(r: ImportRecord) -> ImportRow:
    return ImportRow(r.id, r.kind, KINDS.get(r.kind, r.kind), r.label, r.user_name, r.at, r.state == "undone",
                     r.journaled, r.rows, r.backup_path)

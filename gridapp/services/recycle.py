"""The recycle bin (回收站): deleting sets a tombstone; restoring clears it. Nothing leaves the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from gridapp import access
from gridapp.changes import Outcome, Table
from gridapp.dto import Actor, DeletedItem
from gridapp.errors import NotFound, RuleViolation
from gridapp.models import GridNode, House, Household, Person, Place
from gridapp.services.common import in_subtree
from gridapp.services.households import refuse_duplicate
from gridapp.services.people_rules import is_head

KINDS: dict[str, tuple[type[Any], str]] = {
    "household": (Household, "住户"),
    "person": (Person, "人员"),
    "house": (House, "房屋"),
    "place": (Place, "场所"),
}


class RecycleBin:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def delete(self, actor: Actor, kind: str, record_id: str) -> Outcome:
        model, what = KINDS[kind]
        with self.ws.write(actor) as tx:
            obj = tx.session.get(model, record_id)
            if obj is None or obj.deleted:
                raise NotFound(f"找不到该{what}，可能已被删除。")
            if kind == "person" and is_head(obj.relation):
                others = tx.session.scalar(select(Person.id).where(
                    Person.household_id == obj.household_id, Person.id != obj.id, ~Person.deleted))
                if others:
                    raise RuleViolation(f"{obj.name}是户主，请先指定新户主再删除；或删除整户。")
            obj.deleted = True
        return Outcome(tx.changes, record_id)

    def restore(self, actor: Actor, kind: str, record_id: str) -> Outcome:
        model, what = KINDS[kind]
        with self.ws.write(actor) as tx:
            s = tx.session
            obj = s.get(model, record_id)
            if obj is None or not obj.deleted:
                raise NotFound(f"回收站里没有这个{what}。")
            if kind == "person":
                household = s.get(Household, obj.household_id)
                if household.deleted:
                    raise RuleViolation(f"{obj.name}所在的住户也在回收站里，请先恢复该住户。")
                if obj.id_number:
                    refuse_duplicate(s, obj.id_number, obj.id)
            if kind == "household":
                for member in s.scalars(select(Person).where(Person.household_id == obj.id, ~Person.deleted)):
                    if member.id_number:
                        refuse_duplicate(s, member.id_number, member.id)
            obj.deleted = False
        return Outcome(tx.changes, record_id)

    @staticmethod
    def kinds() -> list[tuple[str, str, Table]]:
        """(kind, title, table) of everything the bin holds — for pages that list or watch it."""
        return [(key, title, Table(model.__tablename__)) for key, (model, title) in KINDS.items()]

    def items(self, kind: str | None = None, limit: int = 1000) -> list[DeletedItem]:
        """Deleted records of the user's scope, newest first (ID numbers masked for a role that may not see
        them). A household's members show with the household, not one by one."""
        out: list[DeletedItem] = []
        with self.ws.read() as s:
            scope = access.read_scope(s, self.ws.user)
            for key, (model, what) in KINDS.items():
                if kind and key != kind:
                    continue
                q = select(model).where(model.deleted)
                if scope is not None:
                    q = _in_grids(q, model, select(GridNode.id).where(in_subtree(GridNode.path, scope)))
                for obj in s.scalars(q.order_by(model.updated_at.desc()).limit(limit)):
                    out.append(DeletedItem(key, obj.id, _title(key, obj), what,
                                           obj.updated_at))
        return access.shown(self.ws.user, sorted(out, key=lambda d: d.deleted_at, reverse=True))


def _in_grids(q: Select, model: Any, grids: Select) -> Select:
    """Records of ``model`` hanging under the grid nodes ``grids`` (a person by its household)."""
    if model is Person:
        return q.where(Person.household_id.in_(select(Household.id).where(Household.grid_id.in_(grids))))
    return q.where(model.grid_id.in_(grids))


def _title(kind: str, obj: Any) -> str:
    if kind == "household":
        return f"{obj.number or '(无户号)'} {obj.address}".strip()
    if kind == "person":
        return f"{obj.name} {obj.id_number}".strip()
    if kind == "house":
        return obj.address
    return obj.name

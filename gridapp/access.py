"""Who may do what, and where: roles as data (``resources/roles.json``) and each user's scope in the grid tree.

The core enforces both. A write is checked where every synced record passes anyway — the flush hook
(gridapp.db) — so no service can forget it: each table needs a permission, and each record must lie in the
acting user's subtree before and after the change. Reads are scoped by the queries (``ws.as_user``). The UI
only hides what a role cannot do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridapp import privacy
from gridapp.dto import Actor
from gridapp.errors import NotFound, UserError
from gridapp.models import (
    Attachment,
    Case,
    CaseLink,
    CaseStep,
    GridAssignment,
    GridNode,
    GridWorker,
    House,
    Household,
    MapPin,
    PartyCenter,
    PartyCenterLink,
    Person,
    PersonMove,
    PersonTag,
    Place,
    Visit,
)
from gridapp.resources import resource_path

ALL = "*"


class Forbidden(UserError):
    """The acting user's role or scope does not allow this; nothing was changed."""


class OutOfScope(Forbidden, NotFound):
    """A record or grid node outside the user's scope: refused, and to a page that shows it, like a record that
    is not there."""


OUTSIDE = "不在您的工作范围内"


@dataclass(frozen=True)
class Role:
    name: str
    permissions: frozenset[str]
    note: str

    def allows(self, permission: str) -> bool:
        return ALL in self.permissions or permission in self.permissions


@cache
def _document() -> dict[str, Any]:
    return json.loads(resource_path("roles.json").read_text(encoding="utf-8"))


@cache
def permissions() -> dict[str, str]:
    """Every permission with its Chinese description, in table order."""
    return dict(_document()["permissions"])


@cache
def roles() -> tuple[Role, ...]:
    known = permissions()
    found = []
    for raw in _document()["roles"]:
        unknown = set(raw["permissions"]) - set(known) - {ALL}
        if unknown:
            raise ValueError(f"roles.json: unknown permissions {sorted(unknown)} for {raw['name']}")
        found.append(Role(raw["name"], frozenset(raw["permissions"]), raw.get("note", "")))
    return tuple(found)


def role(name: str) -> Role | None:
    return next((r for r in roles() if r.name == name), None)


def can(actor: Actor, permission: str) -> bool:
    found = role(actor.role)
    return found is not None and found.allows(permission)


def require(actor: Actor, permission: str, *alternatives: str) -> None:
    """Refuse (Forbidden, in Chinese) unless the actor's role has ``permission`` (or one of ``alternatives``)."""
    wanted = (permission, *alternatives)
    if not any(can(actor, p) for p in wanted):
        named = "”或“".join(permissions()[p] for p in wanted)
        raise Forbidden(f"{actor.name}（{actor.role or '无角色'}）没有“{named}”的权限。如确需办理，请找本单位管理员。")


# -- scope ------------------------------------------------------------------------------------------------------

def scope_path(s: Session, actor: Actor) -> str | None:
    """The path of the actor's scope node ("/…/"), or None for the whole tree."""
    if actor.scope_grid_id is None:
        return None
    path = s.scalar(select(GridNode.path).where(GridNode.id == actor.scope_grid_id))
    if path is None:
        raise Forbidden(f"{actor.name}的工作范围（网格）已不存在，请找本单位管理员重新设置。")
    return path


def in_scope(scope: str | None, path: str | None) -> bool:
    """Whether a record under the node at ``path`` lies in the scope (None: everything)."""
    return scope is None or (path is not None and path.startswith(scope))


# -- reads: every query, search, ledger and export goes through these ----------------------------------------------

def read_scope(s: Session, actor: Actor) -> str | None:
    """The path of the subtree the actor may read (None: everything, without a query)."""
    require(actor, "read")
    return scope_path(s, actor)


def subtree(s: Session, actor: Actor, node_id: str | None) -> str | None:
    """The path of the subtree a read covers: node ``node_id``'s, which must lie in the actor's scope, or for
    None the actor's own scope (None again: the whole tree)."""
    return scoped_node(s, actor, node_id).path if node_id else read_scope(s, actor)


def scoped_node(s: Session, actor: Actor, node_id: str | None) -> GridNode:
    """The live node ``node_id``, refused (OutOfScope) outside the actor's scope."""
    scope = read_scope(s, actor)
    node = s.get(GridNode, node_id) if node_id else None
    if node is None or node.deleted:
        raise NotFound("找不到该网格，可能已被删除。")
    if not in_scope(scope, node.path):
        raise OutOfScope(f"网格“{node.name}”{OUTSIDE}。")
    return node


def check_record(s: Session, actor: Actor, grid_id: str | None, what: str) -> None:
    """Refuse (OutOfScope) to show one record of grid ``grid_id`` outside the actor's scope."""
    scope = read_scope(s, actor)
    if scope is not None:
        check_path(scope, _node_path(s, grid_id), what)


def check_path(scope: str | None, path: str | None, what: str) -> None:
    """Refuse (OutOfScope) a record under the node at ``path`` outside ``scope``."""
    if not in_scope(scope, path):
        raise OutOfScope(f"这个{what}{OUTSIDE}。")


def sees_private(actor: Actor) -> bool:
    return can(actor, "read_private")


def shown(actor: Actor, value: Any) -> Any:
    """``value`` (DTOs) as the actor may see it: ID numbers and phones masked without ``read_private``."""
    return value if sees_private(actor) else privacy.masked(value)


# What each synced table needs (a tuple: any one of them); records of a table not listed here are written only
# by set-up and sync. A case's records are written by registering it and by handling it; the case service asks
# for the one its use case needs.
CASE_WRITE = ("register_cases", "handle_cases")
TABLE_PERMISSION: dict[type, tuple[str, ...] | str] = {
    Household: "edit_households", Person: "edit_households", PersonTag: "edit_households",
    PersonMove: "edit_households", House: "edit_premises", Place: "edit_premises", Visit: "record_visits",
    Case: CASE_WRITE, CaseStep: CASE_WRITE, CaseLink: CASE_WRITE, Attachment: CASE_WRITE,
    GridNode: "edit_grid", GridWorker: "edit_grid", GridAssignment: "edit_grid", PartyCenter: "edit_grid",
    PartyCenterLink: "edit_grid", MapPin: ("edit_households", "edit_premises"),
}
# Who may write an attachment, by its owner's kind (a case's otherwise).
ATTACHMENT_PERMISSION = {"visit": "record_visits", "grid": "edit_grid"}


def check_write(s: Session, actor: Actor, obj: Any, scope: str | None, before: dict[str, Any]) -> None:
    """The flush hook's check of one new or changed record: the table's permission, and the record's place in
    the tree inside the actor's scope — as it was (``before``: changed columns' old values) and as it will be."""
    permission = TABLE_PERMISSION.get(type(obj))
    if isinstance(obj, Attachment):
        permission = ATTACHMENT_PERMISSION.get(obj.owner_kind, permission)
    if permission is not None:
        require(actor, *((permission,) if isinstance(permission, str) else permission))
    if scope is None:
        return
    for grid_path in (_grid_path(s, obj, {}), _grid_path(s, obj, before) if before else None):
        if grid_path is not None and not in_scope(scope, grid_path):
            raise Forbidden(f"{actor.name}只能修改自己工作范围内的记录，这条记录不在范围内。")


def _grid_path(s: Session, obj: Any, old: dict[str, Any]) -> str | None:
    """The path of the grid node a record hangs under (with ``old`` column values taken instead of the new)."""
    def value(name: str) -> Any:
        return old.get(name, getattr(obj, name))

    if isinstance(obj, GridNode):
        return value("path")
    if isinstance(obj, GridWorker):
        return None  # a worker's posts (GridAssignment) carry the grid
    if isinstance(obj, Person | PartyCenter):
        return _household_path(s, value("household_id"))
    if isinstance(obj, PersonTag):
        person = s.get(Person, value("person_id"))
        return _household_path(s, person.household_id) if person else None
    if isinstance(obj, PersonMove):
        return _node_path(s, value("to_grid_id"))
    if isinstance(obj, CaseStep | CaseLink):
        case = s.get(Case, value("case_id"))
        return _node_path(s, case.grid_id) if case else None
    if isinstance(obj, Attachment):
        if value("owner_kind") == "grid":
            return _node_path(s, value("owner_id"))
        if value("owner_kind") == "visit":
            visit = s.get(Visit, value("owner_id"))
            return _node_path(s, visit.grid_id) if visit else None
        step = s.get(CaseStep, value("owner_id"))
        case = s.get(Case, step.case_id) if step else None
        return _node_path(s, case.grid_id) if case else None
    if isinstance(obj, PartyCenterLink):
        center = s.get(PartyCenter, value("center_id"))
        return _household_path(s, center.household_id) if center else None
    return _node_path(s, value("grid_id"))


def _household_path(s: Session, household_id: str | None) -> str | None:
    household = s.get(Household, household_id) if household_id else None
    return _node_path(s, household.grid_id) if household else None


def _node_path(s: Session, grid_id: str | None) -> str | None:
    node = s.get(GridNode, grid_id) if grid_id else None
    return node.path if node else None

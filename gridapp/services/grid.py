"""The grid tree: create, edit, move (never into its own subtree), merge and retire nodes; workers and the
党员中心户 with the households each one looks after."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from gridapp import codes
from gridapp.changes import Outcome
from gridapp.dto import Actor
from gridapp.errors import NotFound, RuleViolation
from gridapp.models import (
    GridAssignment,
    GridNode,
    GridWorker,
    House,
    Household,
    PartyCenter,
    PartyCenterLink,
    Person,
    Place,
    new_id,
)
from gridapp.services.common import apply_fields, in_subtree, live
from gridapp.services.people_rules import HEAD

MAX_LEVEL = 5
EDITABLE = {
    "name", "kind", "code", "boundary_east", "boundary_south", "boundary_west", "boundary_north",
    "head_name", "head_phone", "party_org", "notes", "sort_order",
}
# Records that belong to a grid node directly; merging moves them, retiring requires none.
CONTENT = ((Household, "户"), (House, "处房屋"), (Place, "个场所"))
PARTY_MEMBER = ("中共党员", "中共预备党员")


class GridService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def create(self, actor: Actor, parent_id: str | None, name: str, *, continue_code: bool = False,
               **fields: Any) -> Outcome:
        """A new node under ``parent_id`` (a root for None); with ``continue_code`` and no ``code`` its code is the
        parent's followed by the next free two digits."""
        with self.ws.write(actor) as tx:
            s = tx.session
            parent = live(s, GridNode, parent_id, "上级网格") if parent_id else None
            if continue_code and parent is not None and "code" not in fields:
                fields["code"] = next_child_code(s, parent)
            node = add_node(s, parent, name, **fields)
        return Outcome(tx.changes, node.id)

    def update(self, actor: Actor, node_id: str, version: str | None = None, **fields: Any) -> Outcome:
        """Change a node's details; ``version`` is the one its form read (see gridapp.services.versions)."""
        if "name" in fields:
            fields["name"] = _clean_name(fields["name"])
        if "kind" in fields:
            _check_kind(fields["kind"])
        with self.ws.write(actor) as tx:
            node = live(tx.session, GridNode, node_id, "网格", version)
            apply_fields(node, fields, EDITABLE)
        return Outcome(tx.changes, node_id)

    def rename(self, actor: Actor, node_id: str, name: str) -> Outcome:
        return self.update(actor, node_id, name=name)

    def move(self, actor: Actor, node_id: str, new_parent_id: str) -> Outcome:
        """Re-hang a node (and its subtree) under another parent; levels follow the new depth."""
        with self.ws.write(actor) as tx:
            s = tx.session
            node = live(s, GridNode, node_id, "网格")
            parent = live(s, GridNode, new_parent_id, "目标网格")
            if parent.path.startswith(node.path):
                raise RuleViolation(f"不能把“{node.name}”移到它自己或它的下级“{parent.name}”之下。")
            if parent.retired:
                raise RuleViolation(f"“{parent.name}”已撤销，不能接收下级网格。")
            shift = parent.level + 1 - node.level
            deepest = s.scalar(select(func.max(GridNode.level)).where(in_subtree(GridNode.path, node.path)))
            if deepest + shift > MAX_LEVEL:
                raise RuleViolation(f"移动后“{node.name}”的下级将超过微网格这一最末级，无法移动。")
            _rehang(s, node, parent)
        return Outcome(tx.changes, node_id)

    def merge(self, actor: Actor, source_id: str, target_id: str) -> Outcome:
        """Fold ``source`` into ``target``: its children, households, houses, places and workers move over,
        then the emptied source is retired."""
        with self.ws.write(actor) as tx:
            s = tx.session
            source = live(s, GridNode, source_id, "网格")
            target = live(s, GridNode, target_id, "目标网格")
            if source.id == target.id or target.path.startswith(source.path):
                raise RuleViolation(f"不能把“{source.name}”合并到它自己或它的下级。")
            if source.level != target.level:
                raise RuleViolation(
                    f"只能合并同一级的网格：“{source.name}”是{_level_label(source.level)}，"
                    f"“{target.name}”是{_level_label(target.level)}。"
                )
            for child in s.scalars(select(GridNode).where(GridNode.parent_id == source.id, ~GridNode.deleted)):
                _rehang(s, child, target)
            for model, _ in CONTENT:
                for obj in s.scalars(select(model).where(model.grid_id == source.id, ~model.deleted)):
                    obj.grid_id = target.id
            for a in s.scalars(select(GridAssignment).where(GridAssignment.grid_id == source.id,
                                                            ~GridAssignment.deleted)):
                a.grid_id = target.id
            source.retired = True
            source.notes = (source.notes + f"\n已并入“{target.name}”。").strip()
        return Outcome(tx.changes, target_id)

    def retire(self, actor: Actor, node_id: str) -> Outcome:
        """Retire (撤销) a node that holds nothing any more; otherwise say what is still there."""
        with self.ws.write(actor) as tx:
            s = tx.session
            node = live(s, GridNode, node_id, "网格")
            left = []
            children = s.scalar(select(func.count()).where(GridNode.parent_id == node.id, ~GridNode.deleted,
                                                           ~GridNode.retired))
            if children:
                left.append(f"{children}个下级网格")
            for model, unit in CONTENT:
                n = s.scalar(select(func.count()).where(model.grid_id == node.id, ~model.deleted))
                if n:
                    left.append(f"{n}{unit}")
            if left:
                raise RuleViolation(
                    f"“{node.name}”下还有{'、'.join(left)}，不能撤销。请先把它们移到其他网格，或把本网格合并到其他网格。"
                )
            node.retired = True
        return Outcome(tx.changes, node_id)

    # -- workers ----------------------------------------------------------------------------------------------

    def add_worker(self, actor: Actor, grid_id: str, name: str, role: str = "网格员", **fields: Any) -> Outcome:
        name = _clean_name(name)
        if codes.match("worker_role", role) is None:
            raise RuleViolation(f"角色“{role}”无效，应为：{'、'.join(codes.labels('worker_role'))}。")
        with self.ws.write(actor) as tx:
            s = tx.session
            live(s, GridNode, grid_id, "网格")
            worker = GridWorker(name=name)
            apply_fields(worker, fields, {"sex", "phone", "kind", "department", "party_member", "notes"})
            s.add(worker)
            s.flush()
            s.add(GridAssignment(worker_id=worker.id, grid_id=grid_id, role=role))
        return Outcome(tx.changes, worker.id)

    def remove_worker(self, actor: Actor, grid_id: str, worker_id: str) -> Outcome:
        with self.ws.write(actor) as tx:
            for a in tx.session.scalars(select(GridAssignment).where(GridAssignment.grid_id == grid_id,
                                                                     GridAssignment.worker_id == worker_id,
                                                                     ~GridAssignment.deleted)):
                a.deleted = True
        return Outcome(tx.changes, worker_id)

    # -- 党员中心户 ---------------------------------------------------------------------------------------------

    def add_party_center(self, actor: Actor, household_id: str, member_id: str | None = None,
                         notes: str = "") -> Outcome:
        """Make a household a 党员中心户; without ``member_id`` its first party member is the contact."""
        with self.ws.write(actor) as tx:
            s = tx.session
            household = live(s, Household, household_id, "住户")
            if _center_of(s, household.id) is not None:
                raise RuleViolation(f"{_household_label(s, household)}已是党员中心户。")
            serving = _serving_center(s, household.id)
            if serving is not None:
                raise RuleViolation(
                    f"{_household_label(s, household)}正由党员中心户{_center_label(s, serving)}联系，"
                    "请先从那里移除，再设为中心户。"
                )
            member = _party_member(s, household, member_id)
            center = PartyCenter(household_id=household.id, member_id=member.id, notes=notes.strip())
            s.add(center)
            s.flush()
        return Outcome(tx.changes, center.id)

    def remove_party_center(self, actor: Actor, center_id: str) -> Outcome:
        """End a 党员中心户; the households it looked after become free for another one."""
        with self.ws.write(actor) as tx:
            s = tx.session
            center = live(s, PartyCenter, center_id, "党员中心户")
            for link in _links(s, center.id):
                link.deleted = True
            center.deleted = True
        return Outcome(tx.changes, center_id)

    def link_household(self, actor: Actor, center_id: str, household_id: str) -> Outcome:
        """Add a household to those a 党员中心户 looks after; a household has one such center at a time."""
        return self.link_households(actor, center_id, [household_id])

    def link_households(self, actor: Actor, center_id: str, household_ids: list[str]) -> Outcome:
        """Add households to those a 党员中心户 looks after, all or none; ``Outcome.id`` is the last link."""
        with self.ws.write(actor) as tx:
            s = tx.session
            center = live(s, PartyCenter, center_id, "党员中心户")
            for household_id in household_ids:
                link = _link(s, center, live(s, Household, household_id, "住户"))
        return Outcome(tx.changes, link.id if household_ids else None)

    def unlink_household(self, actor: Actor, center_id: str, household_id: str) -> Outcome:
        with self.ws.write(actor) as tx:
            links = [x for x in _links(tx.session, center_id) if x.household_id == household_id]
            if not links:
                raise NotFound("该户不在这个党员中心户的联系户中，可能已被移除。")
            for link in links:
                link.deleted = True
        return Outcome(tx.changes, household_id)


def add_node(s: Any, parent: GridNode | None, name: str, node_id: str | None = None, **fields: Any) -> GridNode:
    """A new node one level below ``parent`` inside the caller's transaction (set-up and the Excel import make
    theirs this way); a root takes ``level`` from ``fields`` (default 1, the county)."""
    name = _clean_name(name)
    _check_kind(fields.get("kind", "综合网格"))
    level = parent.level + 1 if parent else fields.pop("level", 1)
    if level > MAX_LEVEL:
        raise RuleViolation("微网格是最末一级，不能再往下建立网格。")
    node_id = node_id or new_id()
    node = GridNode(id=node_id, parent_id=parent.id if parent else None, level=level, name=name,
                    path=(parent.path if parent else "/") + node_id + "/")
    apply_fields(node, fields, EDITABLE)
    s.add(node)
    return node


def next_child_code(s: Any, parent: GridNode) -> str:
    """The parent's code followed by two digits, one more than the highest child code so far (retired and
    deleted children included, so a code is never handed out twice); "" when the parent has no code."""
    if not parent.code:
        return ""
    width = len(parent.code) + 2
    taken = [code[-2:] for code in s.scalars(select(GridNode.code).where(GridNode.parent_id == parent.id))
             if len(code) == width and code.startswith(parent.code) and code[-2:].isdigit()]
    number = max((int(suffix) for suffix in taken), default=0) + 1
    if number > 99:
        raise RuleViolation(f"“{parent.name}”下的两位编号已用到99，无法自动编号。请手工填写网格代码。")
    return f"{parent.code}{number:02d}"


def _link(s: Any, center: PartyCenter, household: Household) -> PartyCenterLink:
    """Link one household to a center; a household has one center at a time and is never its own."""
    label = _household_label(s, household)
    if household.id == center.household_id:
        raise RuleViolation(f"{label}就是这个党员中心户本身，不用再添加为联系户。")
    if _center_of(s, household.id) is not None:
        raise RuleViolation(f"{label}本身是党员中心户，不能再作为别的中心户的联系户。")
    serving = _serving_center(s, household.id)
    if serving is not None:
        where = "这个中心户" if serving.id == center.id else f"党员中心户{_center_label(s, serving)}"
        raise RuleViolation(f"{label}已由{where}联系。一户只能由一个党员中心户联系。")
    link = PartyCenterLink(center_id=center.id, household_id=household.id)
    s.add(link)
    s.flush()
    return link


def _check_kind(kind: str) -> None:
    if codes.match("grid_kind", kind) is None:
        raise RuleViolation(f"网格类型“{kind}”无效，应为：{'、'.join(codes.labels('grid_kind'))}。")


def _links(s: Any, center_id: str) -> list[PartyCenterLink]:
    return list(s.scalars(select(PartyCenterLink).where(PartyCenterLink.center_id == center_id,
                                                        ~PartyCenterLink.deleted)))


def _center_of(s: Any, household_id: str) -> PartyCenter | None:
    """The live 党员中心户 that this household is."""
    return s.scalars(select(PartyCenter).where(PartyCenter.household_id == household_id,
                                               ~PartyCenter.deleted)).first()


def _serving_center(s: Any, household_id: str) -> PartyCenter | None:
    """The live 党员中心户 (whose own household still exists) that looks after this household."""
    return s.scalars(
        select(PartyCenter).join(PartyCenterLink, PartyCenterLink.center_id == PartyCenter.id)
        .join(Household, Household.id == PartyCenter.household_id)
        .where(PartyCenterLink.household_id == household_id, ~PartyCenterLink.deleted, ~PartyCenter.deleted,
               ~Household.deleted)
    ).first()


def _party_member(s: Any, household: Household, member_id: str | None) -> Person:
    """The contact member: the one asked for, or the household's first party member."""
    label = _household_label(s, household)
    if member_id:
        member = live(s, Person, member_id, "人员")
        if member.household_id != household.id:
            raise RuleViolation(f"{member.name}不是{label}的成员。")
        if member.political_status not in PARTY_MEMBER:
            raise RuleViolation(f"{member.name}的政治面貌不是党员，不能作为党员中心户的党员。")
        return member
    member = s.scalars(select(Person).where(Person.household_id == household.id, ~Person.deleted,
                                            Person.political_status.in_(PARTY_MEMBER))
                       .order_by(Person.sort_order)).first()
    if member is None:
        raise RuleViolation(f"{label}没有党员，不能设为党员中心户。如有党员，请先在住户页填写其政治面貌。")
    return member


def _household_label(s: Any, household: Household) -> str:
    """“0012号 张三户” — how people name a household."""
    head = s.scalar(select(Person.name).where(Person.household_id == household.id, Person.relation == HEAD,
                                              ~Person.deleted))
    parts = [part for part in (f"{household.number}号" if household.number else "", head) if part]
    return f"“{' '.join(parts)}户”" if parts else "该户"


def _center_label(s: Any, center: PartyCenter) -> str:
    return _household_label(s, s.get(Household, center.household_id))


def _rehang(s: Any, node: GridNode, parent: GridNode) -> None:
    old_prefix, new_prefix = node.path, parent.path + node.id + "/"
    shift = parent.level + 1 - node.level
    for sub in s.scalars(select(GridNode).where(in_subtree(GridNode.path, old_prefix))):
        sub.path = new_prefix + sub.path[len(old_prefix):]
        sub.level += shift
    node.parent_id = parent.id


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise RuleViolation("名称不能为空。")
    if len(name) > 100:
        raise RuleViolation("名称太长（最多100个字）。")
    return name


def _level_label(level: int) -> str:
    return codes.label_of("grid_level", str(level)) or f"第{level}级"


"""The audit log as a person reads it (the 日志 page, ``gridapp audit``): entries newest first, filtered by user,
local day, kind and record, each with its action and table in Chinese and a few words naming the record.

Reading the log needs ``audit``. A user with a scope sees the entries about records in their subtree (a
person through their household, a case step through its case …) and everything done by the users whose own
scope lies in it (their log-ins, prints, imports); one SQL query, so the limit counts only what is shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select, union
from sqlalchemy.orm import Session

from gridapp import access
from gridapp.dto import AuditFilter, AuditRow
from gridapp.models import (
    Attachment,
    AuditEntry,
    Base,
    Case,
    CaseLink,
    CaseStep,
    GridAssignment,
    GridNode,
    House,
    Household,
    PartyCenter,
    PartyCenterLink,
    Person,
    PersonMove,
    PersonTag,
    Place,
    User,
    Visit,
)
from gridapp.queries.common import HEAD, QueryBase, group_label
from gridapp.services.common import in_subtree
from gridapp.table_labels import label, title

# Every action the program logs, in the order a filter lists them.
KINDS = {
    "create": "新增", "update": "修改", "delete": "删除", "restore": "恢复",
    "login": "登录", "login_failed": "登录失败", "logout": "退出登录", "set_password": "设置密码",
    "add_user": "新建用户", "reset_password": "重设密码", "disable_user": "停用用户", "enable_user": "启用用户",
    "view": "查看个人信息", "ledger": "打印/导出台账", "export": "导出", "import": "Excel导入",
    "sync_export": "导出同步包", "sync_import": "导入同步包", "import_undo": "撤销导入", "sync_resolved": "处理同步冲突",
    "sync_merged": "合并重复人员", "sync_dismissed": "确认不是重复人员", "set_passphrase": "设置同步口令",
    "settings": "修改设置", "demo": "生成演示数据",
}
# A record named through the record it belongs to: table -> (column, that record's table).
PARENTS = {
    "persons": ("household_id", "households"), "person_tags": ("person_id", "persons"),
    "person_moves": ("person_id", "persons"), "party_centers": ("household_id", "households"),
    "party_center_links": ("household_id", "households"), "case_steps": ("case_id", "cases"),
    "case_links": ("case_id", "cases"), "grid_assignments": ("grid_id", "grid_nodes"),
}
CHUNK = 500


class AuditQueries(QueryBase):
    def audit_entries(self, flt: AuditFilter, limit: int = 1000) -> list[AuditRow]:
        """The entries ``flt`` asks for that ``ws.user`` may see, newest first, at most ``limit``."""
        actor = self.ws.user
        access.require(actor, "audit")
        with self.ws.read() as s:
            query = select(AuditEntry).where(*_filters(s, flt)).order_by(AuditEntry.id.desc()).limit(limit)
            scope = access.scope_path(s, actor)
            if scope is not None:
                query = query.where(_in_scope(scope))
            entries = s.scalars(query).all()
            names = _record_labels(s, [(e.table_name, e.record_id) for e in entries if e.record_id])
            return [AuditRow(e.id, e.at, e.user_name, e.action, KINDS.get(e.action, e.action), e.table_name,
                             label(e.table_name) if e.table_name else "", e.record_id,
                             names.get((e.table_name, e.record_id), ""), dict(e.detail or {}))
                    for e in entries]

    def audit_kinds(self) -> list[tuple[str, str]]:
        """(action, Chinese label) of everything the log records, for a filter's choices."""
        return list(KINDS.items())


def _filters(s: Session, flt: AuditFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if flt.user_name:
        found.append(AuditEntry.user_name.in_(_names_of(s, flt.user_name.strip())))
    if flt.kind:
        found.append(AuditEntry.action == flt.kind)
    if flt.record_id:
        found.append(AuditEntry.record_id == flt.record_id)
    if flt.date_from:
        found.append(AuditEntry.at >= _utc(flt.date_from))
    if flt.date_to:
        found.append(AuditEntry.at < _utc(flt.date_to + timedelta(days=1)))
    return found


def _names_of(s: Session, name: str) -> set[str]:
    """A user as the log names them: log-ins by user name, everything else by the name shown (王丽)."""
    accounts = s.execute(select(User.username, User.display_name)
                         .where(or_(User.username == name, User.display_name == name))).all()
    return {name, *(n for account in accounts for n in account if n)}


def _utc(day: date) -> datetime:
    """The start of a local calendar day as stored (naive UTC)."""
    return datetime.combine(day, time()).astimezone(UTC).replace(tzinfo=None)


def _in_scope(scope: str) -> ColumnElement[bool]:
    """Entries about a record in the subtree at ``scope``, or made by a user whose scope lies in it."""
    nodes = select(GridNode.id).where(in_subtree(GridNode.path, scope))
    households = select(Household.id).where(Household.grid_id.in_(nodes))
    persons = select(Person.id).where(Person.household_id.in_(households))
    cases = select(Case.id).where(Case.grid_id.in_(nodes))
    steps = select(CaseStep.id).where(CaseStep.case_id.in_(cases))
    visits = select(Visit.id).where(Visit.grid_id.in_(nodes))
    centers = select(PartyCenter.id).where(PartyCenter.household_id.in_(households))
    users = select(User.id).where(User.scope_grid_id.in_(nodes))
    records: dict[str, Select[Any]] = {
        "grid_nodes": nodes, "households": households, "persons": persons, "cases": cases, "case_steps": steps,
        "visits": visits, "party_centers": centers, "users": users,
        "person_tags": select(PersonTag.id).where(PersonTag.person_id.in_(persons)),
        "person_moves": select(PersonMove.id).where(PersonMove.to_grid_id.in_(nodes) | PersonMove.from_grid_id.in_(nodes)),
        "houses": select(House.id).where(House.grid_id.in_(nodes)),
        "places": select(Place.id).where(Place.grid_id.in_(nodes)),
        "case_links": select(CaseLink.id).where(CaseLink.case_id.in_(cases)),
        "attachments": select(Attachment.id).where(Attachment.owner_id.in_(union(steps, visits))),
        "party_center_links": select(PartyCenterLink.id).where(PartyCenterLink.center_id.in_(centers)),
        "grid_assignments": select(GridAssignment.id).where(GridAssignment.grid_id.in_(nodes)),
        "grid_workers": select(GridAssignment.worker_id).where(GridAssignment.grid_id.in_(nodes)),
    }
    scoped_users = User.scope_grid_id.in_(nodes)
    people = union(select(User.username).where(scoped_users), select(User.display_name).where(scoped_users))
    return or_(AuditEntry.user_name.in_(people),
               *(and_(AuditEntry.table_name == name, AuditEntry.record_id.in_(ids)) for name, ids in records.items()))


# -- naming the records ---------------------------------------------------------------------------------------------

def _record_labels(s: Session, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(table, id) -> the words naming that record, with the record it belongs to ("张三（0012号 张三户）")."""
    rows: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    todo: dict[str, set[str]] = defaultdict(set)
    for name, record_id in wanted:
        if name in Base.metadata.tables and "id" in Base.metadata.tables[name].c:
            todo[name].add(record_id)
    while todo:  # each round loads the records the previous one belongs to
        parents: dict[str, set[str]] = defaultdict(set)
        for name, ids in todo.items():
            loaded = _load(s, name, ids - rows[name].keys())
            rows[name].update(loaded)
            if name in PARENTS:
                column, parent = PARENTS[name]
                parents[parent].update(r[column] for r in loaded.values() if r[column])
        todo = {name: ids - rows[name].keys() for name, ids in parents.items() if ids - rows[name].keys()}
    heads = _heads(s, rows["households"].keys())

    def named(name: str, record_id: str) -> str:
        row = rows[name].get(record_id)
        if row is None:
            return ""
        own = _own_words(name, row, heads)
        if name not in PARENTS:
            return own
        column, parent = PARENTS[name]
        above = named(parent, row[column]) if row[column] else ""
        if name == "persons":
            return f"{own}（{above}）" if above else own
        return " ".join(filter(None, (above, own)))

    return {(name, record_id): named(name, record_id) for name, record_id in wanted}


def _own_words(name: str, row: dict[str, Any], heads: dict[str, str]) -> str:
    if name == "households":
        head = heads.get(row["id"], "")
        number = f"{row['number']}号" if row["number"] else ""
        return " ".join(filter(None, (number, f"{head}户" if head else row["address"]))) or label(name)
    if name == "users":
        return f"{row['display_name']}（{row['username']}）"
    if name == "person_tags":
        return group_label(row["category"])
    if name == "cases":
        return f"{row['number']} {row['title']}"
    if name == "case_steps":
        return row["action"]
    if name == "visits":
        return f"{row['visited_on']} {row['kind']}（{row['worker_name']}）"
    if name in ("person_moves", "party_centers", "party_center_links", "case_links", "grid_assignments"):
        return label(name)
    return title(name, row)


def _load(s: Session, name: str, ids: set[str]) -> dict[str, dict[str, Any]]:
    table = Base.metadata.tables[name]
    found: dict[str, dict[str, Any]] = {}
    keys = sorted(ids)
    for start in range(0, len(keys), CHUNK):
        query = select(table).where(table.c.id.in_(keys[start:start + CHUNK]))
        found.update((str(r["id"]), dict(r)) for r in s.execute(query).mappings())  # sync_* ids are numbers
    return found


def _heads(s: Session, household_ids: Iterable[str]) -> dict[str, str]:
    """The name of each household's head (户主), whose name a household is known by."""
    keys = sorted(household_ids)
    found: dict[str, str] = {}
    for start in range(0, len(keys), CHUNK):
        found.update(s.execute(select(Person.household_id, Person.name).where(
            Person.household_id.in_(keys[start:start + CHUNK]), Person.relation == HEAD)
            .order_by(Person.deleted.desc())).all())  # a live head's name wins over a removed one's
    return found

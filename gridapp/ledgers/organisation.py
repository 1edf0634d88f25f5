"""Ledgers of the grid's own people: 网格员花名册 and 党员中心户联系台账."""

from __future__ import annotations

from sqlalchemy import select

from gridapp.ledgers.fields import attr, count, field, numbered
from gridapp.ledgers.model import Section
from gridapp.ledgers.scope import Scope
from gridapp.models import GridAssignment, GridNode, GridWorker

ROLE_ORDER = {"网格长": 0, "网格指导员": 1, "网格员": 2}


def workers(scope: Scope, title: str = "") -> list[Section]:
    """Everyone with a role in a node of the subtree; a worker serving two grids is listed twice."""
    with scope.ws.read() as s:
        rows = s.execute(
            select(GridWorker, GridAssignment.role, GridAssignment.grid_id)
            .join(GridAssignment, GridAssignment.worker_id == GridWorker.id)
            .join(GridNode, GridNode.id == GridAssignment.grid_id)
            .where(scope.subtree(), ~GridAssignment.deleted, ~GridWorker.deleted)
        ).all()
    rows = sorted(rows, key=lambda r: (scope.rank[r.grid_id], ROLE_ORDER.get(r.role, len(ROLE_ORDER)), r[0].name))
    fields = (
        field("姓名", 18, lambda r: r[0].name, "center"),
        field("性别", 9, lambda r: r[0].sex, "center"),
        field("网格职务", 20, lambda r: r.role, "center"),
        field("类别", 12, lambda r: r[0].kind, "center"),
        field("所属网格", 26, lambda r: scope.labels[r.grid_id]),
        field("联系电话", 25, lambda r: r[0].phone),
        field("政治面貌", 16, lambda r: "中共党员" if r[0].party_member else "群众", "center"),
        field("工作单位/部门", 32, lambda r: r[0].department),
        field("备注", 30, lambda r: r[0].notes),
    )
    return [numbered(title, fields, rows)]


def party_centers(scope: Scope, title: str = "") -> list[Section]:
    centers = scope.ws.query.party_centers(scope.node.id)
    fields = (
        field("党员中心户", 30, lambda c: f"{c.household.number} {c.household.head_name}".strip()),
        attr("中心户党员", 18, "member_name", "center"),
        attr("所属网格", 24, "grid_name"),
        count("联系户数", 14, lambda c: len(c.served)),
        field("联系户（户号 户主）", 90, lambda c: "、".join(f"{h.number} {h.head_name}" for h in c.served)),
        field("住址", 36, lambda c: c.household.address),
        attr("备注", 30, "notes"),
    )
    return [numbered(title, fields, centers)]

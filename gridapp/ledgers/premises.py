"""Ledgers of premises: 出租房屋台账 (with who rents them) and 重点场所台账."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from gridapp import codes
from gridapp.ledgers.fields import attr, count, field, numbered, period
from gridapp.ledgers.model import Section
from gridapp.ledgers.scope import Scope
from gridapp.models import GridNode, House, Household, Person, Place
from gridapp.queries.common import HEAD, LIVE_PERSON

RISK_ORDER = {"高": 0, "中": 1, "低": 2}


def rented_houses(scope: Scope) -> list[Section]:
    with scope.ws.read() as s:
        houses = s.scalars(
            select(House).join(GridNode, GridNode.id == House.grid_id)
            .where(scope.subtree(), ~House.deleted, House.use == "出租")
        ).all()
        tenants = _tenants(s, scope)
    houses = sorted(houses, key=lambda h: (scope.rank[h.grid_id], h.address, h.id))
    fields = (
        attr("房屋地址", 34, "address"),
        attr("房主姓名", 15, "owner_name", "center"),
        attr("房主身份证号", 34, "owner_id_number"),
        attr("房主电话", 22, "owner_phone"),
        attr("结构", 11, "structure", "center"),
        field("面积㎡", 13, lambda h: f"{h.area:g}" if h.area is not None else "", "right"),
        attr("出租用途", 14, "rent_purpose", "center"),
        field("租赁期限", 24, lambda h: period(h.rent_start, h.rent_end), "center"),
        field("承租户（户主·人数）", 36, lambda h: "、".join(tenants.get(h.id, ()))),
        count("租住人数", 12, lambda h: h.tenant_count),
        attr("安全等级", 26, "safety_rating", "center"),
        field("所属网格", 30, lambda h: scope.labels[h.grid_id]),
    )
    return [numbered("", fields, houses)]


def key_places(scope: Scope) -> list[Section]:
    with scope.ws.read() as s:
        places = s.scalars(
            select(Place).join(GridNode, GridNode.id == Place.grid_id).where(scope.subtree(), ~Place.deleted)
        ).all()
    types = {label: i for i, label in enumerate(codes.labels("place_type"))}
    places = sorted(places, key=lambda p: (RISK_ORDER.get(p.risk_level, 3), types.get(p.type, len(types)),
                                           scope.rank[p.grid_id], p.name))
    fields = (
        attr("场所名称", 42, "name"),
        attr("类型", 16, "type", "center"),
        attr("地址", 40, "address"),
        attr("负责人", 16, "contact_name", "center"),
        attr("联系电话", 24, "contact_phone"),
        attr("证照号码", 38, "licence_no"),
        attr("风险等级", 14, "risk_level", "center"),
        field("所属网格", 30, lambda p: scope.labels[p.grid_id]),
        attr("备注", 30, "notes"),
    )
    return [numbered("", fields, places)]


def _tenants(s: Any, scope: Scope) -> dict[str, list[str]]:
    """House id -> the households living there, each as "户主·N人"."""
    head = (select(Person.name).where(Person.household_id == Household.id, Person.relation == HEAD,
                                      ~Person.deleted).limit(1).scalar_subquery())
    size = (select(func.count(Person.id)).where(Person.household_id == Household.id, *LIVE_PERSON)
            .scalar_subquery())
    rows = s.execute(
        select(Household.house_id, func.coalesce(head, ""), size)
        .join(House, House.id == Household.house_id).join(GridNode, GridNode.id == House.grid_id)
        .where(scope.subtree(), ~Household.deleted, House.use == "出租")
        .order_by(Household.number, Household.id)
    ).all()
    tenants: dict[str, list[str]] = {}
    for house_id, head_name, members in rows:
        tenants.setdefault(house_id, []).append(f"{head_name or '（未登记户主）'}·{members}人")
    return tenants

"""Queries over places (场所) and houses (实有房屋)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from gridapp import codes
from gridapp.dto import HouseRow, HouseView, PlaceDetail, PlaceView
from gridapp.models import GridNode, House, Household, Place
from gridapp.queries.common import QueryBase, live_node, path_names
from gridapp.services.common import live, within


class PremisesQueries(QueryBase):
    def houses(self, scope_id: str | None, use: str | None = None,
               safety_rating: str | None = None) -> list[HouseRow]:
        """Houses in a subtree (None: the user's scope) by address, each with how many live households live
        there (one query)."""
        living = (select(func.count(Household.id)).where(Household.house_id == House.id, ~Household.deleted)
                  .scalar_subquery())
        with self.ws.read() as s:
            q = _in_scope(select(House, living), House, self._subtree(s, scope_id))
            q = _coded(q, House.use, "house_use", use)
            q = _coded(q, House.safety_rating, "safety_rating", safety_rating)
            rows = s.execute(q.order_by(House.address, House.id)).all()
        return self._shown([HouseRow(h.id, h.grid_id, h.address, h.use, h.structure, h.safety_rating,
                                     h.owner_name, h.owner_phone, count) for h, count in rows])

    def house(self, house_id: str) -> HouseView:
        with self.ws.read() as s:
            h = live(s, House, house_id, "房屋")
            self._check(s, h.grid_id, "房屋")
            living = list(s.scalars(select(Household.id).where(Household.house_id == h.id, ~Household.deleted)
                                    .order_by(Household.number, Household.id)))
            return self._shown(HouseView(
                h.id, h.grid_id, path_names(s, live_node(s, h.grid_id)), h.address, h.use, h.structure, h.area,
                h.floors, h.safety_rating, h.owner_name, h.owner_phone, h.owner_id_number, h.rent_purpose,
                h.rent_start, h.rent_end, h.tenant_count, h.notes, tuple(self.household_rows(living)), h.hlc,
            ))

    def places(self, scope_id: str | None, type: str | None = None,
               risk_level: str | None = None) -> list[PlaceView]:
        """Places in a subtree (None: the user's scope) by name, optionally of one type or risk level."""
        with self.ws.read() as s:
            q = _in_scope(select(Place), Place, self._subtree(s, scope_id))
            q = _coded(q, Place.type, "place_type", type)
            q = _coded(q, Place.risk_level, "risk_level", risk_level)
            rows = s.scalars(q.order_by(Place.name, Place.id)).all()
        return self._shown([PlaceView(p.id, p.grid_id, p.name, p.type, p.address, p.contact_name,
                                      p.contact_phone, p.risk_level) for p in rows])

    def place(self, place_id: str) -> PlaceDetail:
        with self.ws.read() as s:
            p = live(s, Place, place_id, "场所")
            self._check(s, p.grid_id, "场所")
            return self._shown(PlaceDetail(p.id, p.grid_id, path_names(s, live_node(s, p.grid_id)), p.name,
                                           p.type, p.address, p.contact_name, p.contact_phone, p.licence_no,
                                           p.risk_level, p.notes, p.hlc))


def _in_scope(q: Select, model: Any, path: str | None) -> Select:
    return q.join(GridNode, GridNode.id == model.grid_id).where(*within(path), ~model.deleted)


def _coded(q: Select, column: Any, table: str, value: str | None) -> Select:
    """Filter on a code-table column; "D", "D级" and "D级（危房）" all mean the same entry."""
    if not value:
        return q
    item = codes.match(table, value)
    return q.where(column == (item.label if item else value))


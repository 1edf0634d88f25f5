"""Queries over places (场所) and houses (实有房屋).

The lists are read as plain columns, never as ORM objects, and the pages read them in two steps, as the
household list does: the ids of a subtree in display order (filtered and sorted in SQL), then the rows of one
page of ids — so a county's 56,000 houses open as fast as a village's few hundred."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from gridapp import codes
from gridapp.dto import HouseRow, HouseView, PlaceDetail, PlaceView
from gridapp.models import GridNode, House, Household, Place
from gridapp.queries.common import QueryBase, live_node, path_names
from gridapp.services.common import live, within


@dataclass(frozen=True)
class Listing:
    """What a premises list reads: ``columns`` in the order of the row DTO's fields, the sort keys a page may
    ask for, the code-table filters (keyword → column and code table) and the order of the unsorted list."""

    model: Any
    row: type
    columns: tuple[Any, ...]
    sorts: dict[str, Any]
    filters: dict[str, tuple[Any, str]]
    order: tuple[Any, ...]


_LIVING = (select(func.count(Household.id)).where(Household.house_id == House.id, ~Household.deleted)
           .scalar_subquery())  # how many live households live in the house
HOUSES = Listing(
    House, HouseRow,
    (House.id, House.grid_id, House.address, House.use, House.structure, House.safety_rating, House.owner_name,
     House.owner_phone, _LIVING),
    {"address": House.address, "use": House.use, "structure": House.structure,
     "safety_rating": House.safety_rating, "owner_name": House.owner_name, "owner_phone": House.owner_phone,
     "household_count": _LIVING},
    {"use": (House.use, "house_use"), "safety_rating": (House.safety_rating, "safety_rating")},
    (House.address, House.id),
)
PLACES = Listing(
    Place, PlaceView,
    (Place.id, Place.grid_id, Place.name, Place.type, Place.address, Place.contact_name, Place.contact_phone,
     Place.risk_level),
    {"name": Place.name, "type": Place.type, "address": Place.address, "contact_name": Place.contact_name,
     "contact_phone": Place.contact_phone, "risk_level": Place.risk_level},
    {"type": (Place.type, "place_type"), "risk_level": (Place.risk_level, "risk_level")},
    (Place.name, Place.id),
)


class PremisesQueries(QueryBase):
    def houses(self, scope_id: str | None, use: str | None = None,
               safety_rating: str | None = None) -> list[HouseRow]:
        """Houses in a subtree (None: the user's scope) by address, each with how many live households live
        there (one query; for one grid's houses — the list pages read ``house_ids`` and ``house_rows``)."""
        return self._all(HOUSES, scope_id, use=use, safety_rating=safety_rating)

    def house_ids(self, scope_id: str | None, use: str | None = None, safety_rating: str | None = None,
                  sort: str = "address", descending: bool = False) -> list[str]:
        """Ids of the houses in a subtree (None: the user's scope), filtered and sorted by ``sort`` (a key of
        ``HOUSES.sorts``; ties by address) — cheap enough for a whole county."""
        return self._ids(HOUSES, scope_id, sort, descending, use=use, safety_rating=safety_rating)

    def house_rows(self, ids: Sequence[str]) -> list[HouseRow]:
        """The rows of the given houses in the user's scope, in the order of ``ids`` (gone ones left out)."""
        return self._rows(HOUSES, ids)

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
        return self._all(PLACES, scope_id, type=type, risk_level=risk_level)

    def place_ids(self, scope_id: str | None, type: str | None = None, risk_level: str | None = None,
                  sort: str = "name", descending: bool = False) -> list[str]:
        """Ids of the places in a subtree, filtered and sorted by ``sort`` (a key of ``PLACES.sorts``; ties by
        name)."""
        return self._ids(PLACES, scope_id, sort, descending, type=type, risk_level=risk_level)

    def place_rows(self, ids: Sequence[str]) -> list[PlaceView]:
        """The rows of the given places in the user's scope, in the order of ``ids`` (gone ones left out)."""
        return self._rows(PLACES, ids)

    def place(self, place_id: str) -> PlaceDetail:
        with self.ws.read() as s:
            p = live(s, Place, place_id, "场所")
            self._check(s, p.grid_id, "场所")
            return self._shown(PlaceDetail(p.id, p.grid_id, path_names(s, live_node(s, p.grid_id)), p.name,
                                           p.type, p.address, p.contact_name, p.contact_phone, p.licence_no,
                                           p.risk_level, p.notes, p.hlc))

    # -- the two lists' shared reading -------------------------------------------------------------------------

    def _filtered(self, s: Session, listing: Listing, q: Select, scope_id: str | None,
                  filters: dict[str, str | None]) -> Select:
        q = _in_scope(q, listing.model, self._subtree(s, scope_id))
        for key, value in filters.items():
            column, table = listing.filters[key]
            q = _coded(q, column, table, value)
        return q

    def _all(self, listing: Listing, scope_id: str | None, **filters: str | None) -> list[Any]:
        with self.ws.read() as s:
            q = self._filtered(s, listing, select(*listing.columns), scope_id, filters)
            rows = s.execute(q.order_by(*listing.order)).all()
        return self._shown([listing.row(*r) for r in rows])

    def _ids(self, listing: Listing, scope_id: str | None, sort: str, descending: bool,
             **filters: str | None) -> list[str]:
        column = listing.sorts[sort]
        with self.ws.read() as s:
            q = self._filtered(s, listing, select(listing.model.id), scope_id, filters)
            return list(s.scalars(q.order_by(column.desc() if descending else column.asc(), *listing.order)))

    def _rows(self, listing: Listing, ids: Sequence[str]) -> list[Any]:
        if not ids:
            return []
        with self.ws.read() as s:
            q = _in_scope(select(*listing.columns), listing.model, self._scope(s))
            by_id = {r[0]: listing.row(*r) for r in s.execute(q.where(listing.model.id.in_(ids)))}
        return self._shown([by_id[i] for i in ids if i in by_id])


def _in_scope(q: Select, model: Any, path: str | None) -> Select:
    return q.join(GridNode, GridNode.id == model.grid_id).where(*within(path), ~model.deleted)


def _coded(q: Select, column: Any, table: str, value: str | None) -> Select:
    """Filter on a code-table column; "D", "D级" and "D级（危房）" all mean the same entry."""
    if not value:
        return q
    item = codes.match(table, value)
    return q.where(column == (item.label if item else value))

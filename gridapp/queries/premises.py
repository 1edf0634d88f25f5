"""Queries over places (场所) and houses (实有房屋)."""

from __future__ import annotations

from sqlalchemy import select

from gridapp.dto import PlaceView
from gridapp.models import GridNode, Place
from gridapp.queries.common import QueryBase, live_node
from gridapp.services.common import in_subtree


class PremisesQueries(QueryBase):
    def places(self, scope_id: str) -> list[PlaceView]:
        """Places in a subtree, by name."""
        with self.ws.read() as s:
            rows = s.scalars(
                select(Place).join(GridNode, GridNode.id == Place.grid_id)
                .where(in_subtree(GridNode.path, live_node(s, scope_id).path), ~Place.deleted).order_by(Place.name)
            ).all()
        return [PlaceView(p.id, p.grid_id, p.name, p.type, p.address, p.contact_name, p.contact_phone,
                          p.risk_level) for p in rows]

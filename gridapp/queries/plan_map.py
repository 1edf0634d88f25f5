"""The plan map of a grid node as the map page and the booklet draw it: picture, pins, what is still missing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from gridapp.cases.plan_picture import size_of
from gridapp.dto import MapPinView, MapTarget, PlanMapView, PlanPicture
from gridapp.models import Attachment, GridNode, House, Household, MapPin, Place
from gridapp.queries.common import QueryBase, live_node
from gridapp.queries.grid import _brief_columns
from gridapp.services.cases import attachment_store
from gridapp.services.common import in_subtree


class PlanMapQueries(QueryBase):
    def plan_map(self, node_id: str) -> PlanMapView:
        """Pins of records no longer in the node's subtree (moved away, deleted) are left out; a record pinned
        twice by two offices shows once, where it was placed last."""
        with self.ws.read() as s:
            path = self._subtree(s, node_id)
            node = live_node(s, node_id)
            targets = _targets(s, path)
            pins: dict[tuple[str, str], MapPinView] = {}
            rows = s.scalars(select(MapPin).where(MapPin.grid_id == node.id, ~MapPin.deleted)
                             .order_by(MapPin.hlc)).all()
            for pin in rows:
                target = targets.get((pin.target_kind, pin.target_id))
                if target is not None:
                    pins[(pin.target_kind, pin.target_id)] = MapPinView(pin.id, target, pin.x, pin.y, pin.hlc)
            picture = self._picture(s, node.plan_attachment_id)
        households = [t for t in targets.values() if t.kind == "household"]
        return PlanMapView(
            node.id, node.name, picture, tuple(pins.values()),
            tuple(t for key, t in targets.items() if key not in pins),
            sum(1 for t in households if (t.kind, t.id) in pins), len(households),
        )

    def _picture(self, s: Any, attachment_id: str | None) -> PlanPicture | None:
        attachment = s.get(Attachment, attachment_id) if attachment_id else None
        if attachment is None or attachment.deleted:
            return None
        path = attachment_store(self.ws).path(attachment.sha256)
        if not path.is_file():
            return PlanPicture(path, attachment.filename, 0, 0)
        return PlanPicture(path, attachment.filename, *size_of(path))


def _targets(s: Any, path: str | None) -> dict[tuple[str, str], MapTarget]:
    """The live households (by number), houses and places (by address, name) of the subtree at ``path``."""
    found: dict[tuple[str, str], MapTarget] = {}
    households = s.execute(
        select(*_brief_columns(Household), Household.colour).join(GridNode, GridNode.id == Household.grid_id)
        .where(in_subtree(GridNode.path, path), ~Household.deleted).order_by(Household.number, Household.id)
    ).all()
    for hid, number, head, address, colour in households:
        label = f"{number}号 {head}户" if head else f"{number}号 {address}"
        found[("household", hid)] = MapTarget("household", hid, label, colour)
    for kind, model, label in (("house", House, House.address), ("place", Place, Place.name)):
        rows = s.execute(select(model.id, label).join(GridNode, GridNode.id == model.grid_id)
                         .where(in_subtree(GridNode.path, path), ~model.deleted).order_by(label, model.id)).all()
        for rid, text in rows:
            found[(kind, rid)] = MapTarget(kind, rid, text)
    return found

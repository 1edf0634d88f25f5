"""The grid plan map (电子地图): a node's plan picture and the households, houses and places pinned on it.

The picture is an attachment of the node (owner_kind "grid"), so its bytes are stored once, kept in a server
database, and carried by sync packages like any photo. Setting the picture needs ``edit_grid``; pinning a
household needs ``edit_households`` and a house or place ``edit_premises`` — the grid worker who knows where
each household lives places it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridapp import access
from gridapp.cases.plan_picture import fit
from gridapp.changes import Outcome
from gridapp.dto import Actor
from gridapp.errors import RuleViolation
from gridapp.models import Attachment, GridNode, House, Household, MapPin, Place
from gridapp.services.cases import attachment_store
from gridapp.services.common import live

GRID_OWNER = "grid"
# kind -> (model, what it is called, the permission that places it)
TARGETS: dict[str, tuple[type, str, str]] = {
    "household": (Household, "住户", "edit_households"),
    "house": (House, "房屋", "edit_premises"),
    "place": (Place, "场所", "edit_premises"),
}


class PlanMapService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def set_picture(self, actor: Actor, node_id: str, data: bytes, filename: str) -> Outcome:
        """Make ``data`` (PNG/JPEG, downscaled when large) the node's plan picture; pins keep their places."""
        access.require(actor, "edit_grid")
        picture = fit(data)
        store = attachment_store(self.ws)
        with self.ws.write(actor) as tx:
            node = live(tx.session, GridNode, node_id, "网格")
            _drop_picture(tx.session, node)
            attachment = Attachment(sha256=store.put(picture.data), filename=Path(filename).name or "平面图",
                                    mime=picture.mime, size=len(picture.data), owner_kind=GRID_OWNER,
                                    owner_id=node.id)
            tx.session.add(attachment)
            tx.session.flush()
            node.plan_attachment_id = attachment.id
        return Outcome(tx.changes, attachment.id)

    def clear_picture(self, actor: Actor, node_id: str) -> Outcome:
        access.require(actor, "edit_grid")
        with self.ws.write(actor) as tx:
            node = live(tx.session, GridNode, node_id, "网格")
            _drop_picture(tx.session, node)
            node.plan_attachment_id = None
        return Outcome(tx.changes, node_id)

    def place(self, actor: Actor, node_id: str, kind: str, target_id: str, x: float, y: float) -> Outcome:
        """Pin a record of the node's subtree at (x, y), fractions of the picture; a record already on this
        map moves there instead (one pin per record and map)."""
        model, what, permission = _target_kind(kind)
        access.require(actor, permission)
        with self.ws.write(actor) as tx:
            s = tx.session
            node = live(s, GridNode, node_id, "网格")
            if node.plan_attachment_id is None:
                raise RuleViolation(f"“{node.name}”还没有平面图，请先设置平面图再上图。")
            target = live(s, model, target_id, what)
            target_path = s.scalar(select(GridNode.path).where(GridNode.id == target.grid_id))
            if not access.in_scope(node.path, target_path):
                raise RuleViolation(f"这个{what}不属于“{node.name}”，不能放到它的平面图上。")
            pin = s.scalars(select(MapPin).where(MapPin.grid_id == node.id, MapPin.target_kind == kind,
                                                 MapPin.target_id == target_id, ~MapPin.deleted)).first()
            if pin is None:
                pin = MapPin(grid_id=node.id, target_kind=kind, target_id=target_id, x=0.0, y=0.0)
                s.add(pin)
            pin.x, pin.y = _fraction(x), _fraction(y)
            s.flush()
        return Outcome(tx.changes, pin.id)

    def move(self, actor: Actor, pin_id: str, x: float, y: float) -> Outcome:
        with self.ws.write(actor) as tx:
            pin = self._pin(tx.session, actor, pin_id)
            pin.x, pin.y = _fraction(x), _fraction(y)
        return Outcome(tx.changes, pin_id)

    def remove(self, actor: Actor, pin_id: str) -> Outcome:
        """Take a pin off the map (the record itself stays); it is listed as not yet on the map again."""
        with self.ws.write(actor) as tx:
            self._pin(tx.session, actor, pin_id).deleted = True
        return Outcome(tx.changes, pin_id)

    @staticmethod
    def _pin(s: Session, actor: Actor, pin_id: str) -> MapPin:
        pin = live(s, MapPin, pin_id, "图钉")
        access.require(actor, TARGETS[pin.target_kind][2] if pin.target_kind in TARGETS else "edit_grid")
        return pin


def _drop_picture(s: Session, node: GridNode) -> None:
    """The node's old picture record goes (its file stays in the store: another record may share it)."""
    if node.plan_attachment_id:
        old = s.get(Attachment, node.plan_attachment_id)
        if old is not None:
            old.deleted = True


def _target_kind(kind: str) -> tuple[type, str, str]:
    if kind not in TARGETS:
        raise RuleViolation(f"平面图上只能放住户、房屋和场所，不能放“{kind}”。")
    return TARGETS[kind]


def _fraction(value: float) -> float:
    """A position on the picture, kept inside it."""
    return min(1.0, max(0.0, float(value)))

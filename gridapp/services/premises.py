"""实有房屋 and 场所: records that sit in a grid node and are edited as a whole form."""

from __future__ import annotations

from typing import Any, ClassVar

from gridapp import codes
from gridapp.changes import Outcome
from gridapp.dto import Actor
from gridapp.errors import RuleViolation
from gridapp.models import GridNode, House, Place
from gridapp.services.common import apply_fields, live


class _GridRecordService:
    """Create and update for a record that belongs to one grid node; subclasses name the model and rules."""

    model: type[Any]
    what: str
    title_field: str
    fields: ClassVar[set[str]]
    coded: ClassVar[dict[str, str]] = {}

    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def create(self, actor: Actor, grid_id: str, **fields: Any) -> Outcome:
        with self.ws.write(actor) as tx:
            obj = self.model(grid_id=grid_id)
            self._fill(tx.session, obj, grid_id, fields)
            tx.session.add(obj)
            tx.session.flush()
        return Outcome(tx.changes, obj.id)

    def update(self, actor: Actor, record_id: str, **fields: Any) -> Outcome:
        with self.ws.write(actor) as tx:
            obj = live(tx.session, self.model, record_id, self.what)
            self._fill(tx.session, obj, fields.pop("grid_id", obj.grid_id), fields)
        return Outcome(tx.changes, record_id)

    def _fill(self, s: Any, obj: Any, grid_id: str, fields: dict[str, Any]) -> None:
        grid = live(s, GridNode, grid_id, "网格")
        if grid.retired:
            raise RuleViolation(f"“{grid.name}”已撤销，不能再登记{self.what}。")
        obj.grid_id = grid.id
        title = (fields.get(self.title_field, getattr(obj, self.title_field, None)) or "").strip()
        if not title:
            raise RuleViolation(f"请填写{self.what}的{self._title_label()}。")
        fields[self.title_field] = title
        for key, table in self.coded.items():
            if fields.get(key):
                item = codes.match(table, fields[key])
                if item is None:
                    raise RuleViolation(f"“{fields[key]}”不是有效的选项，应为：{'、'.join(codes.labels(table))}。")
                fields[key] = item.label
        apply_fields(obj, fields, self.fields)

    def _title_label(self) -> str:
        return "地址" if self.title_field == "address" else "名称"


class HouseService(_GridRecordService):
    model = House
    what = "房屋"
    title_field = "address"
    fields: ClassVar[set[str]] = {
        "address", "use", "structure", "area", "floors", "safety_rating", "owner_name", "owner_phone",
        "owner_id_number", "rent_purpose", "rent_start", "rent_end", "tenant_count", "notes",
    }
    coded: ClassVar[dict[str, str]] = {"use": "house_use", "structure": "house_structure", "safety_rating": "safety_rating"}


class PlaceService(_GridRecordService):
    model = Place
    what = "场所"
    title_field = "name"
    fields: ClassVar[set[str]] = {"name", "type", "address", "contact_name", "contact_phone", "licence_no", "risk_level", "notes"}
    coded: ClassVar[dict[str, str]] = {"type": "place_type", "risk_level": "risk_level"}

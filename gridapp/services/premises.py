"""实有房屋 and 场所: records that sit in a grid node and are edited as a whole form.

Numbers and dates may arrive as typed text (forms, spreadsheets); the service reads them here, so every
caller gets the same checks and the same Chinese messages.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, ClassVar

from gridapp import codes, idnumber
from gridapp.changes import Outcome
from gridapp.dates import DateError, parse_date
from gridapp.dto import Actor
from gridapp.errors import RuleViolation
from gridapp.models import GridNode, House, Place
from gridapp.services.common import apply_fields, live

RENTED = "出租"  # the 用途 whose houses carry rent details


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

    def update(self, actor: Actor, record_id: str, version: str | None = None, **fields: Any) -> Outcome:
        """Save the form over the ``version`` it read (None: no check, see gridapp.services.versions)."""
        with self.ws.write(actor) as tx:
            obj = live(tx.session, self.model, record_id, self.what, version)
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
        self._convert(fields)
        apply_fields(obj, fields, self.fields)
        self._check(obj)

    def _convert(self, fields: dict[str, Any]) -> None:
        """Turn typed values into stored ones, refusing what cannot be read (subclass hook)."""

    def _check(self, obj: Any) -> None:
        """Rules across fields of the finished record (subclass hook); raising rolls everything back."""

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

    def _convert(self, fields: dict[str, Any]) -> None:
        for key, label, whole in (("area", "建筑面积", False), ("floors", "层数", True),
                                  ("tenant_count", "租住人数", True)):
            if key in fields:
                fields[key] = _number(fields[key], label, whole)
        for key, label in (("rent_start", "起租日期"), ("rent_end", "止租日期")):
            if key in fields:
                fields[key] = _date(fields[key], label)
        if fields.get("owner_id_number"):
            try:
                fields["owner_id_number"] = idnumber.parse(fields["owner_id_number"], self.ws.today()).number
            except idnumber.IdNumberError as exc:
                raise RuleViolation(f"房主身份证号码有误：{exc}。") from None

    def _check(self, house: House) -> None:
        if house.use != RENTED:  # rent details of a house no longer let would mislead the 出租房屋 ledger
            house.rent_purpose, house.rent_start, house.rent_end, house.tenant_count = "", None, None, None
        if house.rent_start and house.rent_end and house.rent_end < house.rent_start:
            raise RuleViolation(f"止租日期 {house.rent_end} 早于起租日期 {house.rent_start}，请核对。")


class PlaceService(_GridRecordService):
    model = Place
    what = "场所"
    title_field = "name"
    fields: ClassVar[set[str]] = {"name", "type", "address", "contact_name", "contact_phone", "licence_no", "risk_level", "notes"}
    coded: ClassVar[dict[str, str]] = {"type": "place_type", "risk_level": "risk_level"}


def _number(value: Any, label: str, whole: bool) -> float | int | None:
    """A non-negative number (a whole one for counts) from a number or typed text; blank means unknown."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise RuleViolation(f"{label}应填写数字，例如 {'2' if whole else '120.5'}。")
    if number < 0:
        raise RuleViolation(f"{label}不能小于 0。")
    if whole:
        if not number.is_integer():
            raise RuleViolation(f"{label}应为整数。")
        return int(number)
    return number


def _date(value: Any, label: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if not str(value).strip():
        return None
    try:
        return parse_date(str(value))
    except DateError as exc:
        raise RuleViolation(f"{label}：{exc}。") from None

"""The synced tables in the order they are applied, their Chinese labels, and how a row travels as JSON.

Every table whose model uses the ``Synced`` mixin travels; local bookkeeping (users, audit, settings, sync_*)
never does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table

from gridapp.models import Base, Synced

LABELS = {
    "grid_nodes": "网格", "grid_workers": "网格员", "grid_assignments": "网格员分工", "houses": "实有房屋",
    "households": "住户", "persons": "人员", "person_tags": "特殊人群标签", "person_moves": "迁移记录",
    "places": "场所", "party_centers": "党员中心户", "party_center_links": "联系户", "visits": "走访记录",
    "cases": "事件", "case_steps": "事件流程", "case_links": "事件关联", "attachments": "附件",
}
# Columns whose value is bookkeeping, not content: two versions differing only here are the same edit.
STAMP_COLUMNS = ("hlc", "office_id", "updated_at", "created_at")


def synced_tables() -> list[Table]:
    """Parents before children (the metadata's dependency order)."""
    names = {m.local_table.name for m in Base.registry.mappers if issubclass(m.class_, Synced)}
    return [t for t in Base.metadata.sorted_tables if t.name in names]


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def label(name: str) -> str:
    return LABELS.get(name, name)


def encode_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def encode_row(row: Any) -> list[Any]:
    return [encode_value(v) for v in row]


def decode_value(tbl: Table, column: str, value: Any) -> Any:
    parse = _parser(tbl, column)
    return parse(value) if parse is not None and isinstance(value, str) else value


def row_decoder(tbl: Table, columns: list[str]) -> Callable[[list[Any]], dict[str, Any]]:
    """Rows as they travel (ISO dates) back to Python values; columns this schema lacks are dropped.
    Built once per table: a county package has hundreds of thousands of rows."""
    plan = [(i, c, _parser(tbl, c)) for i, c in enumerate(columns) if c in tbl.c]

    def decode(values: list[Any]) -> dict[str, Any]:
        return {c: p(values[i]) if p is not None and isinstance(values[i], str) else values[i] for i, c, p in plan}

    return decode


def _parser(tbl: Table, column: str) -> Callable[[str], Any] | None:
    kind = tbl.c[column].type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    return None


def model(name: str) -> type[Synced]:
    """The ORM class of a synced table (for the writes that must be stamped, e.g. resolving a conflict)."""
    return next(m.class_ for m in Base.registry.mappers if m.local_table.name == name)


def title(name: str, values: dict[str, Any]) -> str:
    """A few words that let a person recognise a record in a list."""
    for key in ("name", "title", "number", "address", "category", "filename", "content"):
        if values.get(key):
            return str(values[key])[:40]
    return f"{label(name)} {values.get('id', '')[:8]}"


def content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in STAMP_COLUMNS}

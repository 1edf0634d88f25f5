"""The synced tables in the order they are applied, the Chinese names of their fields, and how a row travels
as JSON.

Every table whose model uses the ``Synced`` mixin travels; local bookkeeping (users, audit, settings, sync_*)
never does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Dialect,
    String,
    Table,
    cast,
    func,
    select,
)

from gridapp.models import Base, Synced
from gridapp.table_labels import label as label  # re-exported: the 同步 page names tables with it

# The content columns a conflict can show, in words a grid worker knows; any other column shows its own name.
FIELD_LABELS = {
    "name": "名称/姓名", "number": "编号", "kind": "类别", "address": "地址", "phone": "电话", "notes": "备注",
    "grid_id": "所属网格", "house_id": "房屋", "household_id": "所属住户", "colour": "监测颜色",
    "colour_reason": "颜色原因", "relation": "与户主关系", "id_number": "身份证号", "sex": "性别",
    "birth_date": "出生日期", "ethnicity": "民族", "political_status": "政治面貌", "education": "文化程度",
    "marital_status": "婚姻状况", "occupation": "职业", "employer": "工作单位", "residence_kind": "人口类别",
    "origin": "户籍地", "arrival_date": "来本地日期", "status": "状态", "sort_order": "排序", "deleted": "已删除",
    "parent_id": "上级网格", "level": "层级", "code": "编码", "boundary_east": "东至", "boundary_south": "南至",
    "boundary_west": "西至", "boundary_north": "北至", "head_name": "负责人", "head_phone": "负责人电话",
    "party_org": "党组织", "plan_attachment_id": "平面图", "x": "横向位置", "y": "纵向位置",
    "target_kind": "对象类别", "retired": "已撤销", "department": "部门",
    "party_member": "党员", "role": "职务", "use": "用途", "structure": "结构", "area": "面积", "floors": "层数",
    "safety_rating": "安全等级", "owner_name": "房主", "owner_phone": "房主电话", "owner_id_number": "房主身份证号",
    "rent_purpose": "出租用途", "rent_start": "租期开始", "rent_end": "租期结束", "tenant_count": "租住人数",
    "type": "类型", "contact_name": "联系人", "contact_phone": "联系电话", "licence_no": "证照号",
    "risk_level": "风险等级", "category": "类别", "details": "详情", "since": "开始日期", "until": "结束日期",
    "title": "标题", "description": "情况描述", "content": "内容", "findings": "发现问题", "follow_up": "后续跟进",
    "visited_on": "走访日期", "step": "环节", "urgency": "紧急程度", "deadline": "办理期限",
    "satisfaction": "满意度", "worker_id": "网格员", "person_id": "人员", "member_id": "党员", "center_id": "党员中心户",
    "case_id": "事件", "visit_id": "走访记录", "target_id": "对象", "from_household_id": "原住户",
    "to_household_id": "迁入住户", "from_grid_id": "原网格", "to_grid_id": "迁入网格", "moved_on": "迁移日期",
    "reason": "原因", "occurred_at": "发生时间",
}
# Tables of the records a polymorphic reference (visit and case-link targets, attachment owners) names.
KIND_TABLES = {"household": "households", "person": "persons", "place": "places", "house": "houses", "grid": "grid_nodes",
               "case_step": "case_steps", "visit": "visits"}
CHUNK = 500  # ids per IN (…) list, well under SQLite's limit on bound parameters
# Columns whose value is bookkeeping, not content: two versions differing only here are the same edit.
STAMP_COLUMNS = ("hlc", "office_id", "updated_at", "created_at")


def synced_tables() -> list[Table]:
    """Parents before children (the metadata's dependency order)."""
    names = {m.local_table.name for m in Base.registry.mappers if issubclass(m.class_, Synced)}
    return [t for t in Base.metadata.sorted_tables if t.name in names]


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def field_label(column: str) -> str:
    return FIELD_LABELS.get(column, column)


def referenced_table(tbl: Table, column: str, values: dict[str, Any]) -> str | None:
    """The table whose record ``column`` names in a row of ``tbl`` (None: the column is not a reference)."""
    foreign = next(iter(tbl.c[column].foreign_keys), None) if column in tbl.c else None
    if foreign is not None:
        return foreign.column.table.name
    if column in ("target_id", "owner_id"):
        return KIND_TABLES.get(values.get(column.replace("_id", "_kind"), ""))
    return None


def chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def load_rows(conn: Connection, tbl: Table, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The rows of ``tbl`` with these ids, by id: one query per chunk of ids."""
    out = {}
    for chunk in chunks(sorted(set(ids))):
        out.update({r["id"]: dict(r) for r in conn.execute(select(tbl).where(tbl.c.id.in_(chunk))).mappings()})
    return out


def encode_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def travelling_columns(tbl: Table) -> list[ColumnElement[Any]]:
    """The columns of ``tbl`` as a package carries them, converted by the database: dates and datetimes as
    ISO 8601 text (both SQLite and PostgreSQL render them as ``YYYY-MM-DD[ HH:MM:SS[.ffffff]]``; the space
    becomes ``T``), so a county's rows are not parsed into Python dates only to be printed again."""
    out: list[ColumnElement[Any]] = []
    for c in tbl.c:
        if isinstance(c.type, DateTime):
            out.append(func.replace(cast(c, String), " ", "T").label(c.name))
        elif isinstance(c.type, Date):
            out.append(cast(c, String).label(c.name))
        else:
            out.append(c)
    return out


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


def row_binder(tbl: Table, columns: list[str], dialect: Dialect) -> tuple[list[str], Callable[[list[Any]], tuple]]:
    """The columns this schema knows, and a function turning a travelling row into the values the driver
    binds for them (dates parsed, then each column type's own bind processing, as a Core insert would do)."""
    known = [(i, tbl.c[c]) for i, c in enumerate(columns) if c in tbl.c]
    at = [i for i, _ in known]
    steps = [(j, step) for j, (_, c) in enumerate(known) if (step := _bind_step(tbl, c, dialect)) is not None]

    def bind_row(values: list[Any]) -> tuple:
        out = [values[i] for i in at]
        for j, step in steps:
            if out[j] is not None:
                out[j] = step(out[j])
        return tuple(out)

    return [c.name for _, c in known], bind_row


def _bind_step(tbl: Table, column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    parse = _parser(tbl, column.name)
    bind = column.type.dialect_impl(dialect).bind_processor(dialect)
    if parse is None:
        return bind
    full = (lambda v: bind(parse(v) if isinstance(v, str) else v)) if bind else (
        lambda v: parse(v) if isinstance(v, str) else v)
    if dialect.name != "sqlite":
        return full
    # SQLite stores dates as the text SQLAlchemy formats, which is what travels (see travelling_columns) but
    # for the "T": a county's dates need not be parsed and formatted again
    if isinstance(column.type, DateTime):
        return lambda v: f"{v[:10]} {v[11:]}" if isinstance(v, str) and len(v) == 26 and v[10] == "T" else full(v)
    return lambda v: v if isinstance(v, str) and len(v) == 10 else full(v)


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


def content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in STAMP_COLUMNS}

"""A stand-in for the agreed audit-log reader (``ws.query.audit_entries``, ``ws.query.audit_kinds``,
``gridapp.dto.AuditFilter``/``AuditRow``) while the core's own is not on this branch yet. ``install()`` adds it
only where the real one is missing, so the same GUI tests run against the real reader once it lands; then this
file goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from gridapp import access, dto
from gridapp.models import AuditEntry
from gridapp.queries import Queries

KINDS = {"create": "新增", "update": "修改", "delete": "删除", "restore": "恢复", "login": "登录",
         "login_failed": "登录失败", "logout": "退出登录", "set_password": "设置密码", "add_user": "新建用户",
         "reset_password": "重设密码", "disable_user": "停用用户", "enable_user": "启用用户", "export": "导出"}
TABLES = {"households": "住户", "persons": "人员", "cases": "事件", "users": "用户", "audit_log": "日志"}


@dataclass(frozen=True)
class AuditFilter:
    user_name: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    record_id: str | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user_name: str
    action: str
    action_label: str
    table_name: str
    table_label: str
    record_id: str
    record_label: str
    detail: dict = field(default_factory=dict)


def audit_entries(self: Queries, flt: AuditFilter, limit: int = 1000) -> list[AuditRow]:
    access.require(self.ws.user, "audit")
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if flt.user_name:
        query = query.where(AuditEntry.user_name == flt.user_name)
    if flt.kind:
        query = query.where(AuditEntry.action == flt.kind)
    if flt.record_id:
        query = query.where(AuditEntry.record_id == flt.record_id)
    if flt.date_from:  # local days, as the user means them, against stored UTC
        query = query.where(AuditEntry.at >= _utc(flt.date_from))
    if flt.date_to:
        query = query.where(AuditEntry.at < _utc(flt.date_to + timedelta(days=1)))
    with self.ws.read() as s:
        return [AuditRow(e.id, e.at, e.user_name, e.action, KINDS.get(e.action, e.action), e.table_name,
                         TABLES.get(e.table_name, e.table_name), e.record_id, "", dict(e.detail or {}))
                for e in s.scalars(query)]


def audit_kinds(self: Queries) -> list[tuple[str, str]]:
    return list(KINDS.items())


def _utc(day: date) -> datetime:
    from datetime import UTC

    return datetime.combine(day, time()).astimezone(UTC).replace(tzinfo=None)


def install() -> None:
    for name, value in (("AuditFilter", AuditFilter), ("AuditRow", AuditRow)):
        if not hasattr(dto, name):
            setattr(dto, name, value)
    for name, value in (("audit_entries", audit_entries), ("audit_kinds", audit_kinds)):
        if not hasattr(Queries, name):
            setattr(Queries, name, value)

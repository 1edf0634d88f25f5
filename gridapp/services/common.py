"""Small helpers the services share: fetching live records and subtree ranges of the grid tree."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Text, and_, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from gridapp.errors import NotFound
from gridapp.models import GridNode, Synced
from gridapp.services.versions import guard

T = TypeVar("T", bound=Synced)


def live(session: Session, model: type[T], record_id: str | None, what: str, version: str | None = None) -> T:
    """The record, or NotFound with a message naming what was looked for. With the ``version`` a form read,
    a record saved since is refused (Conflict) and the record stays locked until this transaction ends."""
    if record_id and version is not None:
        guard(session, model, record_id, version)
    obj = session.get(model, record_id) if record_id else None
    if obj is None or obj.deleted:
        raise NotFound(f"找不到该{what}，可能已被删除。")
    return obj


def in_subtree(path_column: Any, path: str) -> ColumnElement[bool]:
    """Paths under ``path`` (itself included) as an index-friendly range: '/' + 1 == '0' sorts after '/'."""
    return and_(path_column >= path, path_column < path[:-1] + "0")


def within(path: str | None) -> tuple[ColumnElement[bool], ...]:
    """Conditions keeping the grid nodes (GridNode, joined) of the subtree at ``path``; none for None (the
    whole tree, as an unscoped user reads it)."""
    return (in_subtree(GridNode.path, path),) if path else ()


def below(path_column: Any, path: str) -> ColumnElement[bool]:
    """Strict descendants of ``path``."""
    return and_(path_column > path, path_column < path[:-1] + "0")


def starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column LIKE 'prefix%'`` as a range, which SQLite answers from a plain index (LIKE cannot)."""
    return and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def contains(column: Any, text: str, dialect: str) -> ColumnElement[bool]:
    """``column`` holds ``text``. On PostgreSQL the rows holding all its characters come first from the column's
    GIN index of characters (migration 0007), so LIKE checks a few hundred rows instead of every one."""
    found = column.contains(text, autoescape=True)
    if dialect != "postgresql":
        return found
    characters = func.string_to_array(column, None, type_=ARRAY(Text))
    return and_(characters.contains(sorted(set(text))), found)


def apply_fields(obj: Any, fields: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        setattr(obj, key, value)

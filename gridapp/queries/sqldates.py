"""Date arithmetic that SQLite and PostgreSQL both run, so date rules can filter and sort in SQL.

Dates are ISO text on SQLite and ``date`` on PostgreSQL; these constructs compile to each one's own functions.
Calendar months clamp to the month end as ``gridapp.cases.due.add_months`` does (31 January + 1 month is the
last day of February): PostgreSQL does so itself, SQLite's date() would roll over into March.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, func, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement


def add_interval(day: ColumnElement[Any], months: int = 0, days: int = 0) -> ColumnElement[Any]:
    """``day`` plus whole calendar months, then days; give it a plain column, since SQLite repeats it."""
    if months < 0 or days < 0:
        raise ValueError("add_interval adds, it does not subtract")
    if months:
        day = _AddMonths(day, literal_column(str(months)))
    return _AddDays(day, literal_column(str(days))) if days else day


def day_of(timestamp: ColumnElement[Any]) -> ColumnElement[Any]:
    """The calendar day of a timestamp (date() exists on both)."""
    return func.date(timestamp, type_=Date)


class _AddMonths(FunctionElement):
    type = Date()
    name = "add_months"
    inherit_cache = True


class _AddDays(FunctionElement):
    type = Date()
    name = "add_days"
    inherit_cache = True


def _parts(element: FunctionElement, compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(clause, **kw) for clause in element.clauses]


@compiles(_AddMonths, "sqlite")
def _sqlite_months(element: _AddMonths, compiler: SQLCompiler, **kw: Any) -> str:
    day, months = _parts(element, compiler, **kw)
    # the same day N months on, or, where that overflows into the next month, the last day of month N
    return (f"min(date({day}, '+{months} months'), "
            f"date({day}, 'start of month', '+{int(months) + 1} months', '-1 day'))")


@compiles(_AddMonths, "postgresql")
def _postgresql_months(element: _AddMonths, compiler: SQLCompiler, **kw: Any) -> str:
    day, months = _parts(element, compiler, **kw)
    return f"CAST({day} + make_interval(months => {months}) AS DATE)"


@compiles(_AddDays, "sqlite")
def _sqlite_days(element: _AddDays, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = _parts(element, compiler, **kw)
    return f"date({day}, '+{days} days')"


@compiles(_AddDays, "postgresql")
def _postgresql_days(element: _AddDays, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = _parts(element, compiler, **kw)
    return f"CAST({day} + {days} AS DATE)"

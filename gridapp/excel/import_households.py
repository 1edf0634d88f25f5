"""Rows → households: grouped by 户号, by 户主姓名, or by 户主 rows followed by their members.

A merged 户号 or 户主 cell spanning a family's rows has already been filled in by the reader, so it groups like
a column repeated on every row. A key cell left blank under a filled one continues that household, as on
paper; without a key column a 户主 row starts a household and the rows below it are its members.
Checks that need the whole household (one head, no ID number twice) come from people_rules.check_members.
A sheet may list only some members of a registered household (our own 老龄人口 or 流动人口 ledgers do): such
a household is checked together with its registered members when the plan is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gridapp.dto import HouseholdInput
from gridapp.errors import RuleViolation
from gridapp.excel.import_mapping import ColumnMapping
from gridapp.excel.import_validate import ParsedRow
from gridapp.services.people_rules import check_members

GROUP_BY_NUMBER = "按户号分户"
GROUP_BY_HEAD_NAME = "按户主姓名分户"
GROUP_BY_HEAD_ROWS = "按户主行分户"
GROUP_BY_PERSON = "按身份证号核对已登记的人"  # no 户号, 户主姓名 or 与户主关系 column


@dataclass
class FileHousehold:
    """A household as the sheet gives it: its rows in sheet order and the grid it goes to."""

    rows: list[ParsedRow] = field(default_factory=list)
    grid_id: str | None = None

    @property
    def valid_rows(self) -> list[ParsedRow]:
        return [r for r in self.rows if r.values is not None]

    @property
    def head(self) -> ParsedRow | None:
        return next((r for r in self.rows if r.is_head and r.values is not None), None)

    def cell(self, key: str, default: Any = "") -> Any:
        """A household cell (户号, 家庭住址 …) from the head's row, else the first row that has it."""
        head = self.head
        rows = self.rows if head is None else [head, *self.rows]
        return next((r.household[key] for r in rows if key in r.household), default)

    def provided(self) -> frozenset[str]:
        return frozenset(k for r in self.rows for k in r.household)

    def as_input(self, grid_id: str) -> HouseholdInput:
        return HouseholdInput(grid_id=grid_id, members=[r.person for r in self.valid_rows],
                              number=self.cell("household_number"), kind=self.cell("household_kind") or "户籍户",
                              address=self.cell("household_address"), phone=self.cell("household_phone"),
                              income_per_capita=self.cell("income_per_capita", None),
                              drinking_water_safe=self.cell("drinking_water_safe", None))

    def refuse_all(self, reason: str, column: str) -> None:
        for row in self.valid_rows:
            row.refuse(column, reason)


def group_rows(rows: list[ParsedRow], mapping: ColumnMapping) -> tuple[list[FileHousehold], str]:
    """Households in sheet order, and how they were told apart (for the preview)."""
    if mapping.column_of("household_number") is not None:
        mode, key_field, anywhere = GROUP_BY_NUMBER, "household_number", True
    elif mapping.column_of("head_name") is not None:
        mode, key_field, anywhere = GROUP_BY_HEAD_NAME, "head_name", False
    elif mapping.checks_only:
        mode, key_field, anywhere = GROUP_BY_PERSON, "", False
    else:
        mode, key_field, anywhere = GROUP_BY_HEAD_ROWS, "", False
    households: list[FileHousehold] = []
    keyed: dict[tuple[str, str], FileHousehold] = {}
    current: FileHousehold | None = None
    current_key: tuple[str, str] | None = None
    grid = ""  # a 所属网格 cell holds until the next one, so numbering that restarts per grid stays apart
    for row in rows:
        grid = row.household.get("grid", grid)
        value = row.household.get(key_field, "") if key_field else ""
        if value:
            key = (grid, value)
            found = keyed.get(key) if anywhere else (current if key == current_key else None)
            current_key = key
        else:
            found = None if row.is_head or current is None or mode == GROUP_BY_PERSON else current
            current_key = current_key if found else None
        if found is None:
            found = FileHousehold()
            households.append(found)
            if value:
                keyed[(grid, value)] = found
        found.rows.append(row)
        current = found
    return households, mode


def check_new_household(household: FileHousehold, column: str) -> None:
    """A household not registered yet has one head and no ID number twice; if its head row is wrong, it waits
    whole. (A registered household is checked with its registered members, in the plan.)"""
    members = [r.person for r in household.valid_rows]
    if not members:
        return
    try:
        check_members(members)
    except RuleViolation as exc:
        broken_heads = [r.number for r in household.rows if r.values is None and r.is_head]
        reason = (f"本户户主（第{broken_heads[0]}行）有错误，本户其他成员暂不导入；改正户主那一行后重新导入即可。"
                  if broken_heads else str(exc))
        household.refuse_all(reason, column)

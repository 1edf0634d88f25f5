"""Rows → households: grouped by 户号, by 户主姓名, or by 户主 rows followed by their members; grids resolved.

A merged 户号 or 户主 cell spanning a family's rows has already been filled in by the reader, so it groups like
a column repeated on every row. A key cell left blank under a filled one continues that household, as on
paper; without a key column a 户主 row starts a household and the rows below it are its members.
Checks that need the whole household (one head, no ID number twice) come from people_rules.check_members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridapp.dto import HouseholdInput
from gridapp.errors import RuleViolation
from gridapp.excel.import_mapping import ColumnMapping
from gridapp.excel.import_validate import ParsedRow
from gridapp.models import GridNode
from gridapp.services.common import in_subtree, live
from gridapp.services.people_rules import check_members

GROUP_BY_NUMBER = "按户号分户"
GROUP_BY_HEAD_NAME = "按户主姓名分户"
GROUP_BY_HEAD_ROWS = "按户主行分户"


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

    def cell(self, key: str) -> str:
        """A household cell (户号, 家庭住址 …) from the head's row, else the first row that has it."""
        head = self.head
        if head is not None and head.household.get(key):
            return head.household[key]
        return next((r.household[key] for r in self.rows if r.household.get(key)), "")

    def provided(self) -> frozenset[str]:
        return frozenset(k for r in self.rows for k in r.household)

    def as_input(self, grid_id: str) -> HouseholdInput:
        return HouseholdInput(grid_id=grid_id, members=[r.person for r in self.valid_rows],
                              number=self.cell("household_number"), kind=self.cell("household_kind") or "户籍户",
                              address=self.cell("household_address"), phone=self.cell("household_phone"))

    def refuse_all(self, reason: str) -> None:
        for row in self.valid_rows:
            row.refuse("", reason)


def group_rows(rows: list[ParsedRow], mapping: ColumnMapping) -> tuple[list[FileHousehold], str]:
    """Households in sheet order, and how they were told apart (for the preview)."""
    if mapping.column_of("household_number") is not None:
        mode, key_field, anywhere = GROUP_BY_NUMBER, "household_number", True
    elif mapping.column_of("head_name") is not None:
        mode, key_field, anywhere = GROUP_BY_HEAD_NAME, "head_name", False
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
            found = None if row.is_head or current is None else current
            current_key = current_key if found else None
        if found is None:
            found = FileHousehold()
            households.append(found)
            if value:
                keyed[(grid, value)] = found
        found.rows.append(row)
        current = found
    return households, mode


def check_households(households: list[FileHousehold]) -> None:
    """One head per household and no ID twice in it; a household whose head row is wrong waits whole."""
    for household in households:
        members = [r.person for r in household.valid_rows]
        if not members:
            continue
        try:
            check_members(members)
        except RuleViolation as exc:
            broken_heads = [r.number for r in household.rows if r.values is None and r.is_head]
            reason = (f"本户户主（第{broken_heads[0]}行）有错误，本户其他成员暂不导入；改正户主那一行后重新导入即可。"
                      if broken_heads else str(exc))
            household.refuse_all(reason)


class GridResolver:
    """所属网格 cells to grid ids, by code or name; a name used by several grids is read inside the default one."""

    def __init__(self, s: Session, default_id: str | None) -> None:
        nodes = s.execute(select(GridNode.id, GridNode.code, GridNode.name).where(~GridNode.deleted)).all()
        self.default_id = default_id
        self.by_code = {code: gid for gid, code, _ in nodes if code}
        self.by_name: dict[str, list[str]] = {}
        for gid, _, name in nodes:
            self.by_name.setdefault(name, []).append(gid)
        self.inside: set[str] = set()
        if default_id:
            path = live(s, GridNode, default_id, "导入网格").path
            self.inside = set(s.scalars(select(GridNode.id).where(in_subtree(GridNode.path, path))))

    def resolve(self, text: str) -> str:
        """The grid id for a cell, or the default grid for a blank one; RuleViolation says what is wrong."""
        if not text:
            if self.default_id is None:
                raise RuleViolation("没有填写所属网格。请在“所属网格”列填写网格名称或编码，或在导入时选择一个网格。")
            return self.default_id
        if text in self.by_code:
            return self.by_code[text]
        named = self.by_name.get(text, [])
        if len(named) > 1:
            named = [g for g in named if g in self.inside] or named
        if len(named) == 1:
            return named[0]
        if not named:
            raise RuleViolation(f"找不到名称或编码为“{text}”的网格。")
        raise RuleViolation(f"有{len(named)}个网格都叫“{text}”，请改填网格编码，或在导入时先选择它所在的村（社区）。")


def assign_grids(s: Session, households: list[FileHousehold], default_id: str | None) -> None:
    resolver = GridResolver(s, default_id)
    cache: dict[str, Any] = {}
    for household in households:
        text = household.cell("grid")
        if text not in cache:
            try:
                cache[text] = resolver.resolve(text)
            except RuleViolation as exc:
                cache[text] = exc
        found = cache[text]
        if isinstance(found, RuleViolation):
            household.refuse_all(str(found))
        else:
            household.grid_id = found

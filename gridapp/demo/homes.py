"""A household while the village is being built: its row, its house and its members' rows.

Tags, colours, landlords, places, party centres and micro-grid heads are all drawn from these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Member:
    row: dict[str, Any]
    age: int
    role: str  # as in families.Spec
    away: bool


@dataclass
class Home:
    row: dict[str, Any]
    house: dict[str, Any]
    members: list[Member]
    leaf: int  # index of its lowest-level grid in the village
    local: bool  # a registered (not a floating) household

    @property
    def head(self) -> Member:
        return self.members[0]

    def party_member(self) -> Member | None:
        return next((m for m in self.members if m.row["political_status"] == "中共党员"), None)

"""Test data builders shared by core and GUI tests (imported as ``from factories import …``)."""

from __future__ import annotations

from dataclasses import dataclass

from gridapp.dto import HouseholdInput, PersonInput
from gridapp.idnumber import check_digit


@dataclass
class Tree:
    county: str
    town: str
    village: str
    grid1: str
    grid2: str
    micro: str



def valid_id(first17: str) -> str:
    """A valid 18-digit ID number for the given first 17 digits."""
    return first17 + check_digit(first17)


def family(grid_id: str, number: str = "001", head_id: str = "11010519491231002X") -> HouseholdInput:
    """A small household: head, spouse and child."""
    return HouseholdInput(
        grid_id=grid_id,
        number=number,
        address=f"幸福村1组{number}号",
        phone="13800001234",
        members=[
            PersonInput(name="曾秀英", relation="户主", id_number=head_id, ethnicity="汉族"),
            PersonInput(name="张三丰", relation="配偶", sex="男", phone="13912345678"),
            PersonInput(name="张小龙", relation="子", sex="男"),
        ],
    )

"""党员中心户: a party member's household looking after neighbouring households, one center per household."""

from __future__ import annotations

import pytest
from factories import Tree, family, valid_id

from gridapp.changes import Table
from gridapp.dto import SYSTEM, HouseholdInput, PersonInput
from gridapp.errors import NotFound, RuleViolation
from gridapp.workspace import Workspace


def _household(ws: Workspace, grid_id: str, number: str, party: bool = False) -> str:
    """A one-person household whose head is a party member when ``party``."""
    head = PersonInput(name=f"户主{number}", relation="户主", id_number=valid_id(f"41142319600101{number}"),
                       political_status="中共党员" if party else "群众")
    data = HouseholdInput(grid_id=grid_id, number=number, address=f"幸福村{number}号", members=[head])
    return ws.households.create(SYSTEM, data).id


@pytest.fixture
def homes(ws: Workspace, tree: Tree) -> dict[str, str]:
    """Two party households in 第一网格 (one in its micro-grid), three ordinary ones and one in 第二网格."""
    return {
        "centre": _household(ws, tree.micro, "001", party=True),
        "centre2": _household(ws, tree.grid1, "002", party=True),
        "a": _household(ws, tree.micro, "003"),
        "b": _household(ws, tree.micro, "004"),
        "c": _household(ws, tree.grid1, "005"),
        "other": _household(ws, tree.grid2, "006", party=True),
    }


def test_a_centre_serves_households_and_shows_in_its_subtree(ws: Workspace, tree: Tree, homes) -> None:
    centre = ws.grid.add_party_center(SYSTEM, homes["centre"], notes="联系邻近住户").id
    for key in ("b", "a"):
        outcome = ws.grid.link_household(SYSTEM, centre, homes[key])
        assert outcome.changes.touches(Table.PARTY_CENTER_LINKS)
    [view] = ws.query.party_centers(tree.grid1)
    assert (view.household.number, view.household.head_name, view.household.address) == (
        "001", "户主001", "幸福村001号")
    assert (view.member_name, view.grid_name, view.notes) == ("户主001", "第一微网格", "联系邻近住户")
    assert [h.number for h in view.served] == ["003", "004"]
    assert not view.typical_size
    assert ws.query.party_centers(tree.micro) == [view]
    assert ws.query.party_centers(tree.grid2) == []
    assert [v.id for v in ws.query.party_centers(tree.county)] == [centre]


def test_a_household_is_served_by_one_centre_at_a_time(ws: Workspace, tree: Tree, homes) -> None:
    first = ws.grid.add_party_center(SYSTEM, homes["centre"]).id
    second = ws.grid.add_party_center(SYSTEM, homes["centre2"]).id
    ws.grid.link_household(SYSTEM, first, homes["a"])
    with pytest.raises(RuleViolation, match="已由党员中心户“001号 户主001户”联系"):
        ws.grid.link_household(SYSTEM, second, homes["a"])
    with pytest.raises(RuleViolation, match="已由这个中心户联系"):
        ws.grid.link_household(SYSTEM, first, homes["a"])
    ws.grid.unlink_household(SYSTEM, first, homes["a"])
    ws.grid.link_household(SYSTEM, second, homes["a"])
    served = {v.id: [h.id for h in v.served] for v in ws.query.party_centers(tree.county)}
    assert served == {first: [], second: [homes["a"]]}


def test_centres_cannot_serve_or_be_served_by_each_other(ws: Workspace, homes) -> None:
    first = ws.grid.add_party_center(SYSTEM, homes["centre"]).id
    second = ws.grid.add_party_center(SYSTEM, homes["centre2"]).id
    with pytest.raises(RuleViolation, match="就是这个党员中心户本身"):
        ws.grid.link_household(SYSTEM, first, homes["centre"])
    with pytest.raises(RuleViolation, match="本身是党员中心户"):
        ws.grid.link_household(SYSTEM, first, homes["centre2"])
    with pytest.raises(RuleViolation, match="已是党员中心户"):
        ws.grid.add_party_center(SYSTEM, homes["centre"])
    ws.grid.remove_party_center(SYSTEM, second)
    ws.grid.link_household(SYSTEM, first, homes["centre2"])
    with pytest.raises(RuleViolation, match="正由党员中心户“001号 户主001户”联系"):
        ws.grid.add_party_center(SYSTEM, homes["centre2"])


def test_a_centre_needs_a_party_member_of_the_household(ws: Workspace, tree: Tree, homes) -> None:
    with pytest.raises(RuleViolation, match="没有党员"):
        ws.grid.add_party_center(SYSTEM, homes["a"])
    spouse = ws.households.create(SYSTEM, family(tree.grid2, "010")).id
    member = ws.query.household(spouse).members[1]
    with pytest.raises(RuleViolation, match="张三丰的政治面貌不是党员"):
        ws.grid.add_party_center(SYSTEM, spouse, member_id=member.id)
    other_member = ws.query.household(homes["other"]).members[0]
    with pytest.raises(RuleViolation, match=r"不是.*的成员"):
        ws.grid.add_party_center(SYSTEM, homes["centre"], member_id=other_member.id)
    assert ws.query.party_centers(tree.county) == []


def test_removing_a_centre_frees_its_households(ws: Workspace, tree: Tree, homes) -> None:
    centre = ws.grid.add_party_center(SYSTEM, homes["centre"]).id
    ws.grid.link_household(SYSTEM, centre, homes["a"])
    outcome = ws.grid.remove_party_center(SYSTEM, centre)
    assert outcome.changes.touches(Table.PARTY_CENTERS, Table.PARTY_CENTER_LINKS)
    assert ws.query.party_centers(tree.county) == []
    again = ws.grid.add_party_center(SYSTEM, homes["centre2"]).id
    ws.grid.link_household(SYSTEM, again, homes["a"])
    with pytest.raises(NotFound, match="找不到该党员中心户"):
        ws.grid.link_household(SYSTEM, centre, homes["b"])
    with pytest.raises(NotFound, match="不在这个党员中心户的联系户中"):
        ws.grid.unlink_household(SYSTEM, again, homes["b"])


def test_households_in_the_recycle_bin_drop_out_of_the_view(ws: Workspace, tree: Tree, homes) -> None:
    centre = ws.grid.add_party_center(SYSTEM, homes["centre"]).id
    ws.grid.link_household(SYSTEM, centre, homes["a"])
    ws.grid.link_household(SYSTEM, centre, homes["b"])
    ws.recycle.delete(SYSTEM, "household", homes["a"])
    [view] = ws.query.party_centers(tree.county)
    assert [h.id for h in view.served] == [homes["b"]]
    ws.recycle.delete(SYSTEM, "household", homes["centre"])
    assert ws.query.party_centers(tree.county) == []
    other = ws.grid.add_party_center(SYSTEM, homes["centre2"]).id
    ws.grid.link_household(SYSTEM, other, homes["b"])  # the deleted centre no longer holds it


def test_demo_village_centres_serve_five_to_ten_households(demo_ws: Workspace) -> None:
    [root] = demo_ws.query.grid_children(None)
    views = demo_ws.query.party_centers(root.id)
    assert views and all(v.typical_size and v.member_name for v in views)
    served = [h.id for v in views for h in v.served]
    assert len(served) == len(set(served))


def test_several_households_are_linked_all_or_none(ws: Workspace, tree: Tree, homes: dict[str, str]) -> None:
    centre = ws.grid.add_party_center(SYSTEM, homes["centre"]).id
    with pytest.raises(RuleViolation, match="就是这个党员中心户本身"):
        ws.grid.link_households(SYSTEM, centre, [homes["a"], homes["centre"]])
    [view] = ws.query.party_centers(tree.grid1)
    assert view.served == ()  # 003 was not linked either
    outcome = ws.grid.link_households(SYSTEM, centre, [homes["a"], homes["b"]])
    assert outcome.changes.touches(Table.PARTY_CENTER_LINKS)
    [view] = ws.query.party_centers(tree.grid1)
    assert sorted(h.number for h in view.served) == ["003", "004"]

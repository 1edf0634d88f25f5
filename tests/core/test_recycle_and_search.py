"""Soft delete and restore through the recycle bin; search by every key the office uses."""

from __future__ import annotations

import pytest
from factories import Tree, family, valid_id

from gridapp.dto import SYSTEM
from gridapp.errors import DuplicateIdNumber, RuleViolation
from gridapp.models import Household
from gridapp.workspace import Workspace


def test_deleting_a_household_keeps_it_in_the_database_and_restore_brings_it_back(ws: Workspace,
                                                                                   tree: Tree) -> None:
    hid = ws.households.create(SYSTEM, family(tree.grid1)).id
    ws.recycle.delete(SYSTEM, "household", hid)
    assert ws.query.household_ids(tree.county) == []
    assert ws.search("曾秀英") == []
    [item] = ws.recycle.items()
    assert (item.kind, item.id, item.detail) == ("household", hid, "住户")
    with ws.read() as s:
        assert s.get(Household, hid).deleted  # a tombstone, not a deletion
    ws.recycle.restore(SYSTEM, "household", hid)
    assert ws.query.household_ids(tree.county) == [hid]
    assert [m.name for m in ws.query.household(hid).members] == ["曾秀英", "张三丰", "张小龙"]
    assert ws.recycle.items() == []


def test_restoring_a_person_whose_id_was_registered_again_is_refused(ws: Workspace, tree: Tree) -> None:
    hid = ws.households.create(SYSTEM, family(tree.grid1)).id
    ws.recycle.delete(SYSTEM, "household", hid)
    ws.households.create(SYSTEM, family(tree.grid2, "002"))
    with pytest.raises(DuplicateIdNumber):
        ws.recycle.restore(SYSTEM, "household", hid)


def test_a_head_cannot_be_deleted_alone(ws: Workspace, tree: Tree) -> None:
    hid = ws.households.create(SYSTEM, family(tree.grid1)).id
    head = ws.query.household(hid).members[0]
    with pytest.raises(RuleViolation, match="是户主"):
        ws.recycle.delete(SYSTEM, "person", head.id)


def test_places_and_houses_go_to_the_recycle_bin_too(ws: Workspace, tree: Tree) -> None:
    place = ws.places.create(SYSTEM, tree.grid1, name="幸福超市", type="商超").id
    house = ws.houses.create(SYSTEM, tree.grid1, address="幸福村1组1号", use="出租").id
    ws.recycle.delete(SYSTEM, "place", place)
    ws.recycle.delete(SYSTEM, "house", house)
    assert {i.title for i in ws.recycle.items()} == {"幸福超市", "幸福村1组1号"}
    ws.recycle.restore(SYSTEM, "place", place)
    assert [p.name for p in ws.query.places(tree.county)] == ["幸福超市"]


def test_place_type_must_come_from_the_code_table(ws: Workspace, tree: Tree) -> None:
    with pytest.raises(RuleViolation, match="不是有效的选项"):
        ws.places.create(SYSTEM, tree.grid1, name="月球基地", type="太空站")


@pytest.fixture
def people(ws: Workspace, tree: Tree) -> Workspace:
    ws.households.create(SYSTEM, family(tree.grid1))
    other = family(tree.grid2, "002", head_id=valid_id("41142319600101003"))
    other.members[0].name = "单田芳"
    other.members[1].name = "解小东"
    other.address = "幸福村2组8号"
    ws.households.create(SYSTEM, other)
    return ws


@pytest.mark.parametrize(("text", "names"), [
    ("zxy", ["曾秀英"]),           # 曾 read as zeng, not ceng
    ("ZXY", ["曾秀英"]),
    ("stf", ["单田芳"]),           # 单 read as shan
    ("xxd", ["解小东"]),           # 解 read as xie
    ("zsf", ["张三丰"]),
    ("三丰", ["张三丰"]),
    ("秀", ["曾秀英"]),
    ("11010519491231002X", ["曾秀英"]),
    ("002x", ["曾秀英"]),
    ("1231002X", ["曾秀英"]),
    ("13912345678", ["张三丰", "解小东"]),
    ("5678", ["张三丰", "解小东"]),
    ("2组8号", ["单田芳"]),
    ("  ", []),
    ("nobody", []),
])
def test_search(people: Workspace, text: str, names: list[str]) -> None:
    assert sorted(h.name for h in people.search(text)) == sorted(names)


def test_search_hit_points_at_the_household(people: Workspace, tree: Tree) -> None:
    [hit] = people.search("stf")
    assert hit.household_id in people.query.household_ids(tree.grid2)
    assert (hit.grid_name, hit.relation, hit.matched) == ("第二网格", "户主", "拼音")

"""迁入 from the household page: a member marked ``move_in`` is moved here in the same transaction as the save."""

from __future__ import annotations

from datetime import date

import pytest
from factories import Tree, family, valid_id

from gridapp.dto import SYSTEM, HouseholdInput, PersonInput
from gridapp.errors import DuplicateIdNumber, RuleViolation
from gridapp.services.people_rules import former_head_relation
from gridapp.workspace import Workspace

OTHER_HEAD = valid_id("41142319600101003")


def _moving(person_id: str, name: str, relation: str = "其他", **fields) -> PersonInput:
    return PersonInput(name=name, relation=relation, id=person_id, move_in=True, **fields)


def test_create_moves_the_person_in_and_records_the_move(ws: Workspace, tree: Tree) -> None:
    ws.today = lambda: date(2026, 11, 22)
    old = ws.households.create(SYSTEM, family(tree.grid1)).id
    child = ws.query.household(old).members[2]
    data = HouseholdInput(grid_id=tree.grid2, number="009", members=[
        PersonInput(name="王大力", relation="户主", id_number=OTHER_HEAD),
        _moving(child.id, child.name, "其他", sex="男", phone="13700001111"),
    ])
    new = ws.households.create(SYSTEM, data).id
    moved = ws.query.household(new).members[1]
    assert (moved.id, moved.name, moved.relation, moved.phone) == (child.id, "张小龙", "其他", "13700001111")
    assert [m.name for m in ws.query.household(old).members] == ["曾秀英", "张三丰"]
    [move] = ws.query.person_history(child.id)
    assert (move.from_household_id, move.to_household_id, move.from_grid_id, move.to_grid_id, move.moved_on) == (
        old, new, tree.grid1, tree.grid2, date(2026, 11, 22))


def test_update_moves_a_person_in_and_keeps_the_rest(ws: Workspace, tree: Tree) -> None:
    old = ws.households.create(SYSTEM, family(tree.grid1)).id
    target = ws.households.create(SYSTEM, family(tree.grid2, "002", head_id=OTHER_HEAD)).id
    spouse = ws.query.household(old).members[1]
    kept = [PersonInput(name=m.name, relation=m.relation, id_number=m.id_number, id=m.id)
            for m in ws.query.household(target).members]
    ws.households.update(SYSTEM, target, HouseholdInput(grid_id=tree.grid2, number="002", members=[
        *kept, _moving(spouse.id, spouse.name, "兄")]))
    assert [(m.name, m.relation) for m in ws.query.household(target).members][-2:] == [("张小龙", "子"),
                                                                                      ("张三丰", "兄")]
    assert [m.name for m in ws.query.household(old).members] == ["曾秀英", "张小龙"]
    assert [h.to_household_id for h in ws.query.person_history(spouse.id)] == [target]


def test_a_head_who_leaves_others_behind_is_refused_and_nothing_is_saved(ws: Workspace, tree: Tree) -> None:
    old = ws.households.create(SYSTEM, family(tree.grid1)).id
    head = ws.query.household(old).members[0]
    data = HouseholdInput(grid_id=tree.grid2, members=[_moving(head.id, head.name, "户主")])
    with pytest.raises(RuleViolation, match="请先在原户指定新户主"):
        ws.households.create(SYSTEM, data)
    assert ws.query.household_ids(tree.grid2) == []
    assert len(ws.query.household(old).members) == 3
    assert ws.query.person_history(head.id) == []


def test_a_whole_family_moving_in_retires_the_old_household(ws: Workspace, tree: Tree) -> None:
    old = ws.households.create(SYSTEM, family(tree.grid1)).id
    head, spouse, child = ws.query.household(old).members
    data = HouseholdInput(grid_id=tree.grid2, members=[
        _moving(head.id, head.name, "户主"), _moving(spouse.id, spouse.name, "配偶"),
        _moving(child.id, child.name, "子")])
    new = ws.households.create(SYSTEM, data).id
    assert [m.id for m in ws.query.household(new).members] == [head.id, spouse.id, child.id]
    assert ws.query.household_ids(tree.grid1) == []
    assert all(ws.query.person_history(p.id)[0].from_household_id == old for p in (head, spouse, child))


def test_without_move_in_the_duplicate_and_the_foreign_member_are_refused(ws: Workspace, tree: Tree) -> None:
    old = ws.households.create(SYSTEM, family(tree.grid1)).id
    head = ws.query.household(old).members[0]
    copy = PersonInput(name=head.name, relation="户主", id_number=head.id_number)
    with pytest.raises(DuplicateIdNumber):
        ws.households.create(SYSTEM, HouseholdInput(grid_id=tree.grid2, members=[copy]))
    copy.id = head.id
    with pytest.raises(RuleViolation, match="属于另一户"):
        ws.households.create(SYSTEM, HouseholdInput(grid_id=tree.grid2, members=[copy]))
    assert ws.query.household_ids(tree.grid2) == []


def test_person_by_id_number_names_the_household_and_grid(ws: Workspace, tree: Tree) -> None:
    hid = ws.households.create(SYSTEM, family(tree.grid1)).id
    found = ws.query.person_by_id_number("11010519491231002x")
    assert found is not None
    assert (found.person.name, found.person.household_id, found.household_number, found.household_address,
            found.grid_path) == ("曾秀英", hid, "001", "幸福村1组001号", ("宁陵县", "清河镇", "幸福村", "第一网格"))
    assert ws.query.person_by_id_number("110105491231002") == found  # the old 15-digit form of the same number
    assert ws.query.person_by_id_number(OTHER_HEAD) is None
    assert ws.query.person_by_id_number("110105194912310021") is None  # wrong check digit


@pytest.mark.parametrize(("new_head", "former_sex", "expected"), [
    ("妻", "男", "夫"), ("配偶", "", "配偶"), ("长子", "女", "母亲"), ("父亲", "男", "子"), ("非亲属", "男", "其他"),
])
def test_former_head_relation_is_a_sensible_guess(new_head: str, former_sex: str, expected: str) -> None:
    assert former_head_relation(new_head, former_sex) == expected

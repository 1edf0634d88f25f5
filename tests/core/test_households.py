"""Household registration rules: one head, valid and unique ID numbers, derived fields, tags, moves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import Tree, family, valid_id

from gridapp.dto import SYSTEM, HouseholdInput, PersonInput, TagInput
from gridapp.errors import DuplicateIdNumber, RuleViolation
from gridapp.workspace import Workspace


def test_registering_derives_sex_birth_date_age_and_birthplace(ws: Workspace, tree: Tree) -> None:
    ws.today = lambda: date(2026, 11, 22)
    hid = ws.households.create(SYSTEM, family(tree.grid1)).id
    view = ws.query.household(hid)
    head = view.members[0]
    assert (head.sex, head.birth_date, head.age, head.birthplace) == ("女", date(1949, 12, 31), 76, "北京市朝阳区")
    assert [m.relation for m in view.members] == ["户主", "配偶", "子"]
    assert view.grid_path == ("宁陵县", "清河镇", "幸福村", "第一网格")


def test_fifteen_digit_and_full_width_numbers_are_stored_as_18_digits(ws: Workspace, tree: Tree) -> None:
    data = family(tree.grid1)
    data.members[0].id_number = "110105491231002"
    data.members[1].id_number = "４１１４２３１９６０" + valid_id("41142319600101003")[10:]
    view = ws.query.household(ws.households.create(SYSTEM, data).id)
    assert view.members[0].id_number == "11010519491231002X"
    assert view.members[1].id_number == valid_id("41142319600101003")


def test_exactly_one_head(ws: Workspace, tree: Tree) -> None:
    data = family(tree.grid1)
    data.members[1].relation = "户主"
    with pytest.raises(RuleViolation, match="有2名户主"):
        ws.households.create(SYSTEM, data)
    data.members[0].relation = data.members[1].relation = "子"
    with pytest.raises(RuleViolation, match="没有户主"):
        ws.households.create(SYSTEM, data)
    assert ws.query.household_ids(tree.county) == []


def test_invalid_id_number_is_refused_with_the_reason(ws: Workspace, tree: Tree) -> None:
    data = family(tree.grid1, head_id="110105194912310021")
    with pytest.raises(RuleViolation, match="曾秀英：第18位校验码应为 X，实际为 1"):
        ws.households.create(SYSTEM, data)


def test_sex_that_contradicts_the_id_number_is_refused(ws: Workspace, tree: Tree) -> None:
    data = family(tree.grid1)
    data.members[0].sex = "男"
    with pytest.raises(RuleViolation, match="与身份证号码不符"):
        ws.households.create(SYSTEM, data)


def test_duplicate_id_number_names_where_the_person_is_registered(ws: Workspace, tree: Tree) -> None:
    first = ws.households.create(SYSTEM, family(tree.grid1)).id
    with pytest.raises(DuplicateIdNumber) as err:
        ws.households.create(SYSTEM, family(tree.grid2, "009"))
    assert "曾秀英" in str(err.value) and "第一网格" in str(err.value) and "迁入" in str(err.value)
    assert err.value.household_id == first
    assert ws.query.household_ids(tree.grid2) == []


def test_same_id_twice_in_one_form_is_refused(ws: Workspace, tree: Tree) -> None:
    data = family(tree.grid1)
    data.members[2].id_number = data.members[0].id_number
    with pytest.raises(RuleViolation, match="身份证号码相同"):
        ws.households.create(SYSTEM, data)


def test_unknown_code_values_are_refused_and_aliases_accepted(ws: Workspace, tree: Tree) -> None:
    data = family(tree.grid1)
    data.members[0].ethnicity = "汉"
    data.members[0].political_status = "党员"
    view = ws.query.household(ws.households.create(SYSTEM, data).id)
    assert (view.members[0].ethnicity, view.members[0].political_status) == ("汉族", "中共党员")
    other = family(tree.grid2, "002", head_id=valid_id("41142319600101003"))
    other.members[0].ethnicity = "火星族"
    with pytest.raises(RuleViolation, match="民族“火星族”不在代码表中"):
        ws.households.create(SYSTEM, other)


def test_update_edits_reorders_removes_and_changes_head(ws: Workspace, tree: Tree) -> None:
    hid = ws.households.create(SYSTEM, family(tree.grid1)).id
    view = ws.query.household(hid)
    head, spouse, _child = view.members
    members = [
        PersonInput(name=spouse.name, relation="户主", sex="男", id=spouse.id),
        PersonInput(name=head.name, relation="配偶", id_number=head.id_number, id=head.id),
        PersonInput(name="张小凤", relation="女", sex="女"),
    ]
    ws.households.update(SYSTEM, hid, HouseholdInput(grid_id=tree.grid1, number="001", members=members,
                                                     colour="黄", colour_reason="户主住院"))
    view = ws.query.household(hid)
    assert [(m.name, m.relation) for m in view.members] == [("张三丰", "户主"), ("曾秀英", "配偶"), ("张小凤", "女")]
    assert (view.colour, view.colour_reason) == ("黄", "人工认定：户主住院")
    assert [i.title for i in ws.recycle.items("person")] == ["张小龙"]


def test_tags_are_validated_against_their_category_fields(ws: Workspace, tree: Tree) -> None:
    data = family(tree.grid1)
    data.members[0].tags = [TagInput("disabled", {"disability_type": "肢体", "disability_grade": "二级"})]
    hid = ws.households.create(SYSTEM, data).id
    [tag] = ws.query.household(hid).members[0].tags
    assert (tag.label, tag.details["disability_type"]) == ("残疾人", "肢体")
    person = ws.query.household(hid).members[1].id
    with pytest.raises(RuleViolation, match="残疾等级应为"):
        ws.households.set_tags(SYSTEM, person, [TagInput("disabled", {"disability_grade": "五级"})])
    with pytest.raises(RuleViolation, match="未知的人群类别"):
        ws.households.set_tags(SYSTEM, person, [TagInput("martian")])
    ws.households.set_tags(SYSTEM, person, [TagInput("veteran")])
    assert [t.label for t in ws.query.household(hid).members[1].tags] == ["退役军人"]
    ws.households.set_tags(SYSTEM, person, [])
    assert ws.query.household(hid).members[1].tags == ()


def test_moving_a_person_keeps_history(ws: Workspace, tree: Tree) -> None:
    a = ws.households.create(SYSTEM, family(tree.grid1)).id
    b = ws.households.create(SYSTEM, family(tree.grid2, "002", head_id=valid_id("41142319600101003"))).id
    child = ws.query.household(a).members[2]
    ws.households.move_person(SYSTEM, child.id, b, relation="其他", reason="投靠亲属", on=date(2026, 5, 1))
    assert [m.name for m in ws.query.household(b).members][-1] == "张小龙"
    [move] = ws.query.person_history(child.id)
    assert (move.from_household_id, move.to_household_id, move.to_grid_id, move.reason) == (a, b, tree.grid2,
                                                                                              "投靠亲属")


def test_the_head_cannot_leave_while_others_stay(ws: Workspace, tree: Tree) -> None:
    a = ws.households.create(SYSTEM, family(tree.grid1)).id
    b = ws.households.create(SYSTEM, family(tree.grid2, "002", head_id=valid_id("41142319600101003"))).id
    head = ws.query.household(a).members[0]
    with pytest.raises(RuleViolation, match="请先在原户指定新户主"):
        ws.households.move_person(SYSTEM, head.id, b, relation="其他")
    with pytest.raises(RuleViolation, match="已有户主"):
        ws.households.move_person(SYSTEM, ws.query.household(a).members[2].id, b, relation="户主")


def test_moving_a_household_to_another_grid_records_each_member(ws: Workspace, tree: Tree) -> None:
    hid = ws.households.create(SYSTEM, family(tree.grid1)).id
    ws.households.move_household(SYSTEM, hid, tree.grid2, reason="网格调整")
    assert ws.query.household_ids(tree.grid2) == [hid]
    for member in ws.query.household(hid).members:
        [move] = ws.query.person_history(member.id)
        assert (move.from_grid_id, move.to_grid_id) == (tree.grid1, tree.grid2)


def test_household_filters(ws: Workspace, tree: Tree) -> None:
    from gridapp.dto import HouseholdFilter

    data = family(tree.grid1)
    data.members[1].tags = [TagInput("veteran")]
    a = ws.households.create(SYSTEM, data).id
    other = replace(family(tree.grid2, "002", head_id=valid_id("41142319600101003")), colour="红",
                    colour_reason="重病", kind="流动户")
    other.members[0].residence_kind = "流动人口"
    b = ws.households.create(SYSTEM, other).id
    q = ws.query.household_ids
    assert q(tree.county, HouseholdFilter(tag="veteran")) == [a]
    assert q(tree.county, HouseholdFilter(colour="红")) == [b]
    assert q(tree.county, HouseholdFilter(kind="流动户")) == [b]
    assert q(tree.county, HouseholdFilter(residence_kind="流动人口")) == [b]
    assert q(tree.county, sort="number", descending=True) == [b, a]
    rows = ws.query.household_rows([b, a])
    assert [(r.number, r.head_name, r.member_count) for r in rows] == [("002", "曾秀英", 3), ("001", "曾秀英", 3)]

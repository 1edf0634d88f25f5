"""Merging a duplicate person found by sync: the recycle bin's head rule, tags without doubled categories,
references moved to the kept record, other reports of the retired record closed, all synced like any edit."""

from __future__ import annotations

import pytest
import test_sync_offices as support
from factories import family, valid_id
from sqlalchemy import select
from test_sync_offices import Offices, send, statements

from gridapp.dto import SYSTEM, CaseInput, HouseholdInput, PersonInput, TagInput, VisitInput
from gridapp.errors import RuleViolation
from gridapp.models import CaseLink, Household, PartyCenter, Person, PersonTag, SyncDuplicate, Visit
from gridapp.workspace import Workspace

fast_kdf, offices = support.fast_kdf, support.offices  # the shared fixtures

SAME = valid_id("41142319800101001")


def lone(grid_id: str, number: str, tags: list[TagInput]) -> HouseholdInput:
    """A one-person household whose head holds the shared ID number."""
    return HouseholdInput(grid_id=grid_id, number=number, address=f"富强村2组{number}号", members=[
        PersonInput(name="曾秀英", relation="户主", id_number=SAME, political_status="中共党员", tags=tags)])


def holder(ws: Workspace, grid_id: str) -> str:
    with ws.read() as s:
        return s.scalar(select(Person.id).join(Household, Household.id == Person.household_id)
                        .where(Person.id_number == SAME, Household.grid_id == grid_id))


@pytest.fixture
def merged_setup(offices: Offices) -> Offices:
    """The town, v1 (head of a family of three) and v2 (alone, with a visit, a case and a 党员中心户) each hold
    a person with the same ID number; the town sees three duplicate pairs."""
    o = offices
    o.town.households.create(SYSTEM, lone(o.grid12, "077", []))
    o.v1.households.create(SYSTEM, family(o.grid11, head_id=SAME))
    o.v1.households.set_tags(SYSTEM, holder(o.v1, o.grid11), [TagInput("veteran")])
    household = o.v2.households.create(SYSTEM, lone(o.grid21, "009", [
        TagInput("veteran"), TagInput("disabled", {"disability_type": "肢体", "disability_grade": "二级"})])).id
    person = holder(o.v2, o.grid21)
    o.v2.visits.record(SYSTEM, VisitInput(target_kind="person", target_id=person, visited_on=o.v2.today(),
                                          content="了解近况"))
    o.v2.cases.register(SYSTEM, CaseInput(o.grid21, "邻里纠纷", "社会治安", person_ids=[person]))
    o.v2.grid.add_party_center(SYSTEM, household)
    send(o.v1, o.town, o.usb)
    send(o.v2, o.town, o.usb)
    o.town.cases.register(SYSTEM, CaseInput(o.grid11, "身份核对", "社会治安",
                                            person_ids=[holder(o.town, o.grid11), person]))
    assert len(o.town.sync.duplicates()) == 3
    return o


def pair(ws: Workspace, a: str, b: str) -> int:
    return next(d.id for d in ws.sync.duplicates() if {p.person_id for p in d.persons} == {a, b})


def test_a_head_with_housemates_cannot_be_merged_away(merged_setup: Offices) -> None:
    o = merged_setup
    head, alone = holder(o.town, o.grid11), holder(o.town, o.grid21)
    with pytest.raises(RuleViolation, match="请先为该户指定新户主"):
        o.town.sync.merge_duplicate(SYSTEM, pair(o.town, head, alone), alone)
    with o.town.read() as s:
        assert not s.get(Person, head).deleted


def test_a_merge_moves_everything_to_the_kept_person_and_syncs(merged_setup: Offices) -> None:
    o = merged_setup
    keep, other, town_own = holder(o.town, o.grid11), holder(o.town, o.grid21), holder(o.town, o.grid12)
    reading_three = statements(o.town, o.town.sync.duplicates)
    o.town.sync.merge_duplicate(SYSTEM, pair(o.town, keep, other), keep)
    assert statements(o.town, o.town.sync.duplicates) == reading_three  # not three lookups per duplicate
    with o.town.read() as s:
        retired = s.get(Person, other)
        assert retired.deleted
        assert s.get(Household, retired.household_id).deleted  # its last member is gone: no empty live household
        categories = s.scalars(select(PersonTag.category).where(PersonTag.person_id == keep, ~PersonTag.deleted))
        assert sorted(categories) == ["disabled", "veteran"]  # one veteran tag, not two
        assert s.scalars(select(Visit.target_id).where(Visit.target_kind == "person")).all() == [keep]
        links = s.scalars(select(CaseLink.target_id).where(CaseLink.target_kind == "person", ~CaseLink.deleted)).all()
        assert sorted(links) == [keep, keep]  # the case that named both names the kept person once
        assert s.scalars(select(PartyCenter.member_id)).all() == [keep]
        still_open = s.scalars(select(SyncDuplicate).where(SyncDuplicate.status == "open")).all()
    assert [{d.person_a, d.person_b} for d in still_open] == [{keep, town_own}]  # the reports of `other` closed
    send(o.town, o.v1, o.usb)
    with o.v1.read() as s:  # the moved tag reaches the village that keeps the person
        assert sorted(s.scalars(select(PersonTag.category).where(PersonTag.person_id == keep, ~PersonTag.deleted))) \
            == ["disabled", "veteran"]

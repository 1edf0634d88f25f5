"""Optimistic concurrency: two workstations (two workspaces on one database) save the same record; the one
that read an older version is refused in words and nothing it typed is written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from factories import as_input, family

from gridapp.dto import Actor, CaseInput, TagInput
from gridapp.errors import Conflict
from gridapp.services.versions import conflict_message
from gridapp.workspace import Workspace

ZHANG = Actor("张三")
LI = Actor("李四")


@pytest.fixture(params=["sqlite", "postgresql"])
def two(request: pytest.FixtureRequest, tmp_path: Path):
    """Two workstations on one database, with a grid to work in: (first, second, grid id)."""
    if request.param == "sqlite":
        url = str(tmp_path / "shared.sqlite3")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database(f"v_{uuid4().hex[:8]}")
    first = Workspace.open(url)
    first.init_office("测试村村民委员会", "411423")
    village = first.grid.create(ZHANG, None, "幸福村", code="411423101001").id
    grid = first.grid.create(ZHANG, village, "第一网格").id
    second = Workspace.open(url)
    yield first, second, grid
    first.close()
    second.close()


def test_a_save_over_an_older_version_is_refused_naming_who_and_nothing_is_written(two) -> None:
    first, second, grid = two
    hid = first.households.create(ZHANG, family(grid)).id
    mine, theirs = first.query.household(hid), second.query.household(hid)
    assert mine.version and mine.version == theirs.version

    first.households.update(ZHANG, hid, as_input(mine, phone="13811112222"))
    with pytest.raises(Conflict) as refused:
        second.households.update(LI, hid, as_input(theirs, address="改过的地址", notes="李四写的"))

    assert str(refused.value).startswith("此户已被 张三 于 ")
    assert str(refused.value).endswith(" 修改。请重新打开后再改。")
    stored = second.query.household(hid)
    assert (stored.phone, stored.address, stored.notes) == ("13811112222", mine.address, "")
    again = second.query.household(hid)  # opened again: the user re-applies and the save goes through
    second.households.update(LI, hid, as_input(again, notes="李四写的"))
    assert first.query.household(hid).notes == "李四写的"


def test_a_members_edit_elsewhere_gives_the_household_page_a_new_version(two) -> None:
    first, second, grid = two
    hid = first.households.create(ZHANG, family(grid)).id
    page = second.query.household(hid)
    first.households.set_tags(ZHANG, page.members[0].id, [TagInput("veteran")])
    with pytest.raises(Conflict):
        second.households.update(LI, hid, as_input(page, phone="13800009999"))


def test_a_save_without_a_version_is_not_checked(two) -> None:
    first, second, grid = two
    hid = first.households.create(ZHANG, family(grid)).id
    view = first.query.household(hid)
    first.households.update(ZHANG, hid, as_input(view, phone="13811112222"))
    second.households.update(LI, hid, as_input(view, phone="13833334444", version=None))
    assert first.query.household(hid).phone == "13833334444"


def test_houses_places_grid_nodes_cases_and_visits_are_checked_the_same_way(two) -> None:
    first, second, grid = two
    house = first.houses.create(ZHANG, grid, address="幸福村1组1号").id
    place = first.places.create(ZHANG, grid, name="幸福超市", type="商超").id
    case = first.cases.register(ZHANG, CaseInput(grid_id=grid, title="路灯坏了", category="城市管理")).id
    old = (second.query.house(house).version, second.query.place(place).version,
           second.query.grid_node(grid).version, second.query.case(case).version)
    first.houses.update(ZHANG, house, notes="张三")
    first.places.update(ZHANG, place, notes="张三")
    first.grid.update(ZHANG, grid, notes="张三")
    first.cases.update(ZHANG, case, CaseInput(grid_id=grid, title="路灯坏了两盏", category="城市管理"))
    refusals = []
    for save in (lambda: second.houses.update(LI, house, version=old[0], notes="李四"),
                 lambda: second.places.update(LI, place, version=old[1], notes="李四"),
                 lambda: second.grid.update(LI, grid, version=old[2], notes="李四"),
                 lambda: second.cases.update(LI, case, CaseInput(grid_id=grid, title="李四", category="城市管理",
                                                                 version=old[3]))):
        with pytest.raises(Conflict) as refused:
            save()
        refusals.append(str(refused.value)[:3])
    assert refusals == ["此房屋", "此场所", "此网格", "此事件"]
    assert first.query.house(house).notes == "张三" and first.query.case(case).row.title == "路灯坏了两盏"


def test_the_refusal_gives_the_date_when_the_save_was_not_today(two) -> None:
    first, _second, grid = two
    hid = first.households.create(ZHANG, family(grid)).id
    with first.read() as s:
        tomorrow = datetime.now(UTC) + timedelta(days=1)
        assert "于 " + f"{datetime.now().astimezone():%H}" in conflict_message(s, "households", hid)
        text = conflict_message(s, "households", hid, now=tomorrow.astimezone())
    assert "月" in text and "日" in text and text.startswith("此户已被 张三 于 ")

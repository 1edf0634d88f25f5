"""The grid plan map: the picture (fitted, stored as the node's attachment), pins placed, moved and taken off,
the coverage of households, who may do what, and the picture and pins travelling in a sync package."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from factories import Tree, family, valid_id
from PIL import Image
from test_sync_offices import Offices, export, make_offices, receive

from gridapp.access import Forbidden
from gridapp.cases.plan_picture import MAX_SIDE
from gridapp.dto import SYSTEM, Actor
from gridapp.errors import NotFound, RuleViolation
from gridapp.workspace import Workspace

WORKER = Actor("王丽", role="网格员")


def picture(width: int = 400, height: int = 300, kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 220, 190)).save(out, kind)
    return out.getvalue()


def households(ws: Workspace, grid_id: str, count: int, first: int = 1) -> list[str]:
    return [ws.households.create(SYSTEM, family(grid_id, number=f"{i:03d}",
                                                head_id=valid_id(f"11010519491231{i + 100:03d}"))).id
            for i in range(first, first + count)]


@pytest.fixture
def village_map(ws: Workspace, tree: Tree) -> tuple[Workspace, Tree, list[str]]:
    ids = households(ws, tree.grid1, 2) + households(ws, tree.grid2, 1, first=3)
    ws.plan_map.set_picture(SYSTEM, tree.village, picture(), "航拍图.png")
    return ws, tree, ids


def test_a_small_picture_is_stored_as_it_is_and_named_by_the_node(ws: Workspace, tree: Tree) -> None:
    data = picture()
    ws.plan_map.set_picture(SYSTEM, tree.grid1, data, "C:/扫描/平面图.png")
    view = ws.query.plan_map(tree.grid1)
    assert (view.picture.width, view.picture.height, view.picture.filename) == (400, 300, "平面图.png")
    assert view.picture.path.read_bytes() == data
    assert ws.query.grid_node(tree.grid1).plan_attachment_id is not None


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_large_picture_is_downscaled_to_the_long_side_keeping_its_shape(ws: Workspace, tree: Tree,
                                                                          kind: str) -> None:
    ws.plan_map.set_picture(SYSTEM, tree.grid1, picture(MAX_SIDE * 2, MAX_SIDE, kind), "drone.jpg")
    view = ws.query.plan_map(tree.grid1).picture
    assert (view.width, view.height) == (MAX_SIDE, MAX_SIDE // 2)
    with Image.open(view.path) as stored:
        assert (stored.format, stored.size) == (kind, (MAX_SIDE, MAX_SIDE // 2))


def test_a_picture_that_is_not_png_or_jpeg_is_refused_in_chinese(ws: Workspace, tree: Tree) -> None:
    with pytest.raises(RuleViolation, match="只能是PNG或JPEG"):
        ws.plan_map.set_picture(SYSTEM, tree.grid1, picture(kind="GIF"), "x.gif")
    with pytest.raises(RuleViolation, match="无法读取"):
        ws.plan_map.set_picture(SYSTEM, tree.grid1, b"not a picture", "x.png")
    assert ws.query.plan_map(tree.grid1).picture is None


def test_replacing_the_picture_keeps_the_pins_where_they_are(village_map) -> None:
    ws, tree, ids = village_map
    ws.plan_map.place(SYSTEM, tree.village, "household", ids[0], 0.25, 0.75)
    ws.plan_map.set_picture(SYSTEM, tree.village, picture(800, 600), "新图.png")
    view = ws.query.plan_map(tree.village)
    assert view.picture.width == 800
    assert [(p.target.id, p.x, p.y) for p in view.pins] == [(ids[0], 0.25, 0.75)]
    ws.plan_map.clear_picture(SYSTEM, tree.village)
    assert ws.query.plan_map(tree.village).picture is None


def test_coverage_counts_the_households_of_the_subtree_on_the_map(village_map) -> None:
    ws, tree, ids = village_map
    house = ws.houses.create(SYSTEM, tree.grid1, address="幸福路1号").id
    view = ws.query.plan_map(tree.village)
    assert (view.households_placed, view.households_total) == (0, 3)
    assert {t.id for t in view.unplaced} == {*ids, house}
    ws.plan_map.place(SYSTEM, tree.village, "household", ids[0], 0.1, 0.2)
    ws.plan_map.place(SYSTEM, tree.village, "household", ids[2], 0.3, 0.4)
    ws.plan_map.place(SYSTEM, tree.village, "house", house, 0.5, 0.5)
    view = ws.query.plan_map(tree.village)
    assert (view.households_placed, view.households_total) == (2, 3)
    assert [t.id for t in view.unplaced] == [ids[1]]  # 不缺户: the missing one is listed
    assert {p.target.kind: p.target.colour for p in view.pins} == {"household": "绿", "house": ""}


def test_placing_again_moves_the_pin_and_a_pin_can_be_moved_and_taken_off(village_map) -> None:
    ws, tree, ids = village_map
    first = ws.plan_map.place(SYSTEM, tree.village, "household", ids[0], 0.1, 0.1).id
    again = ws.plan_map.place(SYSTEM, tree.village, "household", ids[0], 1.5, -2).id
    assert again == first
    assert [(p.x, p.y) for p in ws.query.plan_map(tree.village).pins] == [(1.0, 0.0)]  # kept on the picture
    ws.plan_map.move(SYSTEM, first, 0.6, 0.4)
    assert [(p.x, p.y) for p in ws.query.plan_map(tree.village).pins] == [(0.6, 0.4)]
    ws.plan_map.remove(SYSTEM, first)
    view = ws.query.plan_map(tree.village)
    assert view.pins == () and view.households_placed == 0
    with pytest.raises(NotFound):
        ws.plan_map.move(SYSTEM, first, 0.5, 0.5)


def test_a_household_moved_out_of_the_subtree_leaves_the_map_and_the_count(village_map) -> None:
    ws, tree, ids = village_map
    ws.plan_map.place(SYSTEM, tree.village, "household", ids[0], 0.1, 0.1)
    ws.plan_map.set_picture(SYSTEM, tree.grid1, picture(), "一网格.png")
    ws.plan_map.place(SYSTEM, tree.grid1, "household", ids[0], 0.1, 0.1)
    ws.households.move_household(SYSTEM, ids[0], tree.grid2)
    grid1 = ws.query.plan_map(tree.grid1)
    assert grid1.pins == () and grid1.households_total == 1
    assert len(ws.query.plan_map(tree.village).pins) == 1  # still in the village


def test_only_records_of_the_subtree_go_on_a_map_that_has_a_picture(village_map) -> None:
    ws, tree, ids = village_map
    ws.plan_map.set_picture(SYSTEM, tree.grid2, picture(), "二网格.png")
    with pytest.raises(RuleViolation, match="不属于"):
        ws.plan_map.place(SYSTEM, tree.grid2, "household", ids[0], 0.5, 0.5)  # a grid-1 household
    with pytest.raises(RuleViolation, match="还没有平面图"):
        ws.plan_map.place(SYSTEM, tree.grid1, "household", ids[0], 0.5, 0.5)
    with pytest.raises(RuleViolation, match="只能放住户、房屋和场所"):
        ws.plan_map.place(SYSTEM, tree.village, "person", ids[0], 0.5, 0.5)


def test_a_grid_worker_pins_households_but_cannot_change_the_picture(village_map) -> None:
    ws, tree, ids = village_map
    worker = Actor("王丽", role="网格员", scope_grid_id=tree.village)
    ws.plan_map.place(worker, tree.village, "household", ids[0], 0.5, 0.5)
    with pytest.raises(Forbidden, match="修改网格树"):
        ws.plan_map.set_picture(worker, tree.village, picture(), "x.png")
    reader = Actor("查询员", role="查询")
    with pytest.raises(Forbidden):
        ws.plan_map.place(reader, tree.village, "household", ids[1], 0.5, 0.5)
    outside = Actor("李强", role="网格员", scope_grid_id=tree.grid2)
    with pytest.raises(Forbidden):
        ws.plan_map.place(outside, tree.village, "household", ids[2], 0.5, 0.5)  # the village's map: not his


@pytest.fixture
def offices(tmp_path: Path):
    o = make_offices(tmp_path)
    yield o
    o.close()


def test_the_picture_and_the_pins_travel_to_another_office(offices: Offices) -> None:
    o = offices
    ids = households(o.v1, o.grid11, 2)
    data = picture(640, 480, "JPEG")
    o.v1.plan_map.set_picture(SYSTEM, o.village1, data, "幸福村航拍.jpg")
    o.v1.plan_map.place(SYSTEM, o.village1, "household", ids[0], 0.2, 0.3)
    o.v1.plan_map.place(SYSTEM, o.village1, "household", ids[1], 0.7, 0.6)
    summary = receive(o.town, export(o.v1, o.town, o.usb))
    assert summary.attachments_stored == 1
    view = o.town.query.plan_map(o.village1)
    assert view.picture.path.read_bytes() == data
    assert sorted((p.target.id, p.x, p.y) for p in view.pins) == sorted([(ids[0], 0.2, 0.3), (ids[1], 0.7, 0.6)])
    assert (view.households_placed, view.households_total) == (2, 2)

"""Grid tree rules: levels, moves that refuse cycles, merge, retire only when empty, workers, counts."""

from __future__ import annotations

import backends
import pytest
from factories import Tree, family, valid_id

from gridapp.dto import SYSTEM
from gridapp.errors import NotFound, RuleViolation
from gridapp.workspace import Workspace


def test_levels_follow_the_depth_and_stop_at_micro_grid(ws: Workspace, tree: Tree) -> None:
    assert [ws.query.grid_node(i).level_label for i in (tree.county, tree.town, tree.village, tree.grid1,
                                                        tree.micro)] == ["县(市/区)", "镇(街道)", "村(社区)",
                                                                         "网格", "微网格"]
    with pytest.raises(RuleViolation, match="最末一级"):
        ws.grid.create(SYSTEM, tree.micro, "再下一级")


def test_moving_a_node_under_its_own_subtree_is_refused(ws: Workspace, tree: Tree) -> None:
    with pytest.raises(RuleViolation, match="自己或它的下级"):
        ws.grid.move(SYSTEM, tree.village, tree.micro)
    with pytest.raises(RuleViolation, match="自己或它的下级"):
        ws.grid.move(SYSTEM, tree.grid1, tree.grid1)
    assert ws.query.grid_node(tree.micro).path_names == ("宁陵县", "清河镇", "幸福村", "第一网格", "第一微网格")


def test_moving_a_node_carries_its_subtree_and_households(ws: Workspace, tree: Tree) -> None:
    ws.households.create(SYSTEM, family(tree.micro))
    village2 = ws.grid.create(SYSTEM, tree.town, "和平村").id
    ws.grid.move(SYSTEM, tree.grid1, village2)
    micro = ws.query.grid_node(tree.micro)
    assert micro.path_names == ("宁陵县", "清河镇", "和平村", "第一网格", "第一微网格")
    assert micro.level == 5
    assert ws.query.household_ids(village2) == ws.query.household_ids(tree.micro)
    assert ws.query.household_ids(tree.village) == []
    counts = {r.name: (r.household_count, r.person_count) for r in ws.query.grid_children(tree.town)}
    assert counts == {"幸福村": (0, 0), "和平村": (1, 3)}


def test_a_moved_node_takes_the_level_of_its_new_depth(ws: Workspace, tree: Tree) -> None:
    ws.grid.move(SYSTEM, tree.grid2, tree.grid1)
    assert ws.query.grid_node(tree.grid2).level_label == "微网格"


def test_a_move_that_would_go_below_micro_grid_is_refused(ws: Workspace, tree: Tree) -> None:
    with pytest.raises(RuleViolation, match="最末级"):
        ws.grid.move(SYSTEM, tree.grid1, tree.grid2)  # grid1 has a micro-grid: it would reach level 6


def test_counts_cover_the_whole_subtree(ws: Workspace, tree: Tree) -> None:
    ws.households.create(SYSTEM, family(tree.micro, "001"))
    ws.households.create(SYSTEM, family(tree.grid2, "002", head_id=valid_id("41142319600101003")))
    [village] = ws.query.grid_children(tree.town)
    assert (village.household_count, village.person_count, village.child_count) == (2, 6, 2)
    grids = {r.name: r for r in ws.query.grid_children(tree.village)}
    assert grids["第一网格"].household_count == 1 and grids["第二网格"].household_count == 1


def test_merge_moves_everything_and_retires_the_source(ws: Workspace, tree: Tree) -> None:
    hid = ws.households.create(SYSTEM, family(tree.grid1)).id
    place = ws.places.create(SYSTEM, tree.grid1, name="幸福超市", type="商超").id
    worker = ws.grid.add_worker(SYSTEM, tree.grid1, "李网格", role="网格员", kind="专职").id
    ws.grid.merge(SYSTEM, tree.grid1, tree.grid2)
    assert ws.query.grid_node(tree.grid1).retired
    assert ws.query.grid_node(tree.micro).path_names[-2] == "第二网格"
    assert hid in ws.query.household_ids(tree.grid2)
    assert [w.id for w in ws.query.grid_workers(tree.grid2)] == [worker]
    assert place in [p.id for p in ws.query.places(tree.grid2)]
    assert [r.name for r in ws.query.grid_children(tree.village)] == ["第二网格"]


def test_merge_requires_the_same_level(ws: Workspace, tree: Tree) -> None:
    with pytest.raises(RuleViolation, match="同一级"):
        ws.grid.merge(SYSTEM, tree.grid2, tree.town)


def test_retire_only_when_empty(ws: Workspace, tree: Tree) -> None:
    ws.households.create(SYSTEM, family(tree.grid2))
    with pytest.raises(RuleViolation, match="还有1户"):
        ws.grid.retire(SYSTEM, tree.grid2)
    with pytest.raises(RuleViolation, match="1个下级网格"):
        ws.grid.retire(SYSTEM, tree.grid1)
    ws.grid.retire(SYSTEM, tree.micro)
    ws.grid.retire(SYSTEM, tree.grid1)
    assert [r.name for r in ws.query.grid_children(tree.village)] == ["第二网格"]
    assert [r.name for r in ws.query.grid_children(tree.village, include_retired=True)] == ["第一网格", "第二网格"]


def test_workers_are_added_and_removed(ws: Workspace, tree: Tree) -> None:
    worker = ws.grid.add_worker(SYSTEM, tree.grid1, "王芳", role="网格长", kind="兼职", phone="13700000000").id
    [view] = ws.query.grid_workers(tree.grid1)
    assert (view.name, view.role, view.kind, view.phone) == ("王芳", "网格长", "兼职", "13700000000")
    with pytest.raises(RuleViolation, match="角色"):
        ws.grid.add_worker(SYSTEM, tree.grid1, "赵六", role="队长")
    ws.grid.remove_worker(SYSTEM, tree.grid1, worker)
    assert ws.query.grid_workers(tree.grid1) == []


def test_empty_names_and_unknown_nodes_get_clear_messages(ws: Workspace, tree: Tree) -> None:
    with pytest.raises(RuleViolation, match="名称不能为空"):
        ws.grid.rename(SYSTEM, tree.grid1, "  ")
    with pytest.raises(NotFound, match="找不到"):
        ws.grid.rename(SYSTEM, "0" * 32, "x")



def test_the_office_node_is_the_one_set_up_else_the_end_of_the_single_chain(tmp_path, ws: Workspace,
                                                                             tree: Tree) -> None:
    empty = Workspace.open(backends.database_at(tmp_path / "empty.sqlite3"))
    assert empty.query.office_node() is None
    empty.close()
    # 宁陵县 → 清河镇 → 幸福村 is a single chain; 幸福村 has two grids, so the village is the office's node.
    assert ws.query.office_node().id == tree.village
    other = Workspace.open(backends.database_at(tmp_path / "town.sqlite3"))
    town_root = other.grid.create(SYSTEM, None, "清河镇").id
    other.grid.create(SYSTEM, town_root, "甲村")
    second = other.grid.create(SYSTEM, town_root, "乙村").id
    assert other.query.office_node().id == town_root
    other.init_office("乙村村民委员会", "411423", node_id=second)
    assert other.office.node_id == second and other.query.office_node().name == "乙村"
    other.close()

"""ws.setup: an office set up from the division codes — its chain of nodes, grids, official places, identity."""

from __future__ import annotations

from pathlib import Path

import backends
import pytest
from sqlalchemy import select

from gridapp import divisions
from gridapp.changes import Table
from gridapp.dto import SYSTEM, GridPlan
from gridapp.errors import RuleViolation
from gridapp.models import GridNode, Office
from gridapp.workspace import Workspace

VILLAGE = "411423100201"  # 河南省商丘市宁陵县城关回族镇东街村委会
TOWN = "411423100"


@pytest.fixture
def blank(tmp_path: Path):
    workspace = Workspace.open(backends.database_at(tmp_path / "blank.sqlite3"))
    yield workspace
    workspace.close()


def _tree(ws: Workspace, parent_id: str | None = None, depth: int = 0) -> list[tuple[int, str, str, str]]:
    """(depth, level label, code, name) of every node, depth first."""
    rows = []
    for row in ws.query.grid_children(parent_id):
        rows.append((depth, row.level_label, row.code, row.name))
        rows += _tree(ws, row.id, depth + 1)
    return rows


@pytest.mark.parametrize("code, name", [
    (VILLAGE, "东街村村民委员会"),
    ("411423100001", "新区社区居民委员会"),
    (TOWN, "城关回族镇人民政府"),
    ("411423", "宁陵县网格化服务管理中心"),
    ("411423000000", "宁陵县网格化服务管理中心"),
])
def test_propose_office_name(blank: Workspace, code: str, name: str) -> None:
    assert blank.setup.propose_office_name(code) == name


@pytest.mark.parametrize("code, message", [
    ("999999", "找不到区划代码“999999”"),
    ("4114", "“商丘市”是地级区划"),
    ("41", "“河南省”是省级区划"),
])
def test_no_office_above_the_county_or_for_an_unknown_code(blank: Workspace, code: str, message: str) -> None:
    with pytest.raises(RuleViolation, match=message):
        blank.setup.propose_office_name(code)
    with pytest.raises(RuleViolation, match=message):
        blank.setup.create(SYSTEM, code, "某单位", [])
    assert blank.office is None


@pytest.mark.parametrize("count, last", [
    (1, "第一网格"), (9, "第九网格"), (10, "第十网格"), (11, "第十一网格"), (19, "第十九网格"), (20, "第二十网格"),
    (21, "第二十一网格"), (40, "第四十网格"), (99, "第九十九网格"),
])
def test_grid_names(blank: Workspace, count: int, last: str) -> None:
    names = blank.setup.grid_names(count)
    assert len(names) == count and names[0] == "第一网格" and names[-1] == last
    assert len(set(names)) == count


def test_grid_names_limits(blank: Workspace) -> None:
    assert blank.setup.grid_names(0) == []
    assert blank.setup.grid_names(2, "微网格") == ["第一微网格", "第二微网格"]
    with pytest.raises(RuleViolation, match="一次最多建立99个网格"):
        blank.setup.grid_names(100)


def test_village_office_with_grids_and_micro_grids(blank: Workspace) -> None:
    ws = blank
    grids = [GridPlan(name, tuple(ws.setup.grid_names(2, "微网格"))) for name in ws.setup.grid_names(3)]
    outcome = ws.setup.create(SYSTEM, VILLAGE, "东街村村民委员会", grids)
    assert _tree(ws) == [
        (0, "县(市/区)", "411423000000", "宁陵县"),
        (1, "镇(街道)", "411423100000", "城关回族镇"),
        (2, "村(社区)", "411423100201", "东街村"),
        (3, "网格", "41142310020101", "第一网格"),
        (4, "微网格", "4114231002010101", "第一微网格"),
        (4, "微网格", "4114231002010102", "第二微网格"),
        (3, "网格", "41142310020102", "第二网格"),
        (4, "微网格", "4114231002010201", "第一微网格"),
        (4, "微网格", "4114231002010202", "第二微网格"),
        (3, "网格", "41142310020103", "第三网格"),
        (4, "微网格", "4114231002010301", "第一微网格"),
        (4, "微网格", "4114231002010302", "第二微网格"),
    ]
    office = ws.office
    village = ws.query.find_grid(VILLAGE)
    assert (office.name, office.county_code, office.node_id) == ("东街村村民委员会", "411423", village.id)
    assert outcome.id == village.id and outcome.changes.touches(Table.GRID_NODES)
    assert ws.query.office_node().id == village.id
    with ws.read() as s:  # the nodes are this office's records
        assert set(s.scalars(select(GridNode.office_id))) == {office.id}


def test_town_office_with_its_official_villages(blank: Workspace) -> None:
    ws = blank
    ws.setup.create(SYSTEM, TOWN, ws.setup.propose_office_name(TOWN), [], official_children=True)
    town = ws.query.find_grid(TOWN)
    assert ws.office.node_id == town.id and ws.office.name == "城关回族镇人民政府"
    villages = ws.query.grid_children(town.id)
    assert ("411423100201", "东街村", 3) in [(v.code, v.name, v.level) for v in villages]
    assert ("411423100001", "新区社区", 3) in [(v.code, v.name, v.level) for v in villages]
    assert [v.code for v in villages] == sorted(v.code for v in villages)
    assert all(v.code.startswith(TOWN) and len(v.code) == 12 for v in villages)
    assert len(villages) == len(divisions.children(TOWN))


def test_county_office_with_its_official_towns(blank: Workspace) -> None:
    ws = blank
    ws.setup.create(SYSTEM, "411423", "宁陵县网格化服务管理中心", official_children=True)
    county = ws.query.find_grid("411423")
    assert county.level == 1 and ws.office.node_id == county.id
    towns = ws.query.grid_children(county.id)
    assert ("411423100000", "城关回族镇", 2) in [(t.code, t.name, t.level) for t in towns]
    assert all(t.child_count == 0 for t in towns)  # towns only, not their villages


def test_without_official_children_only_the_chain(blank: Workspace) -> None:
    blank.setup.create(SYSTEM, TOWN, "城关回族镇人民政府")
    assert [row[2] for row in _tree(blank)] == ["411423000000", "411423100000"]


def test_an_office_named_before_gets_its_tree_and_keeps_its_identity(ws: Workspace) -> None:
    """A database set up by name only (``init --office-name`` or an older version's first start) is completed."""
    before = ws.office
    ws.setup.create(SYSTEM, VILLAGE, "东街村村民委员会", [GridPlan("第一网格")])
    after = ws.office
    assert (after.id, after.name, after.county_code) == (before.id, "东街村村民委员会", "411423")
    assert ws.query.grid_node(after.node_id).name == "东街村"
    with pytest.raises(RuleViolation, match="本数据库已经建立过单位“东街村村民委员会”，不能重复设置"):
        ws.setup.create(SYSTEM, VILLAGE, "东街村村民委员会", [])


def test_a_used_database_is_refused(ws: Workspace, blank: Workspace) -> None:
    ws.grid.create(SYSTEM, None, "宁陵县")
    with pytest.raises(RuleViolation, match="本数据库已经建立过单位“测试村村民委员会”，不能重复设置"):
        ws.setup.create(SYSTEM, VILLAGE, "东街村村民委员会", [])
    blank.grid.create(SYSTEM, None, "宁陵县")
    with pytest.raises(RuleViolation, match=r"本数据库已经建立过网格（1个），不能重复设置"):
        blank.setup.create(SYSTEM, VILLAGE, "东街村村民委员会", [])
    assert blank.office is None


def test_second_setup_is_refused(blank: Workspace) -> None:
    blank.setup.create(SYSTEM, VILLAGE, "东街村村民委员会")
    with pytest.raises(RuleViolation, match="不能重复设置"):
        blank.setup.create(SYSTEM, TOWN, "城关回族镇人民政府")


def test_grids_only_under_a_village(blank: Workspace) -> None:
    with pytest.raises(RuleViolation, match="网格建在村（社区）之下"):
        blank.setup.create(SYSTEM, TOWN, "城关回族镇人民政府", [GridPlan("第一网格")])


def test_office_name_is_required(blank: Workspace) -> None:
    with pytest.raises(RuleViolation, match="请填写本单位名称"):
        blank.setup.create(SYSTEM, VILLAGE, "  ")


def test_passphrase_is_stored_with_the_rest(blank: Workspace, tmp_path: Path) -> None:
    key = tmp_path / "sync.key"
    blank.setup.create(SYSTEM, VILLAGE, "东街村村民委员会", passphrase="全县统一口令2026", key_file=key)
    store = blank.sync.passphrase(key)
    assert store.load() == "全县统一口令2026" and store.verify("全县统一口令2026")


def test_all_or_nothing(blank: Workspace, tmp_path: Path) -> None:
    with pytest.raises(RuleViolation, match="同步口令至少 8 位"):
        blank.setup.create(SYSTEM, VILLAGE, "东街村村民委员会", [GridPlan("第一网格")], passphrase="short",
                           key_file=tmp_path / "sync.key")
    assert blank.office is None and blank.query.grid_children(None) == []
    with blank.read() as s:
        assert s.scalars(select(Office)).all() == []
    blank.setup.create(SYSTEM, VILLAGE, "东街村村民委员会")  # and the database can still be set up
    assert blank.office.name == "东街村村民委员会"


def test_init_office_still_works_and_reloads(blank: Workspace) -> None:
    office = blank.init_office(" 幸福村村民委员会 ", "411423")
    assert (office.name, office.county_code, office.node_id) == ("幸福村村民委员会", "411423", None)
    with pytest.raises(RuleViolation, match="不能重复初始化"):
        blank.init_office("别的村")


@pytest.mark.parametrize("typed", ["411423", "411423000000", "411423100", "411423100000", "宁陵县", "城关回族镇"])
def test_find_grid_by_short_or_padded_code(blank: Workspace, typed: str) -> None:
    blank.setup.create(SYSTEM, TOWN, "城关回族镇人民政府")
    assert blank.query.find_grid(typed).code in ("411423000000", "411423100000")

"""Shared fixtures: a fresh database per test, a small grid tree, and a demo village copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from factories import Tree, empty_workspace

from gridapp.dto import SYSTEM
from gridapp.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path):
    workspace = empty_workspace(tmp_path / "test.sqlite3")
    workspace.init_office("测试村村民委员会", "411423")
    yield workspace
    workspace.close()


@pytest.fixture
def tree(ws: Workspace) -> Tree:
    county = ws.grid.create(SYSTEM, None, "宁陵县", code="411423").id
    town = ws.grid.create(SYSTEM, county, "清河镇", code="411423101").id
    village = ws.grid.create(SYSTEM, town, "幸福村", code="411423101001").id
    grid1 = ws.grid.create(SYSTEM, village, "第一网格", code="41142310100101").id
    grid2 = ws.grid.create(SYSTEM, village, "第二网格", code="41142310100102").id
    micro = ws.grid.create(SYSTEM, grid1, "第一微网格").id
    return Tree(county, town, village, grid1, grid2, micro)


@pytest.fixture(scope="session")
def demo_village_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from gridapp.demo import generate

    path = tmp_path_factory.mktemp("demo") / "village.sqlite3"
    workspace = Workspace.open(path)
    generate(workspace, "village", seed=1)
    workspace.close()
    return path


@pytest.fixture
def demo_ws(demo_village_file: Path, tmp_path: Path):
    """A private copy of the demo village (generated once per run)."""
    target = tmp_path / "demo.sqlite3"
    shutil.copy(demo_village_file, target)
    workspace = Workspace.open(target)
    yield workspace
    workspace.close()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL server for the whole run (see tests/postgres_cluster.py)."""
    from postgres_cluster import Cluster

    cluster = Cluster()
    yield cluster
    cluster.stop()

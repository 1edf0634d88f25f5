"""Shared fixtures: a fresh database per test, a small grid tree, and a demo village copied per test — on
SQLite files, or with GRIDAPP_TEST_DB=postgresql on the run's PostgreSQL cluster (see backends.py)."""

from __future__ import annotations

from pathlib import Path

import backends
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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In the PostgreSQL pass, tests about the SQLite file itself are skipped, saying why."""
    if not backends.POSTGRESQL:
        return
    for item in items:
        if (marker := item.get_closest_marker("sqlite_only")) is not None:
            reason = marker.args[0] if marker.args else "about the SQLite file itself"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


@pytest.fixture(scope="session", autouse=True)
def _backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The PostgreSQL pass: the cluster, and a data folder of its own (a server database keeps attachments
    there)."""
    if not backends.POSTGRESQL:
        yield
        return
    backends.use_cluster(request.getfixturevalue("pg_cluster"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
        yield


@pytest.fixture(autouse=True)
def _test_databases(request: pytest.FixtureRequest):
    """The PostgreSQL databases a test made are dropped after it; its data folder (where a server database's
    attachments go) is its own."""
    if not backends.POSTGRESQL:
        yield
        return
    mark = backends.made_count()
    request.getfixturevalue("monkeypatch").setenv("XDG_DATA_HOME", str(request.getfixturevalue("tmp_path") / "data"))
    yield
    backends.drop_made_since(mark)


def _generate_demo(location: backends.Location) -> backends.Location:
    from gridapp.demo import generate

    workspace = Workspace.open(location)
    generate(workspace, "village", seed=1)
    workspace.close()
    return location


@pytest.fixture(scope="session")
def demo_village(tmp_path_factory: pytest.TempPathFactory) -> backends.Location:
    """The demo village, generated once per run: a file, or a template database in the PostgreSQL pass."""
    return _generate_demo(backends.database_at(tmp_path_factory.mktemp("demo") / "village.sqlite3", keep=True))


@pytest.fixture(scope="session")
def demo_village_file(demo_village: backends.Location, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo village as a SQLite file in either pass: for the tests about files (backups, damage, crashes)
    and for the embedded database a town carries onto its server."""
    if isinstance(demo_village, Path):
        return demo_village
    return _generate_demo(tmp_path_factory.mktemp("demo-file") / "village.sqlite3")


@pytest.fixture
def demo_ws(demo_village: backends.Location, tmp_path: Path):
    """A private copy of the demo village (generated once per run)."""
    workspace = Workspace.open(backends.database_at(tmp_path / "demo.sqlite3", copy_of=demo_village))
    yield workspace
    workspace.close()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL server for the whole run (see tests/postgres_cluster.py)."""
    from postgres_cluster import Cluster

    cluster = Cluster()
    yield cluster
    cluster.stop()

"""Three offices (two villages and their town) edit overlapping records at random and exchange packages in
random order — some dropped, some delivered twice. Once everyone has imported everything, every office holds
the same data for its scope, and every edit ever made is either the current value or kept in a conflict.

The town is a server: its database is on PostgreSQL in every pass (the villages on the pass's back end)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any
from uuid import uuid4

import backends
import test_sync_offices as support
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule, run_state_machine_as_test
from postgres_cluster import Cluster
from sqlalchemy import select
from test_sync_offices import export, make_offices, receive

from gridapp.dto import SYSTEM
from gridapp.models import GridNode, Place, SyncConflict
from gridapp.sync.tables import content
from gridapp.workspace import Workspace

OFFICES = ("town", "v1", "v2")
LINKS = (("v1", "town"), ("v2", "town"), ("town", "v1"), ("town", "v2"))
_template: dict[str, Any] = {}
_cluster: list[Cluster] = []


def template() -> dict[str, backends.Location]:
    """The three offices after their first packages, built once and copied for every example."""
    if "at" not in _template:
        root = Path(tempfile.mkdtemp(prefix="sync-template-"))
        atexit.register(shutil.rmtree, root, True)
        offices = make_offices(root, town_at=_cluster[0].create_database(f"town_{uuid4().hex[:8]}"))
        _template["ids"] = {k: getattr(offices, k) for k in ("county", "town_node", "village1", "village2",
                                                              "grid11", "grid12", "grid21")}
        offices.close()
        _template["at"] = {name: backends.location(getattr(offices, name)) for name in OFFICES}
    return _template["at"]


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sync-run-"))
        at = template()
        self.town_db = f"town_{uuid4().hex[:8]}"
        town = _cluster[0].create_database(self.town_db, template=backends.database_name(at["town"]))
        self.ws = {name: Workspace.open(town if name == "town" else
                                        backends.database_at(self.root / name / "db.sqlite3", copy_of=at[name]))
                   for name in OFFICES}
        ids = _template["ids"]
        self.ids = ids
        village_grids = {"v1": [ids["village1"], ids["grid11"], ids["grid12"]], "v2": [ids["village2"], ids["grid21"]]}
        self.grids = village_grids
        self.shared_nodes = [ids["county"], ids["town_node"]]
        self.places: list[tuple[str, str]] = []  # (place id, village)
        self.versions: dict[tuple[str, str], dict[tuple[str, str], dict]] = {}  # record -> version -> content
        self.superseded: set[tuple[str, str, str, str]] = set()  # (table, id, hlc, office) built upon
        self.mail: list[tuple[str, Path]] = []
        self.counter = 0

    def teardown(self) -> None:
        try:
            self._exchange_everything()
            self._check_convergence()
            self._check_no_edit_lost()
        finally:
            for ws in self.ws.values():
                ws.close()
            _cluster[0].drop_database(self.town_db)
            shutil.rmtree(self.root, ignore_errors=True)

    # -- edits ------------------------------------------------------------------------------------------------------

    def _edit(self, office: str, table: str, record_id: str, change) -> None:
        ws = self.ws[office]
        before = self._version(ws, table, record_id)
        change(ws)
        self.superseded.add((table, record_id, *before))
        self._remember(ws, table, record_id)

    def _remember(self, ws: Workspace, table: str, record_id: str) -> None:
        row = self._rows(ws)[(table, record_id)]
        self.versions.setdefault((table, record_id), {})[(row["hlc"], row["office_id"])] = content(row)

    def _name(self) -> str:
        self.counter += 1
        return f"名称{self.counter}"

    @rule(office=st.sampled_from(OFFICES), village=st.sampled_from(("v1", "v2")), pick=st.integers(0, 5))
    def create_place(self, office: str, village: str, pick: int) -> None:
        if office not in ("town", village):
            return
        grid = self.grids[village][pick % len(self.grids[village])]
        place_id = self.ws[office].places.create(SYSTEM, grid, name=self._name()).id
        self.places.append((place_id, village))
        self._remember(self.ws[office], "places", place_id)

    @precondition(lambda self: self.places)
    @rule(office=st.sampled_from(OFFICES), pick=st.integers(0, 50), field=st.sampled_from(("name", "contact_name")))
    def edit_place(self, office: str, pick: int, field: str) -> None:
        place_id = self._live_place(office, pick)
        if place_id:
            self._edit(office, "places", place_id,
                       lambda ws: ws.places.update(SYSTEM, place_id, **{field: self._name()}))

    @precondition(lambda self: self.places)
    @rule(office=st.sampled_from(OFFICES), pick=st.integers(0, 50), to=st.integers(0, 5))
    def move_place(self, office: str, pick: int, to: int) -> None:
        place_id = self._live_place(office, pick)
        if place_id:
            grids = self.grids[dict(self.places)[place_id]]
            self._edit(office, "places", place_id,
                       lambda ws: ws.places.update(SYSTEM, place_id, grid_id=grids[to % len(grids)]))

    @precondition(lambda self: self.places)
    @rule(office=st.sampled_from(OFFICES), pick=st.integers(0, 50))
    def delete_place(self, office: str, pick: int) -> None:
        place_id = self._live_place(office, pick)
        if place_id:
            self._edit(office, "places", place_id, lambda ws: ws.recycle.delete(SYSTEM, "place", place_id))

    @rule(office=st.sampled_from(OFFICES), pick=st.integers(0, 1))
    def rename_shared_node(self, office: str, pick: int) -> None:
        node = self.shared_nodes[pick]
        self._edit(office, "grid_nodes", node, lambda ws: ws.grid.rename(SYSTEM, node, self._name()))

    # -- mail -------------------------------------------------------------------------------------------------------

    @rule(link=st.sampled_from(LINKS))
    def write_package(self, link: tuple[str, str]) -> None:
        src, dst = link
        self.mail.append((dst, export(self.ws[src], self.ws[dst], self.root / "usb")))

    @precondition(lambda self: self.mail)
    @rule(pick=st.integers(0, 50), keep=st.booleans())
    def deliver(self, pick: int, keep: bool) -> None:
        """Import one package; ``keep`` leaves it in the mail to be delivered again later."""
        dst, path = self.mail[pick % len(self.mail)]
        receive(self.ws[dst], path)
        if not keep:
            self.mail.remove((dst, path))

    @precondition(lambda self: self.mail)
    @rule(pick=st.integers(0, 50))
    def lose(self, pick: int) -> None:
        self.mail.pop(pick % len(self.mail))

    # -- the end ----------------------------------------------------------------------------------------------------

    def _exchange_everything(self) -> None:
        for dst, path in self.mail:  # late deliveries of old packages first
            receive(self.ws[dst], path)
        for _ in range(2):
            for src, dst in LINKS:
                receive(self.ws[dst], export(self.ws[src], self.ws[dst], self.root / "usb"))

    def _check_convergence(self) -> None:
        town = self._rows(self.ws["town"])
        for village, node in (("v1", self.ids["village1"]), ("v2", self.ids["village2"])):
            mine = self._rows(self.ws[village])
            in_scope = {k: v for k, v in town.items() if k in mine or self._in(town, k, node)}
            assert mine == in_scope, f"{village} differs from the town"

    def _check_no_edit_lost(self) -> None:
        town = self._rows(self.ws["town"])
        kept: set[tuple[str, str, str, str]] = set()
        for ws in self.ws.values():
            with ws.read() as s:
                kept |= set(s.execute(select(SyncConflict.table_name, SyncConflict.record_id, SyncConflict.lost_hlc,
                                             SyncConflict.lost_office_id)).all())
        for (table, record_id), versions in self.versions.items():
            current = town[(table, record_id)]
            for (hlc, office), values in versions.items():
                key = (table, record_id, hlc, office)
                if key in self.superseded or values == content(current):  # built upon, or what is there now
                    continue
                assert key in kept, f"an edit of {table} {record_id} was lost: {hlc} by {office}"

    # -- reading ----------------------------------------------------------------------------------------------------

    def _live_place(self, office: str, pick: int) -> str | None:
        place_id = self.places[pick % len(self.places)][0]
        with self.ws[office].read() as s:
            row = s.get(Place, place_id)
            return place_id if row is not None and not row.deleted else None

    @staticmethod
    def _version(ws: Workspace, table: str, record_id: str) -> tuple[str, str] | None:
        model = Place if table == "places" else GridNode
        with ws.read() as s:
            row = s.get(model, record_id)
            return (row.hlc, row.office_id) if row is not None else None

    @staticmethod
    def _rows(ws: Workspace) -> dict[tuple[str, str], dict]:
        out = {}
        with ws.read() as s:
            conn = s.connection()
            for model in (Place, GridNode):
                for row in conn.execute(select(model.__table__)).mappings():
                    out[(model.__tablename__, row["id"])] = {**content(dict(row)), "hlc": row["hlc"],
                                                             "office_id": row["office_id"]}
        return out

    @staticmethod
    def _in(rows: dict[tuple[str, str], dict], key: tuple[str, str], village: str) -> bool:
        row = rows[key]
        grid = row if key[0] == "grid_nodes" else rows[("grid_nodes", row["grid_id"])]
        return f"/{village}/" in grid["path"]


fast_kdf = support.fast_kdf  # the shared fixture: packages with a cheap scrypt cost


def test_offices_converge_with_the_town_on_postgresql(pg_cluster: Cluster) -> None:
    _cluster[:] = [pg_cluster]
    run_state_machine_as_test(SyncMachine, settings=settings(
        max_examples=20, stateful_step_count=15, deadline=None, suppress_health_check=[HealthCheck.too_slow]))

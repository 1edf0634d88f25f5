"""Sync between a town and two villages: round trips, idempotence, order, scope, duplicates, attachments,
conflicts. The helpers here (offices, send, snapshot) are shared by the other test_sync_* modules."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import backends
import pytest
from factories import empty_workspace, family, recording, valid_id
from sqlalchemy import event, inspect, select

import gridapp.sync.container
import gridapp.sync.journal
from gridapp.changes import Table
from gridapp.dto import SYSTEM, Actor, AttachmentInput, CaseInput, VisitInput
from gridapp.errors import AlreadyImported, StorageError
from gridapp.models import Case, GridNode, Person, Place, Visit
from gridapp.services.cases import attachment_store
from gridapp.sync.dto import ImportSummary
from gridapp.workspace import Workspace

PASS = "宁陵县同步口令2026"
COUNTY = "411423"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """Tests write many packages: a cheap scrypt cost (the header carries it, so readers follow)."""
    monkeypatch.setattr(gridapp.sync.container, "SCRYPT_LOG2_N", 8)


@dataclass
class Offices:
    town: Workspace
    v1: Workspace
    v2: Workspace
    usb: Path
    county: str
    town_node: str
    village1: str
    village2: str
    grid11: str
    grid12: str
    grid21: str

    def all(self) -> list[Workspace]:
        return [self.town, self.v1, self.v2]

    def close(self) -> None:
        for ws in self.all():
            ws.close()


def open_office(path: Path, name: str, county: str = COUNTY, at: str | None = None) -> Workspace:
    """A new office at ``path`` (on the run's back end), or on the blank database ``at`` (a server URL)."""
    ws = empty_workspace(path) if at is None else Workspace.open(at)
    ws.init_office(name, county)
    return ws


def make_offices(root: Path, town_at: str | None = None) -> Offices:
    """The town draws the tree and hands each village its part in a first full package. ``town_at``: the
    town's own database (a county or town server), else a new one on the run's back end."""
    town = open_office(root / "town" / "db.sqlite3", "清河镇人民政府", at=town_at)
    county = town.grid.create(SYSTEM, None, "宁陵县", code="411423").id
    town_node = town.grid.create(SYSTEM, county, "清河镇", code="411423101").id
    village1 = town.grid.create(SYSTEM, town_node, "幸福村", code="411423101001").id
    village2 = town.grid.create(SYSTEM, town_node, "富强村", code="411423101002").id
    grid11 = town.grid.create(SYSTEM, village1, "幸福村第一网格").id
    grid12 = town.grid.create(SYSTEM, village1, "幸福村第二网格").id
    grid21 = town.grid.create(SYSTEM, village2, "富强村第一网格").id
    v1 = open_office(root / "v1" / "db.sqlite3", "幸福村村民委员会")
    v2 = open_office(root / "v2" / "db.sqlite3", "富强村村民委员会")
    usb = root / "usb"
    for village, node in ((v1, village1), (v2, village2)):
        summary = town.sync.export_package(SYSTEM, usb, None, node, PASS)
        village.sync.apply(SYSTEM, village.sync.read_package(summary.path, PASS))
    return Offices(town, v1, v2, usb, county, town_node, village1, village2, grid11, grid12, grid21)


@pytest.fixture
def offices(tmp_path: Path):
    o = make_offices(tmp_path)
    yield o
    o.close()


def export(src: Workspace, dst: Workspace, usb: Path) -> Path:
    """An incremental package for ``dst`` when ``src`` knows it, else a full one."""
    known = any(p.office_id == dst.office.id for p in src.sync.status().peers)
    return src.sync.export_package(SYSTEM, usb, dst.office.id if known else None, None, PASS).path


def receive(dst: Workspace, path: Path) -> ImportSummary | None:
    try:
        return dst.sync.apply(SYSTEM, dst.sync.read_package(path, PASS))
    except AlreadyImported:
        return None


def send(src: Workspace, dst: Workspace, usb: Path) -> ImportSummary | None:
    return receive(dst, export(src, dst, usb))


def snapshot(ws: Workspace) -> dict[str, list[tuple]]:
    """Every row of every table, for row-for-row comparisons."""
    names = inspect(ws.engine).get_table_names()
    return {n: sorted(map(repr, backends.execute(ws, f'SELECT * FROM "{n}"'))) for n in names}


def place(ws: Workspace, place_id: str) -> Place:
    with ws.read() as s:
        return s.get(Place, place_id)


# -- round trips ----------------------------------------------------------------------------------------------------

def test_first_package_gives_a_village_its_part_of_the_tree_and_its_scope(offices: Offices) -> None:
    with offices.v1.read() as s:
        names = set(s.scalars(select(GridNode.name)))
    assert names == {"宁陵县", "清河镇", "幸福村", "幸福村第一网格", "幸福村第二网格"}  # ancestors, not 富强村
    assert offices.v1.sync.scope() == offices.village1
    assert offices.v1.sync.status().peers[0].name == "清河镇人民政府"


def test_a_village_edit_reaches_the_town_and_only_changes_travel_back(offices: Offices) -> None:
    o = offices
    hid = o.v1.households.create(SYSTEM, family(o.grid11)).id
    pkg = o.town.sync.read_package(export(o.v1, o.town, o.usb), PASS)
    preview = o.town.sync.preview(pkg)
    summary = o.town.sync.apply(SYSTEM, pkg)
    assert (summary.totals.new, summary.totals.conflicts) == (4, 0)  # household and three people
    assert preview.tables == summary.tables  # the preview said exactly what the import did
    assert summary.changes.tables == {Table.HOUSEHOLDS, Table.PERSONS}  # what open views read again
    assert o.town.query.stats()["persons"] == 3
    back = o.town.sync.export_package(SYSTEM, o.usb, o.v1.office.id, None, PASS)
    assert back.record_total == 0  # the village acknowledged nothing new is owed... and has it all
    o.town.places.create(SYSTEM, o.grid11, name="幸福超市")
    later = o.town.sync.export_package(SYSTEM, o.usb, o.v1.office.id, None, PASS)
    assert later.package.record_counts == {"places": 1}
    receive(o.v1, later.path)
    with o.v1.read() as s:
        assert s.scalar(select(Place.name)) == "幸福超市"
        assert s.get(Person, o.town.query.household(hid).members[0].id).name == "曾秀英"


def test_importing_the_same_package_twice_changes_nothing(offices: Offices) -> None:
    o = offices
    o.v1.places.create(SYSTEM, o.grid11, name="小卖部")
    path = export(o.v1, o.town, o.usb)
    pkg = o.town.sync.read_package(path, PASS)
    o.town.sync.apply(SYSTEM, pkg)
    before = snapshot(o.town)
    with pytest.raises(AlreadyImported, match="已经导入过"):
        o.town.sync.read_package(path, PASS)
    with pytest.raises(AlreadyImported):
        o.town.sync.apply(SYSTEM, pkg)  # the same package object applied again
    assert snapshot(o.town) == before


def test_packages_out_of_order_end_in_the_latest_state(offices: Offices) -> None:
    o = offices
    pid = o.v1.places.create(SYSTEM, o.grid11, name="一号").id
    first = export(o.v1, o.town, o.usb)
    o.v1.places.update(SYSTEM, pid, name="二号")
    second = export(o.v1, o.town, o.usb)
    assert receive(o.town, second).totals.new == 1
    late = receive(o.town, first)
    assert late.totals.unchanged == 1 and late.totals.conflicts == 0
    assert place(o.town, pid).name == "二号"


def test_rows_outside_the_office_scope_are_counted_and_ignored(offices: Offices) -> None:
    o = offices
    o.town.places.create(SYSTEM, o.grid21, name="富强村小学")
    o.town.places.create(SYSTEM, o.grid11, name="幸福村小学")
    full = o.town.sync.export_package(SYSTEM, o.usb, None, None, PASS)  # the whole county
    summary = receive(o.v1, full.path)
    assert summary.tables[[t.table for t in summary.tables].index("places")].out_of_scope == 1
    assert summary.totals.out_of_scope >= 3  # 富强村, its grid and its school
    with o.v1.read() as s:
        assert set(s.scalars(select(Place.name))) == {"幸福村小学"}


def test_the_same_person_registered_in_two_villages_is_a_duplicate_not_a_failure(offices: Offices) -> None:
    o = offices
    same = valid_id("41142319800101001")
    o.v1.households.create(SYSTEM, family(o.grid11, head_id=same))
    alone = family(o.grid21, head_id=same)
    alone.members = alone.members[:1]
    o.v2.households.create(SYSTEM, alone)
    send(o.v1, o.town, o.usb)
    summary = send(o.v2, o.town, o.usb)
    assert summary.totals.duplicates == 1 and summary.totals.new == 2
    [dup] = o.town.sync.duplicates()
    assert dup.id_number == same
    assert {p.name for p in dup.persons} == {"曾秀英"}
    assert {p.grid_name for p in dup.persons} == {"幸福村第一网格", "富强村第一网格"}
    keep = next(p.person_id for p in dup.persons if p.grid_name == "幸福村第一网格")  # the head of a family
    o.town.sync.merge_duplicate(SYSTEM, dup.id, keep)
    assert o.town.sync.duplicates() == []
    with o.town.read() as s:
        live = s.scalars(select(Person.id).where(Person.id_number == same, ~Person.deleted)).all()
    assert live == [keep]


def test_attachments_travel_once_and_arrive_intact(offices: Offices) -> None:
    o = offices
    hid = o.v1.households.create(SYSTEM, family(o.grid11)).id
    photo = bytes(range(256)) * 40
    o.v1.visits.record(SYSTEM, VisitInput(target_kind="household", target_id=hid, visited_on=o.v1.today(),
                                          content="入户走访", attachments=[AttachmentInput("门牌.jpg", data=photo)]))
    first = o.v1.sync.export_package(SYSTEM, o.usb, o.town.office.id, None, PASS)
    assert first.attachment_bytes == len(photo)
    assert receive(o.town, first.path).attachments_stored == 1
    stored = [p for p in attachment_store(o.town).root.rglob("*") if p.is_file()]
    assert [(p.name, p.read_bytes()) for p in stored] == [(hashlib.sha256(photo).hexdigest(), photo)]
    send(o.town, o.v1, o.usb)
    again = o.v1.sync.export_package(SYSTEM, o.usb, o.town.office.id, None, PASS)
    assert again.attachment_bytes == 0 and again.record_total == 0


@pytest.mark.sqlite_only("the file backup taken before an import (a server's are pg_dump's)")
def test_a_big_import_leaves_a_backup_first(offices: Offices, monkeypatch: pytest.MonkeyPatch) -> None:
    """(A small one keeps an undo journal instead: tests/core/test_import_undo.py.)"""
    monkeypatch.setattr(gridapp.sync.journal, "JOURNAL_LIMIT", 0)
    o = offices
    before = len(o.town.backups.list())
    o.v1.places.create(SYSTEM, o.grid11, name="卫生室")
    summary = send(o.v1, o.town, o.usb)
    assert len(o.town.backups.list()) == before + 1
    assert Path(summary.backup_path).exists()
    with sqlite3.connect(summary.backup_path) as conn:  # the backup holds the state before the import
        assert conn.execute("SELECT count(*) FROM places").fetchone()[0] == 0
    [entry, *_] = o.town.sync.history()
    assert (entry.direction_label, entry.totals.new, entry.office_name) == ("导入", 1, "幸福村村民委员会")


# -- conflicts ------------------------------------------------------------------------------------------------------

def test_a_concurrent_edit_keeps_the_loser_and_a_resolution_syncs(offices: Offices) -> None:
    o = offices
    pid = o.town.places.create(SYSTEM, o.grid11, name="粮油店").id
    send(o.town, o.v1, o.usb)
    o.v1.places.update(SYSTEM, pid, name="粮油店", contact_name="李四")
    o.town.places.update(SYSTEM, pid, name="粮油商店")  # later: wins
    summary = send(o.v1, o.town, o.usb)
    assert summary.totals.conflicts == 1
    assert summary.changes.touches(Table.PLACES, Table.SYNC_CONFLICTS)
    assert place(o.town, pid).name == "粮油商店"
    [conflict] = o.town.sync.conflicts()
    assert {f.name: (f.kept, f.lost) for f in conflict.fields} == {
        "name": ("粮油商店", "粮油店"), "contact_name": ("", "李四")}
    assert conflict.lost_office_name == "幸福村村民委员会"
    o.town.sync.resolve_conflict(Actor("王主任"), conflict.id, {"contact_name": "李四"})  # combine both
    assert o.town.sync.conflicts() == []
    assert o.town.sync.conflicts(status=None)[0].resolution == "combined"
    send(o.town, o.v1, o.usb)
    merged = place(o.v1, pid)
    assert (merged.name, merged.contact_name) == ("粮油商店", "李四")
    assert o.v1.sync.conflicts() == []  # the village built on nothing it lost: the town already kept it


def test_a_conflict_shows_dates_as_dates_and_referenced_records_by_name(offices: Offices) -> None:
    o = offices
    first = o.v1.households.create(SYSTEM, family(o.grid11, "001")).id
    second = o.v1.households.create(SYSTEM, family(o.grid11, "002", head_id=valid_id("41142319900101003"))).id
    day = o.v1.today()
    vid = o.v1.visits.record(SYSTEM, VisitInput("household", first, visited_on=day - timedelta(days=3),
                                                content="入户了解情况")).id
    send(o.v1, o.town, o.usb)
    o.v1.visits.update(SYSTEM, vid, VisitInput("household", second, visited_on=day - timedelta(days=2),
                                                content="入户了解情况"))
    o.town.visits.update(SYSTEM, vid, VisitInput("household", first, visited_on=day - timedelta(days=1),
                                                 content="入户了解情况"))  # later: wins
    send(o.v1, o.town, o.usb)
    [conflict] = o.town.sync.conflicts()
    fields = {f.name: f for f in conflict.fields}
    assert (fields["visited_on"].kept, fields["visited_on"].lost) == (day - timedelta(days=1), day - timedelta(days=2))
    assert fields["visited_on"].label == "走访日期"
    assert (fields["household_id"].kept_name, fields["household_id"].lost_name) == ("幸福村1组001号", "幸福村1组002号")
    assert fields["target_id"].lost_name == "幸福村1组002号" and fields["visited_on"].lost_name == ""
    o.town.sync.resolve_conflict(SYSTEM, conflict.id, conflict.lost_values)  # decoded values write back as they were
    assert o.town.sync.conflicts(status=None)[0].resolution == "lost"
    with o.town.read() as s:
        assert s.get(Visit, vid).visited_on == day - timedelta(days=2)


def statements(ws: Workspace, read: Callable[[], object]) -> int:
    """How many SQL statements ``read`` sends."""
    sent: list[str] = []

    def listener(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        sent.append(statement)

    event.listen(ws.engine, "before_cursor_execute", listener)
    try:
        read()
    finally:
        event.remove(ws.engine, "before_cursor_execute", listener)
    return len(sent)


def test_the_review_lists_read_in_a_fixed_number_of_queries(offices: Offices) -> None:
    o = offices
    places = [o.town.places.create(SYSTEM, o.grid11, name=f"商店{i}").id for i in range(3)]
    send(o.town, o.v1, o.usb)
    counts = []
    for pid in places:
        o.v1.places.update(SYSTEM, pid, name="本村改名", grid_id=o.grid12)
        o.town.places.update(SYSTEM, pid, name="镇上改名")
        send(o.v1, o.town, o.usb)
        counts.append(statements(o.town, lambda: o.town.sync.conflicts()))
    assert len(o.town.sync.conflicts()) == 3
    assert counts[0] == counts[-1]  # not one query per conflict


def test_a_sequential_edit_is_not_a_conflict(offices: Offices) -> None:
    o = offices
    pid = o.v1.places.create(SYSTEM, o.grid11, name="药店").id
    send(o.v1, o.town, o.usb)
    o.town.places.update(SYSTEM, pid, name="大药房")
    assert send(o.town, o.v1, o.usb).totals.conflicts == 0
    assert place(o.v1, pid).name == "大药房"
    o.v1.places.update(SYSTEM, pid, name="平价大药房")
    assert send(o.v1, o.town, o.usb).totals.conflicts == 0
    assert place(o.town, pid).name == "平价大药房"


def test_a_moved_grid_node_and_an_edit_below_it_make_one_consistent_tree(offices: Offices) -> None:
    o = offices
    micro = o.town.grid.create(SYSTEM, o.grid11, "微网格").id
    send(o.town, o.v1, o.usb)
    o.town.grid.move(SYSTEM, o.grid11, o.village2)  # the town re-hangs the grid under the other village
    o.v1.grid.rename(SYSTEM, micro, "一号微网格")  # meanwhile the village renames the micro-grid (later)
    send(o.town, o.v1, o.usb)
    send(o.v1, o.town, o.usb)
    with o.town.read() as s:
        node, parent = s.get(GridNode, micro), s.get(GridNode, o.grid11)
        assert node.name == "一号微网格"
        assert parent.parent_id == o.village2
        assert node.path == parent.path + micro + "/"


def test_two_offices_issuing_the_same_case_number_both_keep_their_case(offices: Offices) -> None:
    o = offices
    first = o.v1.cases.register(SYSTEM, CaseInput(o.grid11, "路灯损坏", "城市管理")).id
    second = o.town.cases.register(SYSTEM, CaseInput(o.grid12, "垃圾堆积", "环境保护")).id
    [(number,)] = backends.execute(o.v1, "SELECT number FROM cases")
    backends.execute(o.town, "UPDATE cases SET number = :n", n=number)  # as if the offices' number tags collided
    send(o.v1, o.town, o.usb)
    send(o.town, o.v1, o.usb)
    keeper, other = sorted((first, second))
    for ws in (o.town, o.v1):  # the same outcome in both offices: the smaller id keeps the number
        with ws.read() as s:
            numbers = dict(s.execute(select(Case.id, Case.number)).all())
        assert numbers == {keeper: number, other: f"{number}-{other[:4].upper()}"}


def test_package_files_are_named_by_office_date_and_sequence_with_nothing_half_written(offices: Offices) -> None:
    o = offices
    seen: list[tuple[int, int]] = []
    first = o.v1.sync.export_package(SYSTEM, o.usb, None, None, PASS, progress=recording(seen))
    second = o.v1.sync.export_package(SYSTEM, o.usb, None, None, PASS)
    day = datetime.now().strftime("%Y%m%d")  # the office's calendar day
    assert (first.path.name, second.path.name) == (f"幸福村村民委员会-{day}-0001.gridsync",
                                                   f"幸福村村民委员会-{day}-0002.gridsync")
    assert seen and seen[-1][0] < seen[-1][1] and all(d <= t for d, t in seen)
    assert not [p for p in o.usb.iterdir() if p.name.startswith(".")]
    [entry, *_] = o.v1.sync.history()
    assert (entry.direction_label, entry.seq, entry.totals.sent) == ("导出", 2, second.record_total)


def test_a_stick_that_cannot_be_written_gets_a_message_about_the_stick(offices: Offices, tmp_path: Path) -> None:
    pulled = tmp_path / "pulled-out"
    pulled.write_text("", encoding="utf-8")  # the folder is gone: writing into it fails like a pulled stick
    with pytest.raises(StorageError, match="检查U盘") as refused:
        offices.v1.sync.export_package(SYSTEM, pulled, None, None, PASS)
    assert "Errno" not in str(refused.value)
    assert [e.direction for e in offices.v1.sync.history()] == ["import"]  # no export recorded

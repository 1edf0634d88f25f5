"""Undoing an import from its journal: every table row for row as before (Excel sheets and sync packages, at
random on the demo village), the package forgotten so it can be imported again, and the refusals — a row
changed since, a record added since that uses an imported one, an undo twice, a big import with only a backup."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path
from uuid import uuid4

import backends
import pytest
import test_sync_offices as sync_support
from factories import Tree, valid_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import_reader import HEADERS, family_rows, import_rows
from test_sync_offices import Offices, export, receive

import gridapp.sync.journal
from gridapp.dto import SYSTEM, AuditFilter, VisitInput
from gridapp.errors import AlreadyImported, RuleViolation
from gridapp.sync.tables import synced_tables
from gridapp.workspace import Workspace

offices = sync_support.offices
fast_kdf = sync_support.fast_kdf
KEPT = {"audit_log", "imports", "import_journal"}  # the log of what was done (and undone) stays
ETHNICITIES = ("汉族", "回族", "满族")
SERIALS = itertools.count(100)  # household numbers and ID numbers the random sync steps have not used


def dump(ws: Workspace, tables: set[str] | None = None) -> dict[str, list[str]]:
    """Every row of every table (but the log of imports), for row-for-row comparisons."""
    return {n: rows for n, rows in sync_support.snapshot(ws).items()
            if n not in KEPT and (tables is None or n in tables)}


def synced(ws: Workspace) -> dict[str, list[str]]:
    return dump(ws, {t.name for t in synced_tables()})


# -- Excel ----------------------------------------------------------------------------------------------------------

def test_undoing_an_excel_import_puts_every_row_back(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    first = import_rows(ws, tmp_path / "first.xlsx", [HEADERS, *family_rows()], tree.grid1)
    before = dump(ws)
    changed = [row[:] for row in family_rows()]
    changed[0][4] = "回族"  # an update of a registered person …
    changed.append(["002", "王五", "户主", valid_id("41142319700101101"), "汉族", ""])  # … and a new household
    second = import_rows(ws, tmp_path / "second.xlsx", [HEADERS, *changed], tree.grid1, policy="update")
    assert (second.persons.updated, second.households.created, second.backup) == (1, 1, None)
    assert [r.label for r in ws.imports.recent(SYSTEM)] == ["second.xlsx（人口）", "first.xlsx（人口）"]

    outcome = ws.imports.undo(SYSTEM, second.import_id)
    assert dump(ws) == before
    assert outcome.changes.tables >= {"households", "persons"}
    assert [r.undone for r in ws.imports.recent(SYSTEM)] == [True, False]
    [entry] = ws.query.audit_entries(AuditFilter(kind="import_undo"))
    assert (entry.action_label, entry.record_id, entry.record_label) == ("撤销导入", second.import_id,
                                                                          "second.xlsx（人口）")
    with pytest.raises(RuleViolation, match="已经撤销过了"):
        ws.imports.undo(SYSTEM, second.import_id)
    ws.imports.undo(SYSTEM, first.import_id)
    assert ws.query.household_ids(tree.grid1) == []


def test_an_import_is_not_undone_over_a_later_edit_or_a_record_that_uses_it(ws: Workspace, tree: Tree,
                                                                             tmp_path: Path) -> None:
    done = import_rows(ws, tmp_path / "a.xlsx", [HEADERS, *family_rows()], tree.grid1)
    [hid] = ws.query.household_ids(tree.grid1)
    ws.visits.record(SYSTEM, VisitInput(target_kind="household", target_id=hid, content="入户走访"))
    with pytest.raises(RuleViolation, match="用到了这次导入的记录") as refused:
        ws.imports.undo(SYSTEM, done.import_id)
    assert "走访记录" in str(refused.value) and "恢复" in str(refused.value)
    assert len(ws.query.household_ids(tree.grid1)) == 1  # nothing was undone

    other = import_rows(ws, tmp_path / "b.xlsx", [HEADERS, ["009", "王五", "户主", valid_id("41142319700101101"),
                                                           "汉族", ""]], tree.grid2)
    [person] = ws.query.household(ws.query.household_ids(tree.grid2)[0]).members
    ws.recycle.delete(SYSTEM, "person", person.id)
    with pytest.raises(RuleViolation, match="又被修改过"):
        ws.imports.undo(SYSTEM, other.import_id)


def test_a_big_import_is_backed_up_whole_and_undone_only_by_restoring(ws: Workspace, tree: Tree, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gridapp.sync.journal, "JOURNAL_LIMIT", 1)
    done = import_rows(ws, tmp_path / "big.xlsx", [HEADERS, *family_rows()], tree.grid1)
    [row] = ws.imports.recent(SYSTEM)
    assert row.journaled == (ws.db_file is None) and row.backup_path == (done.backup or "")
    assert (done.backup is not None) == (ws.db_file is not None)  # a server database journals whatever the size
    if ws.db_file is not None:
        with pytest.raises(RuleViolation, match="恢复导入前的备份"):
            ws.imports.undo(SYSTEM, done.import_id)


def test_only_the_latest_imports_keep_their_journal(ws: Workspace, tree: Tree, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gridapp.sync.journal, "KEEP_JOURNALS", 1)
    older = import_rows(ws, tmp_path / "a.xlsx", [HEADERS, *family_rows()], tree.grid1)
    import_rows(ws, tmp_path / "b.xlsx", [HEADERS, ["009", "王五", "户主", valid_id("41142319700101101"), "汉族", ""]],
                tree.grid2)
    assert [r.journaled for r in ws.imports.recent(SYSTEM)] == [True, False]
    assert backends.execute(ws, "SELECT count(*) FROM import_journal WHERE import_id = :i", i=older.import_id) == [(0,)]
    with pytest.raises(RuleViolation, match="没有逐条留底"):
        ws.imports.undo(SYSTEM, older.import_id)


def test_undoing_needs_the_permission_of_the_import(ws: Workspace, tree: Tree, tmp_path: Path) -> None:
    from gridapp.access import Forbidden
    from gridapp.dto import Actor

    done = import_rows(ws, tmp_path / "a.xlsx", [HEADERS, *family_rows()], tree.grid1)
    viewer = Actor("查看", "u1", "查询", None)
    assert ws.imports.recent(viewer) == []
    with pytest.raises(Forbidden):
        ws.imports.undo(viewer, done.import_id)


# -- sync -----------------------------------------------------------------------------------------------------------

def test_undoing_a_sync_import_restores_the_database_and_forgets_the_package(offices: Offices) -> None:
    o = offices
    o.v1.households.create(SYSTEM, sync_support.family(o.grid11))
    place = o.v1.places.create(SYSTEM, o.grid11, name="卫生室").id
    o.town.places.create(SYSTEM, o.grid12, name="小卖部")
    path = export(o.v1, o.town, o.usb)
    before = dump(o.town)
    summary = receive(o.town, path)
    assert summary is not None and summary.backup_path == ""  # journaled, no copy of the file
    imported = synced(o.town)

    o.town.imports.undo(SYSTEM, summary.import_id)
    assert dump(o.town) == before  # sync_history, peers, arrivals and offices too
    again = receive(o.town, path)  # the package is forgotten: it can be imported again …
    assert again is not None and synced(o.town) == imported  # … to the same data
    with pytest.raises(AlreadyImported):
        o.town.sync.read_package(path, sync_support.PASS)

    o.town.places.update(SYSTEM, place, name="村卫生室")  # a later edit of an imported row
    with pytest.raises(RuleViolation, match="场所“村卫生室”又被修改过"):
        o.town.imports.undo(SYSTEM, again.import_id)


def test_an_import_with_a_conflict_and_a_duplicate_is_undone_with_its_review_lists(offices: Offices) -> None:
    o = offices
    place = o.v1.places.create(SYSTEM, o.grid11, name="卫生室").id
    receive(o.town, export(o.v1, o.town, o.usb))
    o.town.places.update(SYSTEM, place, name="镇里改的名字")
    o.v1.places.update(SYSTEM, place, name="村里改的名字")  # the later edit: the town's version loses
    o.town.households.create(SYSTEM, sync_support.family(o.grid11, "T01", head_id=valid_id("41142319600101999")))
    o.v1.households.create(SYSTEM, sync_support.family(o.grid11, "V01", head_id=valid_id("41142319600101999")))
    path = export(o.v1, o.town, o.usb)
    before = dump(o.town)
    summary = receive(o.town, path)
    assert summary is not None and (summary.totals.conflicts, summary.totals.duplicates) == (1, 1)

    o.town.imports.undo(SYSTEM, summary.import_id)
    assert dump(o.town) == before  # the conflict and the duplicate went with the import
    assert o.town.sync.conflicts("open") == []


# -- at random --------------------------------------------------------------------------------------------------------

families = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(ETHNICITIES), st.booleans()), min_size=1,
                    max_size=4)


def _rows(drawn: list[tuple[int, str, bool]], salt: int) -> list[list[object]]:
    """Households numbered 101…, each a head and ``extra`` members; the numbers repeat across draws so a
    second sheet updates what a first one registered."""
    rows: list[list[object]] = [[*HEADERS, "家庭住址"]]
    for n, (extra, ethnicity, phone) in enumerate(drawn):
        number = f"{101 + n}"
        people = [("户主", "张"), ("妻", "李"), ("子", "王")][:extra + 1]
        for m, (relation, surname) in enumerate(people):
            rows.append([number, f"{surname}{n}{m}", relation, valid_id(f"411423198{n}0{m + 1}0{salt % 10}10{m}"),
                         ethnicity if m == 0 else "汉族", f"1380000{n}{m}{salt % 10}00" if phone else "",
                         f"幸福村{n}组"])
    return rows


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=families, second=families, salt=st.integers(0, 1))
def test_random_excel_imports_on_the_village_are_undone_row_for_row(demo_village: backends.Location,
                                                                     first: list, second: list, salt: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="undo-"))
    ws = Workspace.open(backends.database_at(root / f"{uuid4().hex}.sqlite3", copy_of=demo_village))
    try:
        grid = ws.query.household(ws.query.household_ids(None)[0]).grid_id
        import_rows(ws, root / "first.xlsx", _rows(first, salt), grid, policy="update")
        before = dump(ws)
        done = import_rows(ws, root / "second.xlsx", _rows(second, 1 - salt if len(second) > 2 else salt), grid,
                           policy="update")
        if done.import_id and done.changes_anything:
            ws.imports.undo(SYSTEM, done.import_id)
        assert dump(ws) == before
    finally:
        ws.close()


edits = st.lists(st.sampled_from(["household", "place", "rename", "delete", "town"]), min_size=1, max_size=5)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=edits)
def test_random_sync_imports_are_undone_row_for_row_and_import_again_the_same(offices: Offices,
                                                                               steps: list[str]) -> None:
    o = offices
    for n, step in enumerate(steps):
        places = [p for p in o.v1.query.places(o.grid11)] if step in ("rename", "delete") else []
        if step == "household":
            serial = next(SERIALS)
            o.v1.households.create(SYSTEM, sync_support.family(o.grid11, number=f"{serial}",
                                                               head_id=valid_id(f"41142319600101{serial:03d}")))
        elif step == "place" or not places:
            o.v1.places.create(SYSTEM, o.grid11, name=f"场所{n}")
        elif step == "rename":
            o.v1.places.update(SYSTEM, places[0].id, name=f"改名{n}")
        elif step == "delete":
            o.v1.recycle.delete(SYSTEM, "place", places[-1].id)
        if step == "town":  # the town's own work meanwhile stays as it is
            o.town.places.create(SYSTEM, o.grid12, name=f"镇里{n}")
    path = export(o.v1, o.town, o.usb)
    before = dump(o.town)
    summary = receive(o.town, path)
    assert summary is not None
    imported = synced(o.town)
    o.town.imports.undo(SYSTEM, summary.import_id)
    assert dump(o.town) == before
    assert receive(o.town, path) is not None and synced(o.town) == imported

"""Reads belong to the user: a 网格员 scoped to 第一网格 sees, counts, prints, exports and syncs only 第一网格's
people; a 查询 user never gets a full ID number or phone; ledgers, exports, packages and a 查询 user's looks at a
household are audited — through the core and through the command line. SYSTEM and administrators read as before.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import backends
import pytest
from cli_helpers import gridapp
from factories import pages_text
from openpyxl import load_workbook
from sqlalchemy import select

from gridapp.access import Forbidden, OutOfScope
from gridapp.dto import SYSTEM, Actor, CaseFilter, VisitFilter
from gridapp.errors import NotFound
from gridapp.excel.ledger_export import export_xlsx
from gridapp.ledgers import build_case_sheet, build_ledger, render_case_sheet, render_pdf
from gridapp.models import AuditEntry, GridNode, Household, Person
from gridapp.sync import package
from gridapp.workspace import Workspace

PASSWORDS = {"admin": "admin-pass", "wangli": "wangli-pass", "chaxun": "chaxun-pass", "cunguan": "cunguan-pass",
             "xianguan": "xianguan-pass"}
SYNC_PASSPHRASE = "宁陵县同步口令2026"
# A full ID number (also inside a longer 残疾证号) and a mobile number, standing alone in a text.
FULL_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx]")
FULL_MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?!\d)")


@pytest.fixture(scope="module")
def users_file(demo_village: backends.Location, tmp_path_factory: pytest.TempPathFactory) -> backends.Location:
    """The demo village with an administrator's password and four users (made once per module)."""
    path = backends.database_at(tmp_path_factory.mktemp("read-scope") / "village.sqlite3", copy_of=demo_village)
    ws = Workspace.open(path)
    ws.users.set_first_password(PASSWORDS["admin"])
    admin = ws.users.login("admin", PASSWORDS["admin"])
    grid1, village, county = (ws.query.find_grid(name).id for name in ("41142310120101", "幸福村", "宁陵县"))
    for username, name, role, scope in (("wangli", "王丽", "网格员", grid1), ("chaxun", "查询员", "查询", village),
                                        ("cunguan", "张村管", "村(社区)管理员", grid1),
                                        ("xianguan", "县管理员", "县级管理员", county)):
        ws.users.add(admin, username, name, role, scope, PASSWORDS[username])
    ws.close()
    return path


@dataclass
class Village:
    ws: Workspace  # as SYSTEM
    db: backends.Location
    folder: Path
    grid1: str
    grid2: str
    village: str

    def user(self, username: str) -> Workspace:
        return self.ws.as_user(self.ws.users.login(username, PASSWORDS[username]))

    def cli(self, username: str, *args: str) -> Any:
        secret = self.folder / f"{username}.txt"
        secret.write_text(PASSWORDS[username] + "\n", encoding="utf-8")
        return gridapp("--db", str(self.db), "--user", username, "--password-file", str(secret), *args)

    def audit(self, action: str, user_name: str | None = None) -> list[AuditEntry]:
        with self.ws.read() as s:
            q = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
            return [e for e in s.scalars(q) if user_name in (None, e.user_name)]


@pytest.fixture
def village(users_file: backends.Location, tmp_path: Path) -> Iterator[Village]:
    db = backends.database_at(tmp_path / "village.sqlite3", copy_of=users_file)
    ws = Workspace.open(db)
    yield Village(ws, db, tmp_path, ws.query.find_grid("41142310120101").id, ws.query.find_grid("41142310120102").id,
                  ws.query.find_grid("幸福村").id)
    ws.close()


def ids_under(ws: Workspace, grid_id: str, everyone: bool = False) -> set[str]:
    """ID numbers of the registered persons of live households under a grid (``everyone``: of all its persons,
    as a sync package carries them), read straight from the tables."""
    with ws.read() as s:
        path = s.get(GridNode, grid_id).path
        q = (select(Person.id_number).join(Household, Household.id == Person.household_id)
             .join(GridNode, GridNode.id == Household.grid_id)
             .where(GridNode.path.startswith(path), Person.id_number != ""))
        if not everyone:
            q = q.where(~Household.deleted, ~Person.deleted, Person.status == "在册")
        return set(s.scalars(q))


def landlords(ws: Workspace, grid_id: str) -> set[str]:
    """ID numbers of the owners of the rented houses of a subtree (the booklet's 出租房屋台账 lists them)."""
    return {ws.query.house(h.id).owner_id_number for h in ws.query.houses(grid_id, use="出租")} - {""}


def workbook_text(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    return "\n".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row
                     if v is not None)


def dto_text(value: Any) -> str:
    """Every value of DTOs (or JSON) as text, without the records' own UUIDs (hex that may hold digit runs)."""
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        return " ".join(dto_text(v) for k, v in value.items() if k != "id" and not k.endswith("_id"))
    if isinstance(value, list | tuple):
        return " ".join(dto_text(v) for v in value)
    return str(value)


def leaks(text: str) -> list[str]:
    return FULL_ID.findall(text) + FULL_MOBILE.findall(text)


# -- a 网格员 scoped to 第一网格 -----------------------------------------------------------------------------------

def test_a_grid_worker_finds_lists_and_counts_only_their_grid(village: Village) -> None:
    ws, me = village.ws, village.user("wangli")
    mine, all_households = set(ws.query.household_ids(village.grid1)), ws.query.household_ids(None)
    assert len(mine) == 67 and len(all_households) == 300
    [root] = me.query.grid_children(None)
    assert (root.id, root.household_count, root.person_count) == (village.grid1, 67, 261)
    assert me.query.grid_node(root.id).path_names == ("宁陵县", "清河镇", "幸福村", "第一网格")
    assert me.query.office_node().id == village.grid1
    micro = me.query.find_grid("第一微网格")  # every grid has one: the worker's own comes first
    assert me.query.grid_path(micro.id) == [village.grid1, micro.id]
    assert set(me.query.household_ids(None)) == mine
    assert {r.id for r in me.query.household_rows(all_households)} == mine
    stats = me.query.stats()
    assert (stats["households"], stats["persons"], stats["grid_nodes"]) == (67, 261, {"网格": 1, "微网格": 3})
    assert stats["cases"] == len(me.query.case_ids()) < ws.query.stats()["cases"]
    hits = me.search("张", limit=1000)
    assert hits and {h.household_id for h in hits} <= mine
    assert {h.household_id for h in ws.search("张", limit=1000)} - mine  # others have them too
    assert {d.household_id for d in me.query.due_visits(None)} <= mine
    grids = _subtree_ids(ws, village.grid1)
    cases, visits = me.query.cases(), me.query.visit_log(VisitFilter())
    assert cases and visits and {c.grid_id for c in cases} | {v.grid_id for v in visits} <= grids
    assert {h.grid_id for h in me.query.houses(None)} | {p.grid_id for p in me.query.places(None)} <= grids
    every_house, every_place = ws.query.house_ids(None), ws.query.place_ids(None)
    assert me.query.house_ids(None) == [h.id for h in me.query.houses(None)] != every_house
    assert me.query.place_ids(None) == [p.id for p in me.query.places(None)] != every_place
    assert me.query.house_rows(every_house) == me.query.houses(None)  # a page of ids shows only their own
    assert {p.grid_id for p in me.query.place_rows(every_place)} <= grids
    assert me.query.work_counts().open_cases < ws.query.work_counts().open_cases


def _subtree_ids(ws: Workspace, grid_id: str) -> set[str]:
    with ws.read() as s:
        return set(s.scalars(select(GridNode.id).where(GridNode.path.startswith(s.get(GridNode, grid_id).path))))


def test_a_grid_worker_is_refused_everything_outside_their_grid(village: Village) -> None:
    ws, me = village.ws, village.user("wangli")
    theirs = ws.query.household_ids(village.grid2)[0]
    case = ws.query.cases(CaseFilter(scope_id=village.grid2))[0]
    visit = ws.query.visit_ids(VisitFilter(scope_id=village.grid2))[0]
    place = ws.query.places(village.grid2)[0]
    refusals = [
        lambda: me.query.household_ids(village.grid2), lambda: me.query.grid_children(village.village),
        lambda: me.query.grid_node(village.village), lambda: me.query.household(theirs),
        lambda: me.query.case(case.id), lambda: me.query.find_case(case.number), lambda: me.query.visit(visit),
        lambda: me.query.place(place.id), lambda: me.query.places(village.grid2),
        lambda: me.query.place_ids(village.grid2), lambda: me.query.house_ids(village.grid2),
        lambda: me.query.case_ids(CaseFilter(scope_id=village.village)),
        lambda: me.query.person_history(ws.query.household(theirs).members[0].id),
        lambda: build_ledger(me, "population", village.grid2),
    ]
    for refused in refusals:
        with pytest.raises(OutOfScope, match="不在您的工作范围内"):
            refused()
    assert isinstance(OutOfScope("x"), Forbidden) and isinstance(OutOfScope("x"), NotFound)
    assert me.query.case_rows([case.id]) == [] and me.query.visit_rows([visit]) == []
    outsider = ws.query.household(theirs).members[0]
    assert me.query.person_by_id_number(outsider.id_number) is None
    ours = ws.query.household_ids(village.grid1)[0]
    ws.recycle.delete(SYSTEM, "household", theirs)
    ws.recycle.delete(SYSTEM, "household", ours)
    assert len(ws.recycle.items()) == 2 and [i.id for i in me.recycle.items()] == [ours]


def test_a_grid_workers_ledgers_booklet_and_excel_hold_only_their_grid(village: Village) -> None:
    ws, me = village.ws, village.user("wangli")
    expected = ids_under(ws, village.grid1)
    assert expected and not expected & ids_under(ws, village.grid2)
    pdf = village.folder / "population.pdf"
    render_pdf(me, "population", None, pdf)  # None: the user's own grid
    text = " ".join(pages_text(pdf))
    assert "宁陵县 / 清河镇 / 幸福村 / 第一网格" in text and set(FULL_ID.findall(text)) == expected
    booklet = build_ledger(me, "booklet", village.grid1, output="xlsx")
    xlsx = village.folder / "booklet.xlsx"
    export_xlsx(booklet, xlsx)
    assert set(FULL_ID.findall(workbook_text(xlsx))) == expected | landlords(ws, village.grid1)
    entries = village.audit("ledger", "王丽")
    assert [(e.detail["ledger"], e.detail["format"], e.detail["masked"]) for e in entries] == [
        ("population", "pdf", False), ("booklet", "xlsx", False)]
    assert entries[0].detail["persons"] == entries[0].detail["rows"] == 261
    assert entries[0].record_id == village.grid1 and entries[0].detail["scope"].endswith("第一网格")


def sent_id_numbers(pkg: package.Package) -> set[str]:
    return {row[b.columns.index("id_number")] for b in pkg.batches() if b.name == "persons" for row in b.rows} - {""}


def test_a_sync_package_holds_only_the_users_scope(village: Village) -> None:
    ws = village.ws
    with pytest.raises(Forbidden, match="没有“U盘同步"):
        village.user("wangli").sync.export_package(village.user("wangli").user, village.folder, None, None,
                                                   SYNC_PASSPHRASE)
    admin = village.user("cunguan")  # a 村(社区)管理员 whose scope is 第一网格
    summary = admin.sync.export_package(admin.user, village.folder, None, village.village, SYNC_PASSPHRASE)
    pkg = package.open_package(summary.path, SYNC_PASSPHRASE)
    sent = sent_id_numbers(pkg)
    assert sent == ids_under(ws, village.grid1, everyone=True)
    assert pkg.manifest["scope"]["grid_id"] == village.grid1
    with pytest.raises(OutOfScope):
        admin.sync.export_package(admin.user, village.folder, None, village.grid2, SYNC_PASSPHRASE)
    [entry] = village.audit("sync_export")
    assert entry.user_name == "张村管" and entry.detail["persons"] == pkg.info.record_counts["persons"]
    assert entry.detail["scope"] == "第一网格" and entry.detail["file"] == summary.path.name


# -- a 查询 user --------------------------------------------------------------------------------------------------

def test_a_query_user_never_gets_a_full_id_number_or_phone(village: Village) -> None:
    ws, reader = village.ws, village.user("chaxun")
    households = reader.query.household_ids(None)
    assert len(households) == 300
    some = households[:30]
    cases = reader.query.cases()
    houses = reader.query.houses(None)
    outputs = [
        reader.query.household_rows(households), [reader.query.household(h) for h in some],
        reader.search("张", limit=1000), reader.search("13", limit=1000), houses,
        [reader.query.house(h.id) for h in houses], reader.query.places(None),
        reader.query.house_rows(reader.query.house_ids(None)), reader.query.place_rows(reader.query.place_ids(None)),
        [reader.query.place(p.id) for p in reader.query.places(None)],
        reader.query.visit_workers(None), reader.query.grid_workers(village.grid1),
        reader.query.grid_node(village.grid1), [reader.query.case(c.id) for c in cases[:40]],
        reader.query.person_by_id_number(ws.query.household(some[0]).members[0].id_number),
    ]
    text = dto_text(outputs)
    assert "****" in text and leaks(text) == []
    assert leaks(dto_text([ws.query.household(h) for h in some]))  # SYSTEM sees them
    pdf = village.folder / "population.pdf"
    render_pdf(reader, "population", None, pdf, mask=False)  # asked unmasked: masked all the same
    workers = build_ledger(reader, "workers", None)
    booklet = village.folder / "booklet.xlsx"
    export_xlsx(build_ledger(reader, "booklet", village.grid1, output="xlsx"), booklet)
    sheet = village.folder / "sheet.pdf"
    render_case_sheet(reader, next(c.id for c in cases if ws.query.case(c.id).reporter_phone), sheet)
    printed = " ".join([*pages_text(pdf), *pages_text(sheet), workbook_text(booklet),
                        *(c for s in workers.sections for row in s.rows for c in row)])
    assert "身份证号、手机号已隐去中间位" in printed and leaks(printed) == []
    assert {e.detail["masked"] for e in village.audit("ledger", "查询员")} == {True}
    views = village.audit("view", "查询员")
    assert [e.record_id for e in views if e.table_name == "households"] == some
    assert len(views) == len(some) + 1 and views[0].detail["persons"] == len(ws.query.household(some[0]).members)


def test_the_administrator_and_system_read_as_before(village: Village) -> None:
    ws = village.ws
    views = [village.user("admin"), village.user("xianguan")]  # unscoped, and scoped at the top of the tree
    for view in views:
        assert view.query.grid_children(None) == ws.query.grid_children(None)
        assert view.query.stats() == ws.query.stats()
        assert view.query.household_ids(None) == ws.query.household_ids(None)
        assert view.search("张") == ws.search("张")
        first = ws.query.household_ids(None)[0]
        assert view.query.household(first) == ws.query.household(first)
    assert leaks(dto_text(ws.search("张"))) and village.audit("view") == []
    assert build_case_sheet(ws, ws.query.cases()[0].id).masked is False


def test_a_role_without_the_permission_reads_and_prints_nothing(village: Village) -> None:
    nobody = village.ws.as_user(Actor("无权者", role="临时工"))
    with pytest.raises(Forbidden, match="没有“查看本范围"):
        nobody.query.household_ids(None)
    with pytest.raises(Forbidden, match="没有“打印台账、导出Excel”的权限"):
        build_ledger(nobody, "population", village.village)


# -- the command line -------------------------------------------------------------------------------------------

def test_the_command_line_shows_a_grid_worker_only_their_grid(village: Village) -> None:
    ws = village.ws
    mine, expected = set(ws.query.household_ids(village.grid1)), ids_under(ws, village.grid1)
    found = village.cli("wangli", "search", "张", "--limit", "1000", "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits and {h["household_id"] for h in hits} <= mine
    stats = json.loads(village.cli("wangli", "stats", "--json").stdout)
    assert (stats["households"], stats["persons"]) == (67, 261)
    pdf, xlsx = village.folder / "实有人口.pdf", village.folder / "采集簿.xlsx"
    assert village.cli("wangli", "ledger", "population", "-o", str(pdf)).returncode == 0
    assert set(FULL_ID.findall(" ".join(pages_text(pdf)))) == expected
    assert village.cli("wangli", "ledger", "booklet", "-o", str(xlsx)).returncode == 0
    assert set(FULL_ID.findall(workbook_text(xlsx))) == expected | landlords(ws, village.grid1)
    refused = village.cli("wangli", "ledger", "population", "--grid", "幸福村", "-o", str(pdf))
    assert refused.returncode == 2 and "不在您的工作范围内" in refused.stderr
    secret = village.folder / "口令.txt"
    secret.write_text(SYNC_PASSPHRASE, encoding="utf-8")
    usb = village.folder / "usb"
    exported = village.cli("cunguan", "sync", "export", "-o", str(usb), "--full", "--passphrase-file", str(secret),
                           "--json")
    assert exported.returncode == 0, exported.stderr
    path = Path(json.loads(exported.stdout)["path"])
    assert sent_id_numbers(package.open_package(path, SYNC_PASSPHRASE)) == ids_under(ws, village.grid1, everyone=True)
    assert [e.detail["format"] for e in village.audit("ledger", "王丽")] == ["pdf", "xlsx"]
    assert len(village.audit("sync_export", "张村管")) == 1


def test_the_command_line_never_gives_a_query_user_a_full_id_number_or_phone(village: Village) -> None:
    texts = []
    for args in (("search", "张", "--limit", "1000", "--json"), ("search", "13", "--limit", "1000", "--json"),
                 ("search", "李")):
        done = village.cli("chaxun", *args)
        assert done.returncode == 0, done.stderr
        texts.append(dto_text(json.loads(done.stdout)) if "--json" in args else done.stdout)
    hits = json.loads(village.cli("chaxun", "search", "张", "--json").stdout)
    assert hits and all("****" in h["id_number"] for h in hits if h["id_number"])
    pdf, xlsx, sheet = (village.folder / name for name in ("人口.pdf", "采集簿.xlsx", "一事五单.pdf"))
    for args in (("ledger", "population", "-o", str(pdf)), ("ledger", "booklet", "--grid", "第一网格", "-o", str(xlsx)),
                 ("ledger", "case_sheet", "--case", village.ws.query.cases()[0].number, "-o", str(sheet))):
        assert village.cli("chaxun", *args).returncode == 0
    whole = " ".join([*texts, *pages_text(pdf), workbook_text(xlsx), *pages_text(sheet)])
    assert "****" in whole and leaks(whole) == []
    assert {(e.detail["ledger"], e.detail["masked"]) for e in village.audit("ledger", "查询员")} == {
        ("population", True), ("booklet", True), ("case_sheet", True)}

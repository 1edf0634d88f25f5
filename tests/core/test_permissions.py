"""Every role of resources/roles.json against every service method that writes: what the role allows works (and
changes the database); what it does not, or what lies outside the user's scope, is refused with Forbidden and
leaves the database row-for-row as it was (and takes no backup).

One template database holds a record for each operation (so the operations never meet); each role works on
its own copy of it. Expectations come from the data — roles.json and the workflow's case roles — so the table
follows them when a role changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import backends
import pytest
from factories import empty_workspace, family, valid_id
from test_sync_offices import PASS, snapshot

import gridapp.sync.container
from gridapp import access, backup
from gridapp.access import Forbidden
from gridapp.cases.rules import default_rules
from gridapp.demo import generate
from gridapp.dto import SYSTEM, Actor, CaseInput, HouseholdInput, PersonInput, TagInput, VisitInput
from gridapp.excel.importer import ImportOptions, import_file
from gridapp.models import SyncConflict, SyncDuplicate
from gridapp.workspace import Workspace

COUNTY = "411423"
USER_PASSWORD = "mima2026"
# Where each role's user works: the administrators at their level, the others in 第一网格 (领导 over the village).
SCOPES = {"管理员": None, "县级管理员": "county", "镇(街道)管理员": "town", "村(社区)管理员": "village",
          "领导": "village", "网格长": "grid1", "网格员": "grid1", "查询": "grid1"}
# The scopes that hold each place an operation writes to ("office": every record of this office).
HOLDERS = {"grid1": {"county", "town", "village", "grid1"}, "grid2": {"county", "town", "village", "grid2"},
           "office": set()}
GRIDS = {"in": "grid1", "out": "grid2"}
PAST = datetime.now() - timedelta(days=90)
VILLAGE = "411423100201"  # 东街村, to set a new database up


def backups_of(ws: Workspace) -> list[Path]:
    """The file backups of a SQLite database (a server's are pg_dump's, made by its administrator)."""
    return [b.path for b in backup.backups(ws.db_file)] if ws.db_file is not None else []


def test_every_role_has_a_scope_here() -> None:
    assert {r.name for r in access.roles()} == set(SCOPES)


# -- the template: a record for every operation, in 第一网格 ("in") and 第二网格 ("out") ------------------------------

@dataclass
class Template:
    location: backends.Location
    ids: dict[str, Any]  # the records (and files) each operation works on, by name


def case_input(grid_id: str, title: str = "3组12号门前垃圾堆积") -> CaseInput:
    return CaseInput(grid_id=grid_id, title=title, category="环境保护", subtype="垃圾清运")


def party_family(grid_id: str, number: str, head_id: str) -> HouseholdInput:
    """A household of one, a party member (a 党员中心户 can be made of it)."""
    return HouseholdInput(grid_id=grid_id, number=number, address=f"幸福村2组{number}号", members=[
        PersonInput(name="党员户主", relation="户主", id_number=head_id, political_status="中共党员")])


def build_template(root: Path) -> Template:
    path = root / "template.sqlite3"
    ws = empty_workspace(path)
    ws.init_office("测试村村民委员会", COUNTY)
    ws.users.set_first_password(USER_PASSWORD)
    r: dict[str, Any] = {}
    r["county"] = ws.grid.create(SYSTEM, None, "宁陵县", code=COUNTY).id
    r["town"] = ws.grid.create(SYSTEM, r["county"], "清河镇", code="411423101").id
    r["village"] = ws.grid.create(SYSTEM, r["town"], "幸福村", code="411423101001").id
    r["grid1"] = ws.grid.create(SYSTEM, r["village"], "第一网格", code="41142310100101").id
    r["grid2"] = ws.grid.create(SYSTEM, r["village"], "第二网格", code="41142310100102").id
    serial = iter(range(100, 999))

    def household(grid: str, make: Callable[[str, str, str], HouseholdInput] = family) -> str:
        n = next(serial)
        return ws.households.create(SYSTEM, make(grid, str(n), valid_id(f"41142319600101{n}"))).id

    def head(household_id: str) -> str:
        return ws.query.household(household_id).members[0].id

    for where, g in GRIDS.items():
        grid = r[g]
        for name in ("micro_update", "micro_retire", "micro_move_to"):
            r[f"{name}_{where}"] = ws.grid.create(SYSTEM, grid, f"{name}{where}").id
        r[f"worker_{where}"] = ws.grid.add_worker(SYSTEM, grid, "李四").id
        for name in ("household_update", "household_tags", "household_move", "household_delete",
                     "household_restore", "household_visit"):
            r[f"{name}_{where}"] = household(grid)
        home = ws.query.household(r[f"household_update_{where}"])
        r[f"household_input_{where}"] = HouseholdInput(grid_id=grid, number=home.number, address="幸福村3组8号",
                                                       members=[PersonInput(name=m.name, relation=m.relation,
                                                                            id_number=m.id_number, id=m.id)
                                                                for m in home.members])
        r[f"person_tags_{where}"] = head(r[f"household_tags_{where}"])
        ws.recycle.delete(SYSTEM, "household", r[f"household_restore_{where}"])
        r[f"household_center_{where}"] = household(grid, party_family)
        centre_home = household(grid, party_family)
        r[f"center_{where}"] = ws.grid.add_party_center(SYSTEM, centre_home).id
        r[f"household_linked_{where}"] = household(grid)
        r[f"place_{where}"] = ws.places.create(SYSTEM, grid, name="便民超市").id
        for name in ("visit_update", "visit_delete", "visit_case"):
            r[f"{name}_{where}"] = ws.visits.record(SYSTEM, VisitInput(
                "household", r[f"household_visit_{where}"], content="入户了解近况")).id
        r[f"case_dispatch_{where}"] = ws.cases.register(SYSTEM, case_input(grid)).id
        r[f"case_update_{where}"] = ws.cases.register(SYSTEM, case_input(grid)).id
        r[f"case_rate_{where}"] = rated = ws.cases.register(SYSTEM, case_input(grid)).id
        ws.cases.act(SYSTEM, rated, "转办", {"level": "村(社区)"})
        ws.cases.act(SYSTEM, rated, "反馈结果", {"note": "已清运"})
        r[f"case_supervise_{where}"] = late = ws.cases.register(SYSTEM, case_input(grid), now=PAST).id
        ws.cases.act(SYSTEM, late, "转办", {"level": "村(社区)"}, now=PAST)  # long overdue now
        keep, other = household(grid), household(grid, party_family)
        r[f"duplicate_merge_{where}"] = (head(keep), head(other))
        r[f"user_{where}"] = f"user{where}"
        ws.users.add(SYSTEM, f"user{where}", f"用户{where}", "网格员", grid, USER_PASSWORD)
    r["duplicate_pair"] = (head(r["household_linked_in"]), head(r["household_visit_in"]))
    for where in GRIDS:  # the same person registered twice, as two offices' packages can bring
        keep, other = r[f"duplicate_merge_{where}"]
        backends.execute(ws, "UPDATE persons SET id_number = (SELECT id_number FROM persons WHERE id = :keep) "
                             "WHERE id = :other", keep=keep, other=other)
    with ws.read() as s, s.begin():
        conflict = SyncConflict(table_name="places", record_id=r["place_in"], kept_values={"name": "便民超市"},
                                kept_hlc="1", kept_office_id="", lost_values={"name": "便民商店"}, lost_hlc="0",
                                lost_office_id="", lost_side="remote")
        s.add(conflict)
        dismissed = SyncDuplicate(id_number="x", person_a=r["duplicate_pair"][0], person_b=r["duplicate_pair"][1])
        s.add(dismissed)
        merges = {where: SyncDuplicate(id_number="y", person_a=a, person_b=b)
                  for where in GRIDS for a, b in [r[f"duplicate_merge_{where}"]]}
        s.add_all(merges.values())
        s.flush()
        r["conflict"], r["duplicate_dismiss"] = conflict.id, dismissed.id
        r.update({f"duplicate_id_{where}": d.id for where, d in merges.items()})
    ws.close()
    r["package"], r["sheets"] = _package(root), _sheets(root)
    return Template(ws.url if backends.POSTGRESQL else path, r)


def _package(root: Path) -> Path:
    """A full package from another office of the county."""
    other = empty_workspace(root / "other" / "town.sqlite3")
    other.init_office("清河镇人民政府", COUNTY)
    node = other.grid.create(SYSTEM, None, "清河镇", code="411423101").id
    other.places.create(SYSTEM, node, name="镇卫生院")
    path = other.sync.export_package(SYSTEM, root / "usb", None, None, PASS).path
    other.close()
    return path


def _sheets(root: Path) -> dict[str, Path]:
    """A roster of one new household for 第一网格 ("in") and one for 第二网格 ("out")."""
    sheets = {}
    for n, (where, grid) in enumerate((("in", "第一网格"), ("out", "第二网格"))):
        path = root / f"花名册{where}.csv"
        path.write_text(f"所属网格,户号,姓名,与户主关系,公民身份号码\n{grid},90{n},赵六,户主,"
                        f"{valid_id(f'4114231980020200{n}')}\n", encoding="utf-8")
        sheets[where] = path
    return sheets


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as patch:  # packages with a cheap scrypt cost (the header carries it)
        patch.setattr(gridapp.sync.container, "SCRYPT_LOG2_N", 8)
        yield build_template(tmp_path_factory.mktemp("permissions"))


@pytest.fixture(scope="module")
def databases(template: Template, tmp_path_factory: pytest.TempPathFactory):
    """One copy of the template per role, opened when its role's first case runs."""
    opened: dict[str, Workspace] = {}

    def of(role: str) -> Workspace:
        if role not in opened:
            folder = tmp_path_factory.mktemp("role")
            opened[role] = Workspace.open(  # made during a test, kept for the module
                backends.database_at(folder / "db.sqlite3", copy_of=template.location, keep=True))
        return opened[role]

    yield of
    for ws in opened.values():
        ws.close()


# -- the operations ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Op:
    name: str
    needs: tuple[str, ...]  # every permission the operation takes
    run: Callable[[Workspace, Actor, dict[str, Any], str, Path], Any]  # (ws as the user, actor, ids, in/out, tmp)
    scoped: bool = True  # writes to the grid of "in"/"out"; else only "in", and no scope is involved
    case_action: str = ""  # a workflow action: the case roles must list it for the role
    office_wide: bool = False  # writes anywhere in the office: only a user without a scope may
    backs_up: bool = False  # its work is a backup file, the database stays as it was


def grid(r: dict[str, Any], where: str) -> str:
    return r[GRIDS[where]]


OPS = (
    Op("grid.create", ("edit_grid",), lambda ws, a, r, w, t: ws.grid.create(a, grid(r, w), "新微网格")),
    Op("grid.update", ("edit_grid",), lambda ws, a, r, w, t: ws.grid.update(a, r[f"micro_update_{w}"], notes="新")),
    Op("grid.retire", ("edit_grid",), lambda ws, a, r, w, t: ws.grid.retire(a, r[f"micro_retire_{w}"])),
    Op("grid.add_worker", ("edit_grid",), lambda ws, a, r, w, t: ws.grid.add_worker(a, grid(r, w), "王五")),
    Op("grid.remove_worker", ("edit_grid",),
       lambda ws, a, r, w, t: ws.grid.remove_worker(a, grid(r, w), r[f"worker_{w}"])),
    Op("grid.add_party_center", ("edit_grid",),
       lambda ws, a, r, w, t: ws.grid.add_party_center(a, r[f"household_center_{w}"])),
    Op("grid.link_households", ("edit_grid",),
       lambda ws, a, r, w, t: ws.grid.link_households(a, r[f"center_{w}"], [r[f"household_linked_{w}"]])),
    Op("households.create", ("edit_households",),
       lambda ws, a, r, w, t: ws.households.create(a, family(grid(r, w), "777", valid_id({"in": "41142319900303001", "out": "41142319900303002"}[w])))),
    Op("households.update", ("edit_households",),
       lambda ws, a, r, w, t: ws.households.update(a, r[f"household_update_{w}"], r[f"household_input_{w}"])),
    Op("households.set_tags", ("edit_households",),
       lambda ws, a, r, w, t: ws.households.set_tags(a, r[f"person_tags_{w}"], [TagInput("veteran")])),
    Op("households.move_household", ("edit_households",),
       lambda ws, a, r, w, t: ws.households.move_household(a, r[f"household_move_{w}"], r[f"micro_move_to_{w}"])),
    Op("houses.create", ("edit_premises",), lambda ws, a, r, w, t: ws.houses.create(a, grid(r, w), address="5号")),
    Op("places.create", ("edit_premises",), lambda ws, a, r, w, t: ws.places.create(a, grid(r, w), name="药店")),
    Op("places.update", ("edit_premises",), lambda ws, a, r, w, t: ws.places.update(a, r[f"place_{w}"], name="新")),
    Op("recycle.delete", ("edit_households",),
       lambda ws, a, r, w, t: ws.recycle.delete(a, "household", r[f"household_delete_{w}"])),
    Op("recycle.restore", ("edit_households",),
       lambda ws, a, r, w, t: ws.recycle.restore(a, "household", r[f"household_restore_{w}"])),
    Op("cases.register", ("register_cases",), lambda ws, a, r, w, t: ws.cases.register(a, case_input(grid(r, w)))),
    Op("cases.update", ("register_cases",),
       lambda ws, a, r, w, t: ws.cases.update(a, r[f"case_update_{w}"], case_input(grid(r, w), "门前垃圾"))),
    Op("cases.act 转办", ("handle_cases",), case_action="转办",
       run=lambda ws, a, r, w, t: ws.cases.act(a, r[f"case_dispatch_{w}"], "转办", {"level": "村(社区)"})),
    Op("cases.act 督办", ("handle_cases",), case_action="督办",
       run=lambda ws, a, r, w, t: ws.cases.act(a, r[f"case_supervise_{w}"], "督办", {"note": "请尽快办结"})),
    Op("cases.act 评价", ("handle_cases",), case_action="评价",
       run=lambda ws, a, r, w, t: ws.cases.act(a, r[f"case_rate_{w}"], "评价", {"rating": "满意"})),
    Op("visits.record", ("record_visits",), lambda ws, a, r, w, t: ws.visits.record(
        a, VisitInput("household", r[f"household_visit_{w}"], content="电话回访"))),
    Op("visits.update", ("record_visits",), lambda ws, a, r, w, t: ws.visits.update(
        a, r[f"visit_update_{w}"], VisitInput("household", r[f"household_visit_{w}"], content="再次走访"))),
    Op("visits.delete", ("record_visits",), lambda ws, a, r, w, t: ws.visits.delete(a, r[f"visit_delete_{w}"])),
    Op("visits.open_case_from_visit", ("register_cases",), lambda ws, a, r, w, t: ws.visits.open_case_from_visit(
        a, r[f"visit_case_{w}"], "院内堆放杂物", "公共安全")),
    Op("excel import", ("import",), lambda ws, a, r, w, t: import_file(
        ws, r["sheets"][w], a, options=ImportOptions(on_duplicate="update"))),
    Op("sync import", ("sync",), office_wide=True, scoped=False,
       run=lambda ws, a, r, w, t: ws.sync.apply(a, ws.sync.read_package(r["package"], PASS))),
    Op("sync export", ("sync",), scoped=False,
       run=lambda ws, a, r, w, t: ws.sync.export_package(a, t / "usb", None, None, PASS)),
    Op("sync set_scope", ("sync",), scoped=False, run=lambda ws, a, r, w, t: ws.sync.set_scope(a, r["village"])),
    Op("sync resolve_conflict", ("sync",), scoped=False,
       run=lambda ws, a, r, w, t: ws.sync.resolve_conflict(a, r["conflict"], {})),
    Op("sync dismiss_duplicate", ("sync",), scoped=False,
       run=lambda ws, a, r, w, t: ws.sync.dismiss_duplicate(a, r["duplicate_dismiss"])),
    Op("sync merge_duplicate", ("sync",), lambda ws, a, r, w, t: ws.sync.merge_duplicate(
        a, r[f"duplicate_id_{w}"], r[f"duplicate_merge_{w}"][0])),
    Op("users.add", ("manage_users",),
       lambda ws, a, r, w, t: ws.users.add(a, f"xinren{w}", "新人", "网格员", grid(r, w), USER_PASSWORD)),
    Op("users.reset_password", ("manage_users",),
       lambda ws, a, r, w, t: ws.users.reset_password(a, r[f"user_{w}"], "xinmima2026")),
    Op("users.set_active", ("manage_users",), lambda ws, a, r, w, t: ws.users.set_active(a, r[f"user_{w}"], False)),
    Op("sync passphrase", ("settings",), scoped=False,
       run=lambda ws, a, r, w, t: ws.sync.passphrase(t / "sync.key").set(a, "全县统一口令2026")),
    Op("backup", ("settings",), scoped=False, backs_up=True, run=lambda ws, a, r, w, t: ws.backups.take_now(a)),
)


def allowed(op: Op, role: str, where: str) -> bool:
    actor = Actor(role, role=role)
    if not all(access.can(actor, p) for p in op.needs):
        return False
    rule = default_rules().role(role)
    if op.case_action and (rule is None or op.case_action not in rule.actions):
        return False
    scope = SCOPES[role]
    target = "office" if op.office_wide else GRIDS[where] if op.scoped else None
    return scope is None or target is None or scope in HOLDERS[target]


CASES = [(role, op, where) for role in SCOPES for op in OPS for where in (("in", "out") if op.scoped else ("in",))]


@pytest.mark.parametrize(("role", "op", "where"), CASES,
                         ids=[f"{role}-{op.name}-{where}" for role, op, where in CASES])
def test_a_role_may_do_what_roles_json_says_and_nothing_else(
        template: Template, databases: Callable[[str], Workspace], tmp_path: Path, role: str, op: Op,
        where: str) -> None:
    ws = databases(role)
    ids = template.ids
    actor = Actor(f"{role}用户", role=role, scope_grid_id=ids[SCOPES[role]] if SCOPES[role] else None)
    before, backups = snapshot(ws), backups_of(ws)
    if allowed(op, role, where):
        if op.backs_up and backends.POSTGRESQL:
            pytest.skip("a file backup; a server database is backed up with pg_dump")
        op.run(ws.as_user(actor), actor, ids, where, tmp_path)
        assert len(backups_of(ws)) > len(backups) if op.backs_up else snapshot(ws) != before
        return
    with pytest.raises(Forbidden) as refused:
        op.run(ws.as_user(actor), actor, ids, where, tmp_path)
    message = str(refused.value)  # who, and what is missing: a permission, the scope, a step of the case roles
    assert actor.name in message and any(word in message for word in ("的权限", "工作范围", "事件流程"))
    assert snapshot(ws) == before
    assert backups_of(ws) == backups
    assert not (tmp_path / "sync.key").exists() and not (tmp_path / "usb").exists()


# -- set-up and demo data: only on a new database ------------------------------------------------------------------------

@pytest.mark.parametrize("role", list(SCOPES))
def test_setting_up_a_database_with_passwords_takes_an_administrator(tmp_path: Path, role: str) -> None:
    ws = empty_workspace(tmp_path / "new.sqlite3")
    ws.users.set_first_password(USER_PASSWORD)
    actor = Actor(f"{role}用户", role=role)
    before = snapshot(ws)
    try:
        if access.can(actor, "settings") and access.can(actor, "edit_grid"):
            ws.setup.create(actor, VILLAGE, "东街村村民委员会")
            assert ws.office.name == "东街村村民委员会"
        else:
            with pytest.raises(Forbidden, match="没有“修改设置、备份和恢复”的权限"):
                ws.setup.create(actor, VILLAGE, "东街村村民委员会")
            assert snapshot(ws) == before
    finally:
        ws.close()


def test_an_open_database_is_set_up_by_whoever_opens_it(tmp_path: Path) -> None:
    ws = empty_workspace(tmp_path / "new.sqlite3")
    ws.setup.create(ws.users.open_actor(), VILLAGE, "东街村村民委员会")
    assert ws.office.name == "东街村村民委员会"
    ws.close()


def test_demo_data_only_go_into_a_new_database_without_passwords(tmp_path: Path) -> None:
    ws = empty_workspace(tmp_path / "new.sqlite3")
    ws.init_office("幸福村村民委员会", COUNTY)
    ws.users.set_first_password(USER_PASSWORD)
    before = snapshot(ws)
    with pytest.raises(Forbidden, match="已经设置了登录密码，不能生成演示数据"):
        generate(ws, "village", seed=1)
    assert snapshot(ws) == before
    ws.close()


# -- the Excel import checks what its bulk inserts would bypass ----------------------------------------------------------

def roster(path: Path, *rows: str) -> Path:
    path.write_text("所属网格,户号,姓名,与户主关系,公民身份号码\n" + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def test_an_import_adding_to_a_household_registered_outside_the_scope_is_refused(ws: Workspace, tree,
                                                                                  tmp_path: Path) -> None:
    head = valid_id("11010519491231002")
    ws.households.create(SYSTEM, family(tree.grid2, "001", head))  # registered in 第二网格
    worker = Actor("王丽", role="网格员", scope_grid_id=tree.grid1)
    sheet = roster(tmp_path / "名单.csv", f"第一网格,001,曾秀英,户主,{head}",
                   f"第一网格,001,张新,子,{valid_id('11010520100101001')}")
    before, backups = snapshot(ws), backups_of(ws)
    with pytest.raises(Forbidden, match=r"王丽只能导入自己工作范围内的住户.*第二网格"):
        import_file(ws.as_user(worker), sheet, worker, options=ImportOptions(on_duplicate="update"))
    assert snapshot(ws) == before  # refused inside the transaction: its undo journal went with it
    assert backups_of(ws) == backups  # a small import keeps a journal instead of a copy of the file


def test_an_import_creating_grids_needs_the_right_to_edit_the_tree(ws: Workspace, tree, tmp_path: Path) -> None:
    worker = Actor("王丽", role="网格员", scope_grid_id=tree.grid1)
    sheet = roster(tmp_path / "名单.csv", f"第一网格/新微网格,001,赵六,户主,{valid_id('11010519800101001')}")
    before = snapshot(ws)
    with pytest.raises(Forbidden, match=r"1个网格还不存在.*修改网格树、网格员和党员中心户"):
        import_file(ws.as_user(worker), sheet, worker, options=ImportOptions(tree.grid1, create_grids=True))
    assert snapshot(ws) == before and not backups_of(ws)

"""The 同步 page between two offices of one county: the demo village and its town, each with its own database and
config folder, a tmp folder standing in for the USB stick. Everything goes through the page's widgets."""

from __future__ import annotations

import ast
import re
import sqlite3
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from case_helpers import answer_dialogs, press_ok
from factories import family, valid_id
from PySide6.QtCore import QPoint, Qt
from ui_helpers import context_for, type_text

import gridapp.sync.journal
from gridapp.dto import SYSTEM
from gridapp.sync.dto import ConflictField, ConflictView
from gridapp.version import program_version
from gridapp.workspace import Workspace
from ui import import_undo, messages
from ui.dialogs import conflict_dialog
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.dialogs.passphrase_dialog import PassphraseDialog, passphrase_store
from ui.pages import sync_page, sync_review
from ui.pages.settings_page import SettingsPage
from ui.pages.sync_page import Drive, SyncPage
from ui.pages.sync_review import chosen

PASSPHRASE = "宁陵县2026sync"
NUMBER = "T901"


@pytest.fixture
def usb(tmp_path: Path, monkeypatch) -> Path:
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(sync_page, "list_drives", lambda: [Drive("测试U盘", str(stick))])
    return stick


@pytest.fixture
def town(ctx, tmp_path: Path, qapp):
    """The town office: a second database of the same county, with its own settings (and key) folder."""
    ws = Workspace.open(tmp_path / "town.sqlite3")
    ws.init_office("清河镇人民政府", ctx.ws.office.county_code)
    (tmp_path / "town").mkdir()
    context = context_for(ws, tmp_path / "town")
    yield context
    context.tasks.wait()
    ws.close()


@pytest.fixture
def shown(monkeypatch) -> dict[str, list[str]]:
    said: dict[str, list[str]] = {"error": [], "info": []}
    monkeypatch.setattr(messages, "error", lambda _p, text, *_a: said["error"].append(text))
    monkeypatch.setattr(messages, "info", lambda _p, text, *_a: said["info"].append(text))
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    return said


def open_page(qtbot, context) -> SyncPage:
    page = SyncPage(context)
    qtbot.addWidget(page)
    page.show()
    return page


def set_passphrase(qtbot, monkeypatch, page: SyncPage, passphrase: str = PASSPHRASE) -> None:
    def fill(dialog: PassphraseDialog) -> None:
        type_text(qtbot, dialog.first, passphrase)
        assert not dialog.ok_button.isEnabled()  # not yet typed twice
        type_text(qtbot, dialog.second, passphrase)
        press_ok(qtbot, dialog)

    answer_dialogs(monkeypatch, PassphraseDialog, fill)
    qtbot.mouseClick(page.passphrase_button, Qt.MouseButton.LeftButton)
    assert page.passphrase_label.text().startswith("同步口令已设置")


def click(qtbot, button) -> None:
    qtbot.waitUntil(button.isEnabled, timeout=60_000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def export(qtbot, page: SyncPage, peer: str | None) -> Path:
    """Export for ``peer`` (an office id; None: everything) and return the file written."""
    page.tabs.setCurrentIndex(0)
    page.peer_combo.setCurrentIndex(page.peer_combo.findData(peer))
    before = set(Path(page.folder()).iterdir())
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: page.export_result.text().startswith("已写入"), timeout=60_000)
    [written] = set(Path(page.folder()).iterdir()) - before
    return written


def read(qtbot, page: SyncPage, package: Path) -> None:
    page.tabs.setCurrentIndex(1)
    page.refresh_files()
    rows = [page.files.item(r).text() for r in range(page.files.count())]
    page.files.setCurrentRow(next(r for r, text in enumerate(rows) if text.startswith(package.name)))
    click(qtbot, page.read_button)
    qtbot.waitUntil(lambda: not page.work.busy(), timeout=60_000)


def apply(qtbot, page: SyncPage) -> None:
    click(qtbot, page.apply_button)
    qtbot.waitUntil(lambda: page.package_label.text().startswith("已导入"), timeout=60_000)


def first_grid(ws: Workspace) -> str:
    node = ws.query.grid_children(None)[0]
    while node.child_count:
        node = ws.query.grid_children(node.id)[0]
    return node.id


def set_phone(ws: Workspace, household_id: str, grid_id: str, phone: str) -> None:
    """Save the household page with a new phone number (members unchanged)."""
    data = family(grid_id, NUMBER)
    data.phone = phone
    for member, view in zip(data.members, ws.query.household(household_id).members, strict=True):
        member.id = view.id
    ws.households.update(SYSTEM, household_id, data)


def test_export_import_review_and_resolve_a_conflict(ctx, town, usb: Path, qtbot, monkeypatch, shown) -> None:
    village_ws, town_ws = ctx.ws, town.ws
    grid = first_grid(village_ws)
    household = village_ws.households.create(SYSTEM, family(grid, NUMBER)).id
    households = village_ws.query.stats()["households"]

    village = open_page(qtbot, ctx)
    assert village.folder() == str(usb)
    assert village.passphrase_label.text().startswith("尚未设置同步口令")
    set_passphrase(qtbot, monkeypatch, village)
    first = export(qtbot, village, None)
    assert first.suffix == ".gridsync" and first.stat().st_size > 0
    assert "人员" in village.export_result.text()
    history = village.history.table
    headers = [history.horizontalHeaderItem(c).text() for c in range(history.columnCount())]
    sent = village_ws.sync.history()[0].totals.sent
    assert sent > 0 and history.item(0, headers.index("发出")).text() == str(sent)  # an export shows what it sent

    town_page = open_page(qtbot, town)
    set_passphrase(qtbot, monkeypatch, town_page)
    read(qtbot, town_page, first)
    assert town_page.apply_button.isEnabled()
    assert f"由 gridapp {program_version()} 导出。" in town_page.package_label.text()
    assert town_page.preview.count("住户", "new") == households
    assert town_page.preview.count("住户", "conflicts") == 0
    assert town_ws.query.stats()["households"] == 0  # the preview wrote nothing
    apply(qtbot, town_page)
    assert town_ws.query.household(household).phone == "13800001234"
    assert town_ws.query.stats()["households"] == households
    assert town_page.history.table.rowCount() == 1

    read(qtbot, town_page, first)  # the same package again: a calm note, not an error
    assert shown["info"] and "导入" in shown["info"][-1] and not shown["error"]
    assert not town_page.apply_button.isEnabled()

    # Both offices change the same household's phone before they sync again; the town's edit is the later one.
    set_phone(village_ws, household, grid, "13800000001")
    set_phone(town_ws, household, grid, "13800000002")
    town_page.refresh()
    from_town = export(qtbot, town_page, village_ws.office.id)
    read(qtbot, village, from_town)
    assert village.preview.count("住户", "conflicts") == 1
    apply(qtbot, village)
    assert village_ws.query.household(household).phone == "13800000002"
    assert village.tabs.tabText(2) == "冲突（1）"

    village.tabs.setCurrentIndex(2)
    conflicts = village.conflicts.table
    assert conflicts.rowCount() == 1 and conflicts.item(0, 1).text()

    def keep_ours(dialog: ConflictDialog) -> None:
        [row] = [r for r, f in enumerate(dialog.conflict.fields) if f.name == "phone"]
        assert dialog.kept_buttons[row].text() == "13800000002"
        assert dialog.table.item(row, 0).text() == "电话"  # the label comes with the conflict from the core
        assert dialog.table.horizontalHeaderItem(2).text() == f"本机版本（{village_ws.office.name}）"
        ours = dialog.lost_buttons[row]
        qtbot.mouseClick(ours, Qt.MouseButton.LeftButton, pos=QPoint(6, ours.height() // 2))  # on the round mark
        assert dialog.values() == {"phone": "13800000001"}
        press_ok(qtbot, dialog)

    answer_dialogs(monkeypatch, ConflictDialog, keep_ours)
    click(qtbot, village.conflicts.resolve_button)
    assert village_ws.query.household(household).phone == "13800000001"
    assert village.tabs.tabText(2) == "冲突（0）"
    assert village_ws.sync.conflicts("open") == []

    # The resolution is a change like any other: it reaches the town with the next package.
    back = export(qtbot, village, town_ws.office.id)
    read(qtbot, town_page, back)
    apply(qtbot, town_page)
    assert town_ws.query.household(household).phone == "13800000001"
    assert not shown["error"]


def test_a_sync_import_is_undone_from_the_page_and_listed_among_recent_imports(ctx, town, usb: Path, qtbot,
                                                                               monkeypatch, shown) -> None:
    monkeypatch.setattr(gridapp.sync.journal, "JOURNAL_LIMIT", 10**9)  # the whole demo village, journaled
    village_ws, town_ws = ctx.ws, town.ws
    household = village_ws.households.create(SYSTEM, family(first_grid(village_ws), NUMBER)).id
    village = open_page(qtbot, ctx)
    set_passphrase(qtbot, monkeypatch, village)
    town_page = open_page(qtbot, town)
    set_passphrase(qtbot, monkeypatch, town_page)
    package = export(qtbot, village, None)
    read(qtbot, town_page, package)
    apply(qtbot, town_page)
    assert town_ws.query.household(household).number == NUMBER
    assert "逐条留底" in town_page.package_label.text() and town_page.undo_button.isVisible()

    click(qtbot, town_page.undo_button)
    qtbot.waitUntil(lambda: town_page.package_label.text().startswith("已撤销"), timeout=60_000)
    assert town_ws.query.stats()["households"] == 0  # the household (and everything else) is gone
    assert not town_page.undo_button.isVisible() and not shown["error"]
    recent = town_page.recent
    assert recent.table.rowCount() == 1 and recent.table.item(0, 4).text() == "已撤销"
    assert recent.table.item(0, 2).text().endswith(f"（{package.name}）")
    read(qtbot, town_page, package)  # forgotten: it can be imported again
    apply(qtbot, town_page)
    assert town_ws.query.household(household).number == NUMBER
    recent.table.selectRow(0)  # the newest import, from the list this time
    click(qtbot, recent.undo_button)
    qtbot.waitUntil(lambda: recent.table.item(0, 4).text() == "已撤销", timeout=60_000)
    assert town_ws.query.stats()["households"] == 0 and not shown["error"]


def test_a_wrong_passphrase_is_refused_and_changes_nothing(ctx, town, usb: Path, qtbot, monkeypatch,
                                                           shown) -> None:
    village = open_page(qtbot, ctx)
    set_passphrase(qtbot, monkeypatch, village)
    package = export(qtbot, village, None)

    town_page = open_page(qtbot, town)
    set_passphrase(qtbot, monkeypatch, town_page, "另一个县的口令12345")
    before = town.ws.query.stats()
    read(qtbot, town_page, package)
    assert len(shown["error"]) == 1 and "口令" in shown["error"][0]
    assert town_page.package_label.text() == shown["error"][0]
    assert not town_page.apply_button.isEnabled()
    assert town.ws.query.stats() == before
    assert town.ws.sync.history() == []


def test_duplicate_persons_are_merged_or_dismissed(ctx, town, usb: Path, qtbot, monkeypatch, shown) -> None:
    """The same ID numbers registered as new households in both offices: one pair merged, one pair dismissed."""
    village = open_page(qtbot, ctx)
    set_passphrase(qtbot, monkeypatch, village)
    town_page = open_page(qtbot, town)
    set_passphrase(qtbot, monkeypatch, town_page)
    read(qtbot, town_page, export(qtbot, village, None))
    apply(qtbot, town_page)
    grid = first_grid(ctx.ws)
    twins = [valid_id("41142319580101002"), valid_id("41142319600202004")]
    for ws in (ctx.ws, town.ws):
        for number, id_number in zip(("D01", "D02"), twins, strict=True):
            data = family(grid, number, head_id=id_number)
            if ws is town.ws:
                data.members = data.members[:1]  # the town registered the head alone
            ws.households.create(SYSTEM, data)
    read(qtbot, village, export(qtbot, town_page, ctx.ws.office.id))
    assert village.preview.count("人员", "duplicates") == 2
    apply(qtbot, village)
    assert village.tabs.tabText(3) == "重复人员（2）"

    panel = village.duplicates
    village.tabs.setCurrentIndex(3)
    [row] = [r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == twins[0]]
    panel.table.selectRow(row)
    assert panel.persons.rowCount() == 2
    [ours] = [r for r in range(2) if panel.persons.item(r, 3).text() == ctx.ws.office.name]
    panel.persons.selectRow(1 - ours)  # keeping the town's record would leave our family without its head
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    assert shown["error"] and "指定新户主" in shown["error"].pop()
    assert village.tabs.tabText(3) == "重复人员（2）"
    panel.persons.selectRow(ours)
    kept = chosen(panel.persons)
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    assert village.tabs.tabText(3) == "重复人员（1）"
    assert panel.table.item(0, 0).text() == twins[1]
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    assert village.tabs.tabText(3) == "重复人员（0）" and panel.table.rowCount() == 0
    merged = [d for d in ctx.ws.sync.duplicates(None) if d.id_number == twins[0]]
    assert [p.deleted for p in merged[0].persons if p.person_id != kept.person_id] == [True]
    assert not shown["error"]


def test_the_passphrase_set_in_settings_serves_the_sync_page(ctx, usb: Path, qtbot, monkeypatch) -> None:
    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    assert settings.passphrase_label.text().startswith("尚未设置")

    def fill(dialog: PassphraseDialog) -> None:
        type_text(qtbot, dialog.first, "short")
        assert dialog.hint.text() == "同步口令至少 8 位。"
        dialog.first.clear()
        type_text(qtbot, dialog.first, PASSPHRASE)
        type_text(qtbot, dialog.second, PASSPHRASE + "x")
        assert dialog.hint.text() == "两次输入的口令不一致。" and not dialog.ok_button.isEnabled()
        qtbot.keyClick(dialog.second, Qt.Key.Key_Backspace)
        press_ok(qtbot, dialog)

    answer_dialogs(monkeypatch, PassphraseDialog, fill)
    qtbot.mouseClick(settings.passphrase_button, Qt.MouseButton.LeftButton)
    assert settings.passphrase_label.text().startswith("已设置")
    assert passphrase_store(ctx).load() == PASSPHRASE
    assert open_page(qtbot, ctx).passphrase_label.text().startswith("同步口令已设置")


def test_drives_refresh_and_a_folder_chosen_by_hand(ctx, usb: Path, qtbot, tmp_path: Path, monkeypatch) -> None:
    page = open_page(qtbot, ctx)
    other = tmp_path / "别的文件夹"
    other.mkdir()
    (other / "幸福村-20261122-0001.gridsync").write_bytes(b"x")
    monkeypatch.setattr(sync_page.file_dialogs, "ask_folder", lambda *_a: str(other))
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    assert page.folder() == str(other)
    assert page.files.count() == 1 and page.files.item(0).text().startswith("幸福村-20261122-0001.gridsync")
    monkeypatch.setattr(sync_page, "list_drives", lambda: [])
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.folder() == str(other)  # the stick was pulled; the folder chosen by hand stays


def test_drive_listing_skips_the_system_volume() -> None:
    drives: list[Any] = sync_page.list_drives()
    assert all(d.path != "/" and not d.path.startswith(("/home", "/boot", "/usr")) for d in drives)


class Volume:
    """What QStorageInfo says of a mounted volume, for a made-up set of them."""

    def __init__(self, root: str, name: str, system: bool = False) -> None:
        self.root, self.name, self.system = root, name, system

    def rootPath(self) -> str:
        return self.root

    def displayName(self) -> str:
        return self.name

    def isRoot(self) -> bool:
        return self.system

    def isValid(self) -> bool:
        return True

    isReady = isValid

    def isReadOnly(self) -> bool:
        return False

    def bytesAvailable(self) -> int:
        return 8 << 30


def test_on_windows_only_drives_windows_calls_removable_are_offered(monkeypatch) -> None:
    volumes = [Volume("C:/", "系统", system=True), Volume("D:/", "数据"), Volume("E:/", "幸福村U盘"),
               Volume("Z:/", "乡镇共享")]
    kinds = {"C:\\": 3, "D:\\": 3, "E:\\": sync_page.DRIVE_REMOVABLE, "Z:\\": 4}  # fixed, fixed, USB, network
    monkeypatch.setattr(sync_page.QStorageInfo, "mountedVolumes", staticmethod(lambda: volumes))
    monkeypatch.setattr(sync_page, "drive_type", lambda root: kinds[root.replace("/", "\\")])
    monkeypatch.setattr(sync_page.sys, "platform", "win32")
    assert [d.path for d in sync_page.list_drives()] == ["E:/"]
    monkeypatch.setattr(sync_page.sys, "platform", "linux")
    volumes[:] = [Volume("/", "系统", system=True), Volume("/home", "家"), Volume("/media/王丽/幸福村U盘", "幸福村U盘")]
    assert [d.path for d in sync_page.list_drives()] == ["/media/王丽/幸福村U盘"]


def test_the_main_window_offers_sync_between_ledgers_and_recycle_bin(window) -> None:
    titles = window.page_titles()
    assert titles[titles.index("台账") + 1:titles.index("回收站")] == ["同步"]
    assert isinstance(window.show_page("sync"), SyncPage)


def test_cancel_stops_an_export_at_its_next_progress_report(threaded_ctx, usb: Path, qtbot, monkeypatch) -> None:
    ctx, started = threaded_ctx, threading.Event()

    def endless_export(*args: Any) -> None:
        progress = args[-1]
        for step in range(10**9):  # stands in for a county-size package, until the user cancels
            progress.report(step, 10**9)
            started.set()

    page = open_page(qtbot, ctx)
    set_passphrase(qtbot, monkeypatch, page)
    monkeypatch.setattr(ctx.ws.sync, "export_package", endless_export)
    click(qtbot, page.export_button)
    assert started.wait(30) and page.work.busy() and not page.export_button.isEnabled()
    click(qtbot, page.work.cancel_button)
    qtbot.waitUntil(lambda: not page.work.busy(), timeout=60_000)
    assert page.export_result.text() == "已取消，数据库和U盘都没有改动。"
    assert page.export_button.isEnabled()


def test_the_conflict_dialog_shows_dates_and_record_names_not_encoded_values(qtbot) -> None:
    fields = (ConflictField("visited_on", "走访日期", date(2026, 11, 20), date(2026, 11, 21)),
              ConflictField("household_id", "所属住户", "a" * 32, "b" * 32, "幸福村1组001号", "幸福村1组002号"))
    conflict = ConflictView(1, "visits", "走访记录", "c" * 32, "入户了解情况", datetime(2026, 11, 22, 2), "open", "",
                            "清河镇人民政府", "", "幸福村村民委员会", "", fields)
    dialog = ConflictDialog(conflict, "清河镇人民政府")
    qtbot.addWidget(dialog)
    assert [dialog.table.item(r, 0).text() for r in range(2)] == ["走访日期", "所属住户"]
    assert [b.text() for b in dialog.kept_buttons] == ["2026-11-20", "幸福村1组001号"]
    assert [b.text() for b in dialog.lost_buttons] == ["2026-11-21", "幸福村1组002号"]


def test_reading_offers_no_cancel_and_its_failure_stays_on_the_import_tab(threaded_ctx, usb: Path, qtbot,
                                                                         monkeypatch, shown) -> None:
    ctx = threaded_ctx
    page = open_page(qtbot, ctx)
    set_passphrase(qtbot, monkeypatch, page)
    (usb / "来自镇上.gridsync").write_bytes(b"GRIDSYNC")
    release = threading.Event()

    def slow_read(path: Path, passphrase: str) -> Any:
        release.wait(30)
        raise sqlite3.OperationalError("disk I/O error")  # what a failing stick may give: no Chinese of its own

    monkeypatch.setattr(ctx.ws.sync, "read_package", slow_read)
    page.tabs.setCurrentIndex(1)
    page.refresh_files()
    click(qtbot, page.read_button)
    assert page.work.busy() and page.work.cancel_button.isHidden()  # reading reports no progress to cancel at
    page.tabs.setCurrentIndex(0)  # the user looks at the export tab meanwhile
    release.set()
    qtbot.waitUntil(lambda: not page.work.busy(), timeout=60_000)
    assert page.export_result.text() == ""
    assert page.package_label.text() == shown["error"][0]
    assert "disk" not in shown["error"][0] and "出错了" in shown["error"][0]


def test_an_export_the_stick_refuses_says_to_check_the_stick(ctx, usb: Path, qtbot, monkeypatch, shown) -> None:
    page = open_page(qtbot, ctx)
    set_passphrase(qtbot, monkeypatch, page)
    not_a_folder = usb / "拔出的U盘"
    not_a_folder.write_text("", encoding="utf-8")
    page._show_folder(str(not_a_folder))
    click(qtbot, page.export_button)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.work.busy(), timeout=60_000)
    [said] = shown["error"]
    assert "检查U盘" in said and "写保护" in said and "Errno" not in said
    assert page.export_result.text() == said and not page.package_label.text().startswith("同步包")


def untranslated(module: Any) -> list[int]:
    """Lines of Chinese string literals in ``module`` that reach the screen without tr()/translate()."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    exempt: set[int] = set()
    for node in ast.walk(tree):
        name = getattr(node, "func", None)
        if isinstance(node, ast.Call) and getattr(name, "attr", getattr(name, "id", "")) in TRANSLATING:
            exempt.update(id(sub) for arg in node.args for sub in ast.walk(arg))
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            exempt.add(id(body[0].value))  # a docstring
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and CHINESE.search(n.value) and id(n) not in exempt]


TRANSLATING = ("tr", "translate", "QT_TRANSLATE_NOOP")
CHINESE = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("module", [sync_page, sync_review, conflict_dialog, import_undo])
def test_every_chinese_text_of_the_sync_ui_goes_through_tr(module: Any) -> None:
    assert untranslated(module) == []

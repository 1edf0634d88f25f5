"""Take screenshots of the real program on a fresh demo village (called by scripts/docs-images under Xvfb).

Each picture grabs the whole virtual screen, so popups (search results) and separate windows (forms) show
exactly as a user would see them.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from plan_sample import pin_sample
from PySide6.QtWidgets import QApplication, QScrollArea

from gridapp import backup
from gridapp.demo import TODAY, generate
from gridapp.errors import UserError
from gridapp.workspace import Workspace
from ui.app import make_application, make_context
from ui.dialogs.case_window import CaseWindow
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.dialogs.login_dialog import LAST_USER_KEY, LoginDialog
from ui.dialogs.passphrase_dialog import passphrase_store
from ui.forms.household_form import HouseholdForm
from ui.help_menu import AboutDialog, show_page_help
from ui.language import install_language
from ui.lock_screen import LockScreen
from ui.main_window import MainWindow
from ui.pages import sync_page
from ui.pages.settings_page import apply_font_mode

ADMIN_PASSWORD = "dongjie-2026"
USER_PASSWORD = "wangge-2026"


def settle(app: QApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def wait_until(app: QApplication, done) -> None:
    """Let background reads (the home page's numbers, the due list) finish before the picture."""
    while not done():
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, widget, path: Path) -> None:
    """Grab the screen area of a window (and anything on top of it, such as a popup)."""
    settle(app)
    geometry = widget.frameGeometry()
    screen = app.primaryScreen()
    screen.grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height()).save(str(path))


# What a maximized window gets on an office screen: the whole width, the height less Windows' taskbar and the
# window's title bar.
OFFICE_SCREENS = {"1366x768": (1366, 768 - 40 - 31), "1024x768": (1024, 768 - 40 - 31)}


def open_on_office_screen(ctx, screen: str) -> MainWindow:
    """A main window opened as on a small office screen, where it fills the screen from the start."""
    window = MainWindow(ctx)
    width, height = OFFICE_SCREENS[screen]
    window.setGeometry(0, 0, width, height)
    window.show()
    return window


def shoot_office_screens(app: QApplication, ctx, out: Path) -> None:
    """The household list of the first grid on each small office screen."""
    for screen in OFFICE_SCREENS:
        window = open_on_office_screen(ctx, screen)
        first_grid(window.show_page("households"))
        shoot(app, window, out / f"main-window-{screen}.png")
        window.close()


def shoot_dashboard(app: QApplication, ctx, out: Path) -> None:
    """The charts of the home page, scrolled to them, on each small office screen."""
    for screen in OFFICE_SCREENS:
        window = open_on_office_screen(ctx, screen)
        home = window.show_page("home")
        wait_until(app, lambda home=home: not home.busy() and bool(home.dashboard.views))
        settle(app)
        home.findChild(QScrollArea).verticalScrollBar().setValue(home.dashboard.y())  # the first charts on top
        shoot(app, window, out / f"dashboard-{screen}.png")
        window.close()


def shoot_first_day(app: QApplication, out: Path, tmp: Path) -> None:
    """A new office's first start: each page of the set-up wizard on a 1024×768 screen, then the home page with
    the first steps left to do, then the empty list of its first grid."""
    ws = Workspace.open(tmp / "new.sqlite3")
    ctx = make_context(ws, str(tmp / "new" / "settings.ini"))
    ctx = ctx.signed_in(shoot_setup_wizard(app, ctx, out), "admin")
    window = open_on_office_screen(ctx, "1024x768")
    home = window.show_page("home")
    wait_until(app, lambda: not home.busy())
    shoot(app, window, out / "first-steps.png")
    first_grid(window.show_page("households"))
    shoot(app, window, out / "empty-list.png")
    window.close()
    ctx.tasks.wait()
    ws.close()


def shoot_setup_wizard(app: QApplication, ctx, out: Path):
    """河南省 › 商丘市 › 宁陵县 › 城关回族镇 › 东街村, three grids of two micro-grids each, no passphrase yet, the
    administrator's password; returns the administrator, logged in."""
    from ui.dialogs.setup_wizard import SetupWizard

    wizard = SetupWizard(ctx)
    width, height = OFFICE_SCREENS["1024x768"]
    wizard.setGeometry(0, 0, min(wizard.width(), width), min(wizard.height(), height))
    wizard.show()
    wizard.place_page.open_code("411423100")
    wizard.place_page.filter.insert("dj")
    shoot(app, wizard, out / "setup-1-place.png")
    wizard.next()
    shoot(app, wizard, out / "setup-2-name.png")
    wizard.next()
    wizard.grids_page.micro_count.setValue(2)
    shoot(app, wizard, out / "setup-3-grids.png")
    wizard.next()
    shoot(app, wizard, out / "setup-4-passphrase.png")
    wizard.next()
    wizard.admin_page.new_password.first.setText(ADMIN_PASSWORD)
    wizard.admin_page.new_password.second.setText(ADMIN_PASSWORD)
    shoot(app, wizard, out / "setup-5-admin.png")
    wizard.next()
    shoot(app, wizard, out / "setup-6-done.png")
    wizard.accept()
    wait_until(app, lambda: wizard.actor is not None)  # created on the writer thread
    return wizard.actor


def give_accounts(ws) -> None:
    """The demo village's administrator gets a password; a grid worker for each grid, a leader and a 查询 user
    are added, and one grid worker mistypes her password once."""
    ws.users.set_first_password(ADMIN_PASSWORD)
    admin = ws.users.login("admin", ADMIN_PASSWORD)
    [county] = ws.query.grid_children(None)
    [town] = ws.query.grid_children(county.id)
    [village] = ws.query.grid_children(town.id)
    workers = (("wangli", "王丽"), ("zhaoqiang", "赵强"), ("liuyan", "刘艳"), ("sunjie", "孙杰"))
    for (username, name), grid in zip(workers, ws.query.grid_children(village.id), strict=False):
        ws.users.add(admin, username, name, "网格员", grid.id, USER_PASSWORD)
    ws.users.add(admin, "zhoujun", "周军", "领导", village.id, USER_PASSWORD)
    ws.users.add(admin, "chaxun", "查询员", "查询", village.id, USER_PASSWORD)
    ws.users.set_active(admin, "sunjie", False)
    for username in ("wangli", "zhoujun", "wangli"):
        ws.users.login(username, USER_PASSWORD)
    with contextlib.suppress(UserError):
        ws.users.login("zhaoqiang", "wrong")


def shoot_users(app: QApplication, ctx, out: Path) -> None:
    """The log-in dialog (after a wrong password), the lock screen, then 用户 and 日志 as the administrator on a
    1024×768 office screen."""
    ws = ctx.ws
    give_accounts(ws)
    ctx.settings.setValue(LAST_USER_KEY, "wangli")
    dialog = LoginDialog(ctx)
    dialog.show()
    dialog.move(40, 40)
    dialog.password.setText("wangli2025")
    dialog.log_in()
    wait_until(app, dialog.login_button.isEnabled)  # refused on the writer thread
    shoot(app, dialog, out / "login.png")
    dialog.close()

    admin = ctx.signed_in(ws.users.login("admin", ADMIN_PASSWORD), "admin")
    window = open_on_office_screen(admin, "1024x768")
    window.show_page("households")
    worker = ctx.signed_in(ws.users.login("wangli", USER_PASSWORD), "wangli")
    lock = LockScreen(worker)
    lock.setGeometry(window.geometry())
    lock.show()
    shoot(app, lock, out / "lock-screen.png")
    lock.close_unlocked()
    users = window.show_page("users")
    users.select("wangli")
    shoot(app, window, out / "users-page.png")
    window.show_page("audit")
    shoot(app, window, out / "audit-page.png")
    window.close()


def shoot_backups(app: QApplication, window: MainWindow, out: Path, tmp: Path) -> None:
    """设置 → 备份 with a few backups and a second folder, then the start-up dialog of a damaged copy."""
    from gridapp.workspace import DamagedDatabase, Workspace
    from ui.dialogs.damaged_dialog import DamagedDialog

    ws = window.ctx.ws
    ws.backups.set_second_folder(window.ctx.actor, tmp / "U盘")
    ws.backups.take_now(window.ctx.actor, second_copy=True)
    ws.backups.take("before-import")
    width, height = OFFICE_SCREENS["1024x768"]
    window.setGeometry(0, 0, width, height)
    settings = window.show_page("settings")
    settings.backups.refresh()
    scroll = settings.findChild(QScrollArea)
    scroll.ensureWidgetVisible(settings.backups)
    shoot(app, window, out / "backup-page.png")
    damaged = tmp / "damaged.sqlite3"
    shutil.copy(ws.db_file, damaged)
    for info in backup.backups(ws.db_file):  # the same backups, named for the damaged copy
        shutil.copy(info.path, backup.backup_dir(damaged) / info.path.name.replace(ws.db_file.stem, "damaged", 1))
    damaged.write_bytes(b"\0" * 65536)
    try:
        Workspace.open(damaged)
    except DamagedDatabase as exc:
        dialog = DamagedDialog(exc)
        dialog.show()
        shoot(app, dialog, out / "damaged-database.png")
        dialog.close()
    window.setGeometry(0, 0, 1400, 860)


def shoot_database(app: QApplication, window: MainWindow, out: Path) -> None:
    """设置 → 数据库 as an administrator fills in the county server and 测试连接 has answered (the answer is
    the one a reachable server gives; nothing is saved, so the window stays on the demo file)."""
    from gridapp.connection import ServerInfo

    width, height = OFFICE_SCREENS["1024x768"]
    window.setGeometry(0, 0, width, height)
    settings = window.show_page("settings")
    panel = settings.database
    panel.server_choice.setChecked(True)
    panel.host.setText("192.168.1.10")
    panel.database.setText("gridapp")
    panel.user.setText("gridapp")
    panel.password.setText("********")
    panel._tested(ServerInfo("15.8", "0005", {"households": 48213, "persons": 187554}))
    settings.findChild(QScrollArea).ensureWidgetVisible(panel)
    shoot(app, window, out / "database-page.png")
    panel.file_choice.setChecked(True)


def first_grid(page) -> None:
    index = page.tree_model.index(0, 0)
    for _ in range(3):
        page.tree.expand(index)
        index = page.tree_model.index(0, 0, index)
    page.tree.setCurrentIndex(index)


def shoot_sync(app: QApplication, window: MainWindow, out: Path, tmp: Path) -> None:
    """同步 on the village: a package from its town read and previewed (one conflict), then that conflict."""
    ctx, ws, passphrase = window.ctx, window.ctx.ws, "宁陵县2026同步"
    stick = tmp / "U盘"
    stick.mkdir()
    sync_page.list_drives = lambda: [sync_page.Drive("U盘（E:/，可用 7.2 GB）", str(stick))]
    town_ws = Workspace.open(tmp / "town.sqlite3")
    town_ws.init_office("清河镇人民政府", ws.office.county_code)
    town = make_context(town_ws, str(tmp / "town" / "settings.ini"))
    for context in (ctx, town):
        passphrase_store(context).set(context.actor, passphrase)
    full = ws.sync.export_package(ctx.actor, stick, None, None, passphrase)
    town_ws.sync.apply(town.actor, town_ws.sync.read_package(full.path, passphrase))
    node = ws.query.grid_children(ws.query.grid_children(ws.query.grid_children(None)[0].id)[0].id)[0]
    ws.grid.update(ctx.actor, node.id, head_phone="13903700001")
    town_ws.grid.update(town.actor, node.id, head_phone="13903700002")
    town_ws.sync.export_package(town.actor, stick, ws.office.id, None, passphrase)
    town_ws.close()

    window.search.clear()
    page = window.show_page("sync")
    page.refresh_drives()
    page.tabs.setCurrentIndex(1)
    page.read_selected()
    ctx.tasks.wait()
    shoot(app, window, out / "sync-preview.png")
    page.apply()
    ctx.tasks.wait()
    settle(app)
    page.tabs.setCurrentIndex(2)
    [conflict] = ws.sync.conflicts()
    dialog = ConflictDialog(conflict, ws.office.name, window)
    dialog.show()
    dialog.move(window.frameGeometry().center() - dialog.rect().center())
    shoot(app, window, out / "sync-conflict.png")
    dialog.close()


def messy_roster(path: Path) -> Path:
    """A roster as villages keep them: a title row, a header the synonyms only partly know, a wrong check digit,
    a grid the tree does not have yet (第七网格), a 合计 row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["幸福村七组人口花名册（2026年）"])
    sheet.append(["户号", "姓名", "关系", "身份证号", "民族", "联络方式", "特殊人群", "所属网格"])
    sheet.append(["701", "周建国", "户主", "411423196503021016", "汉", "13803701234", "退役军人", "第一网格"])
    sheet.append(["701", "吴桂兰", "妻", "411423196704051027", "汉族", None, None, "第一网格"])
    sheet.append(["701", "周小雨", "女", "41142320120101102X", "汉族", None, "留守儿童", "第一网格"])
    sheet.append(["702", "郑大山", "户主", "411423195001011016", "汉族", None, "低保", "幸福村/第七网格"])
    sheet.append(["合计", "4人"])
    sheet.merge_cells("A1:H1")
    book.save(path)
    return path


def shoot_import(app: QApplication, ctx, out: Path, tmp: Path) -> None:
    """The Excel import wizard at its check step: what would come in, and each refused row with its reason."""
    from ui.dialogs.import_wizard import ImportWizard

    node = ctx.ws.query.grid_children(None)[0]
    while node.child_count:
        node = ctx.ws.query.grid_children(node.id)[0]
    wizard = ImportWizard(ctx, grid_id=node.id)
    wizard.setGeometry(40, 30, 1200, 700)
    wizard.show()
    wizard.file_page.path_edit.setText(str(messy_roster(tmp / "花名册.xlsx")))
    wait_until(app, lambda: wizard.path is not None)
    wizard.next()
    wait_until(app, lambda: wizard.sheet is not None)
    wizard.next()
    shoot(app, wizard, out / "import-mapping.png")
    wizard.next()
    wait_until(app, lambda: wizard.plan is not None)
    shoot(app, wizard, out / "import-check.png")
    wizard.reject()


def shoot_plan_map(app: QApplication, ctx, out: Path, tmp: Path) -> None:
    """The 地图 tab of 第一网格 on a 1024×768 office screen: a drawn plan with most households pinned."""
    grid = ctx.ws.query.find_grid("第一网格").id
    pin_sample(ctx.ws, grid, tmp)
    window = open_on_office_screen(ctx, "1024x768")
    page = window.show_page("grid")
    page.select_node(grid)
    page.tabs.setCurrentWidget(page.plan_map)
    ctx.tasks.wait()  # the map is read off the UI thread
    settle(app)
    page.plan_map.canvas.fit()
    shoot(app, window, out / "plan-map.png")
    window.close()


def shoot_grading(app: QApplication, ctx, out: Path) -> None:
    """考核 on a 1024×768 office screen: the grids by difficulty, then the quarter's worker assessment."""
    window = open_on_office_screen(ctx, "1024x768")
    page = window.show_page("grading")
    wait_until(app, lambda: not page.busy())
    shoot(app, window, out / "grid-difficulty.png")
    page.tabs.setCurrentIndex(1)
    shoot(app, window, out / "worker-assessment.png")
    window.close()


def shoot_manual_extras(app: QApplication, window: MainWindow, out: Path) -> None:
    """What the manual shows beyond the other pictures: the visit form, a ledger's preview, F1 help, 关于."""
    visits = window.show_page("visits")
    form = visits.record_due(0)
    form.move(60, 40)
    form.resize(1000, form.sizeHint().height())
    shoot(app, form, out / "visit-form.png")
    form.hide()  # left unsaved on purpose

    ledgers = window.show_page("ledgers")
    ledgers.choose("population")
    ledgers.select_scope(ledgers.tree_model.index(0, 0))
    ledgers.generate()
    wait_until(app, lambda: ledgers.document.pageCount() > 0)
    shoot(app, window, out / "ledger-page.png")

    window.show_page("households")
    page_help = show_page_help(window)
    page_help.move(window.x() + 500, window.y() + 120)
    shoot(app, window, out / "page-help.png")
    page_help.close()
    about = AboutDialog(window)
    about.setGeometry(100, 60, 760, 760)
    about.show()
    shoot(app, about, out / "about.png")
    about.close()


def shoot_english(app: QApplication, ctx, out: Path) -> None:
    """The English interface (设置 → 界面语言, or --lang en) on each office screen: the household list, the home
    page, the ledger page with a ledger's preview, and a household form — into docs/screenshots/en/."""
    out.mkdir(parents=True, exist_ok=True)
    install_language(app, "en")
    try:
        for screen in OFFICE_SCREENS:
            window = open_on_office_screen(ctx, screen)
            first_grid(window.show_page("households"))
            shoot(app, window, out / f"main-window-{screen}.png")
            home = window.show_page("home")
            wait_until(app, lambda home=home: not home.busy())
            shoot(app, window, out / f"home-page-{screen}.png")
            ledgers = window.show_page("ledgers")
            ledgers.choose("population")
            ledgers.select_scope(ledgers.tree_model.index(0, 0))
            ledgers.generate()
            wait_until(app, lambda ledgers=ledgers: ledgers.document.pageCount() > 0)
            shoot(app, window, out / f"ledger-page-{screen}.png")
            width, height = OFFICE_SCREENS[screen]
            ws = ctx.ws
            biggest = max(ws.query.household_rows(ws.query.household_ids(None)), key=lambda r: r.member_count)
            form = HouseholdForm(ctx, household_id=biggest.id)
            form.setGeometry(0, 0, width, height)
            form.show()
            shoot(app, form, out / f"household-form-{screen}.png")
            form.close()
            window.close()
            ctx.tasks.wait()
    finally:
        install_language(app, "zh")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "demo.sqlite3")
        generate(ws, "village", seed=1)
        ctx = make_context(ws, str(Path(tmp) / "settings.ini"))
        now = datetime.combine(TODAY, datetime.min.time()).replace(hour=10)  # deadlines and due dates as in use
        ws.today = lambda: TODAY
        ctx.clock = lambda: now
        window = MainWindow(ctx)
        window.setGeometry(0, 0, 1400, 860)
        window.show()
        first_grid(window.show_page("households"))
        shoot(app, window, out / "main-window.png")
        shoot_office_screens(app, ctx, out)

        grid_page = window.show_page("grid")
        [county] = ws.query.grid_children(None)
        [town] = ws.query.grid_children(county.id)
        [village] = ws.query.grid_children(town.id)
        grid_page.select_node(village.id)
        shoot(app, window, out / "grid-page.png")
        shoot_plan_map(app, ctx, out, Path(tmp))
        home = window.show_page("home")
        wait_until(app, lambda: not home.busy())
        shoot(app, window, out / "home-page.png")
        shoot_dashboard(app, ctx, out)
        window.show_page("households")

        biggest = max(ws.query.household_rows(ws.query.household_ids(None)), key=lambda r: r.member_count)
        form = HouseholdForm(ctx, household_id=biggest.id)
        form.setGeometry(40, 30, 1240, 800)
        form.show()
        shoot(app, form, out / "household-form.png")

        editor = form.add_member("子")
        editor.name.setText("张小军")
        editor.id_number.setText("110105200503150021")
        editor.id_number.editingFinished.emit()
        shoot(app, form, out / "person-id-error.png")
        form.hide()  # left unsaved on purpose: the picture shows the error, nothing is written

        window.show_page("cases")
        shoot(app, window, out / "case-list.png")
        busiest = max(ws.query.case_ids(now=now), key=lambda cid: len(ws.query.case(cid, now).timeline))
        case_window = CaseWindow(ctx, busiest)
        case_window.setGeometry(40, 30, 1300, 760)
        case_window.show()
        shoot(app, case_window, out / "case-window.png")
        case_window.close()
        visit_page = window.show_page("visits")
        visit_page.show_due(within_days=7)
        wait_until(app, lambda: not visit_page.due_busy())
        shoot(app, window, out / "due-visits.png")
        shoot_manual_extras(app, window, out)
        window.show_page("households")
        shoot_grading(app, ctx, out)

        window.search.setText("zw")
        window.search.run_search()
        shoot(app, window, out / "search.png")
        window.search.completer_.popup().hide()

        apply_font_mode(True)
        shoot(app, window, out / "large-font.png")
        apply_font_mode(False)
        shoot_import(app, ctx, out, Path(tmp))
        shoot_sync(app, window, out, Path(tmp))
        shoot_backups(app, window, out, Path(tmp))
        shoot_database(app, window, out)
        window.close()
        ctx.tasks.wait()
        shoot_users(app, ctx, out)
        ctx.tasks.wait()
        shoot_english(app, ctx, out / "en")
        ws.close()
        shoot_first_day(app, out, Path(tmp))
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))

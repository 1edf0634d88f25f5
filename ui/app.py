"""Start-up: parse the command line, make the QApplication, open the database, set the office up on its first
start, log the user in (ui.session) and show the main window."""

from __future__ import annotations

import argparse
import os
import sys

from gridapp import i18n
from gridapp.errors import UserError
from gridapp.version import program_version
from gridapp.workspace import Workspace
from ui.language import DEFAULT as DEFAULT_LANGUAGE
from ui.language import LANGUAGES, chosen_language, install_language

PREFERRED_FONTS = ["Microsoft YaHei", "微软雅黑", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "SimHei", "SimSun"]
BASE_POINT_SIZE = 11


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="gridapp")
    parser.add_argument("--db", help="database file or SQLAlchemy URL (GRIDAPP_DB works too)")
    parser.add_argument("--demo", action="store_true", help="fill a new, empty database with a demo village")
    parser.add_argument("--lang", choices=[code for code, _name in LANGUAGES],
                        help="interface language for this start: zh (中文) or en (English); 设置 remembers a choice")
    parser.add_argument("--smoke", action="store_true", help="start offscreen, build every page, exit 0")
    parser.add_argument("--version", action="version", version=f"gridapp {program_version()}")
    parser.add_argument("--first-paint", action="store_true", help=argparse.SUPPRESS)  # see ui/first_paint.py
    return parser.parse_args(argv)


def make_application(argv: list[str], lang: str = DEFAULT_LANGUAGE):
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv)
    install_language(app, lang)
    app.setApplicationName("gridapp")
    app.setApplicationDisplayName(app.translate("app", "网格化管理综合信息采集簿"))
    app.setOrganizationName("gridapp")
    available = set(QFontDatabase.families())
    family = next((f for f in PREFERRED_FONTS if f in available), None)
    font = QFont(family) if family else app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    return app


def make_context(ws: Workspace, settings_file: str | None = None):
    """The context every page gets, before anybody logged in (``signed_in`` gives the user's own); settings
    live in an INI file (a temporary one in tests)."""
    from gridapp.dto import Actor
    from ui.context import AppContext

    return AppContext(ws=ws, actor=Actor("管理员"), settings=program_settings(settings_file))


def program_settings(settings_file: str | None = None):
    """The program's settings: the user's INI file, or ``settings_file`` (a temporary one in tests)."""
    from PySide6.QtCore import QSettings

    if settings_file:
        return QSettings(settings_file, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "gridapp", "gridapp")


def open_workspace(location: str | None, demo: bool, check_pages: bool = True) -> Workspace:
    ws = Workspace.open(location, check_pages=check_pages)
    if demo and ws.query.stats()["households"] == 0:
        from gridapp.demo import generate

        generate(ws, "village", seed=1)
    return ws


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = make_application(sys.argv[:1], chosen_language(program_settings(), args.lang))
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow
    from ui.session import Session, sign_in

    check_pages = args.smoke  # at a start the file's pages are checked in the background (check_pages_later)
    while True:  # once more after a backup has been restored: the database is opened and signed in again
        ws = open_checked(args, app, check_pages)
        if ws is None:
            return 2
        ctx = make_context(ws)
        if args.smoke:  # builds every page as the set-up administrator, says how many households it shows, quits
            window = MainWindow(ctx.signed_in(ws.users.open_actor(), ""))
            for key in window.page_keys():
                window.show_page(key)
            app.processEvents()
            print(f"gridapp: smoke ok — {ws.url}, office {ws.office.name if ws.office else '(not set)'}, "
                  f"{window.household_count()} households, interface {i18n.language()}")
            ws.close()
            return 0
        if not clock_accepted(ws, app):
            ws.close()
            return 1
        if args.first_paint and ws.users.is_open():  # timed as the set-up administrator, who sees everything
            user = ctx.signed_in(ws.users.open_actor(), "")
        else:
            user = start_office(ctx) if ws.office is None else sign_in(ctx)
        if user is None:
            ws.close()
            return 1
        app.setQuitOnLastWindowClosed(False)  # logging out closes the window and opens the log-in: not the end
        session = Session(user)
        session.ended.connect(app.quit)
        if args.first_paint:
            from ui.first_paint import FirstPaint

            FirstPaint(session.window)
        check_pages_later(session)
        daily_second_copy(user)
        code = app.exec()
        session.ctx.tasks.wait()
        ws.close()
        if not session.reopen:
            return code
        check_pages = True  # a file opened again (restored, switched to, or found damaged) is checked first
        if session.damaged:
            continue  # the check at opening offers the newest sound backup
        QMessageBox.information(None, app.translate("app", "重新打开数据库"),
                                app.translate("app", "数据库已重新打开（恢复了备份，或换了数据库）。请重新登录"
                                                     "（恢复的备份里的用户和密码以那时为准）。"))


def open_checked(args: argparse.Namespace, app, check_pages: bool = True):
    """The database, or None after telling why it cannot be opened. A damaged file gets the dialog that offers
    the newest sound backup; once one is restored, the restored file is opened. Without ``check_pages`` the
    file's pages are left to ``check_pages_later``."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    from gridapp.workspace import DamagedDatabase
    from ui.dialogs.damaged_dialog import DamagedDialog
    from ui.pages.database_panel import startup_location

    while True:
        try:
            return open_workspace(startup_location(args.db, program_settings()), args.demo, check_pages)
        except DamagedDatabase as exc:
            if args.smoke or DamagedDialog(exc).exec() != QDialog.DialogCode.Accepted:
                print(f"gridapp: {exc}", file=sys.stderr)
                return None
        except UserError as exc:
            if args.smoke:
                print(f"gridapp: {exc}", file=sys.stderr)
            else:
                QMessageBox.critical(None, app.translate("app", "无法打开数据库"), str(exc))
            return None


def clock_accepted(ws: Workspace, app) -> bool:
    """A PC clock earlier than the newest change: ask to fix the date first (going on stays possible)."""
    from ui import messages

    problem = ws.clock_problem()
    return not problem or messages.choose(None, app.translate("app", "电脑的日期不对"), problem,
                                          [app.translate("app", "退出，先改日期"),
                                           app.translate("app", "仍然继续（不推荐）")]) == 1


def check_pages_later(session) -> None:
    """SQLite's check of every page of the file (seconds on a county's database) runs once the window is up,
    with saves waiting for it; a damaged file ends the session, and the program opens the file again with the
    check first, which offers the newest sound backup."""
    ws = session.ctx.ws
    session.ctx.tasks.start(lambda _progress: ws.check_pages(),
                            on_done=lambda problem: session.close_damaged() if problem else None,
                            on_error=lambda exc: print(f"gridapp: 数据库文件没有检查成：{exc}", file=sys.stderr))


def daily_second_copy(ctx) -> None:
    """At the first start of the day, the verified copy into the second backup folder, in the background."""
    backups = ctx.ws.backups
    if ctx.ws.db_file is not None:
        ctx.tasks.start(lambda _progress: backups.daily(), on_done=lambda _info: None,
                        on_error=lambda exc: print(f"gridapp: 第二份备份没有写成：{exc}", file=sys.stderr))


def start_office(ctx):
    """A new database: the set-up wizard, which also gives the administrator a password and logs in with it
    (None when the wizard is cancelled)."""
    from PySide6.QtWidgets import QDialog

    from gridapp.services.users import ADMIN
    from ui.dialogs.setup_wizard import SetupWizard
    from ui.session import sign_in

    wizard = SetupWizard(ctx)
    if wizard.exec() != QDialog.DialogCode.Accepted:
        return None
    return ctx.signed_in(wizard.actor, ADMIN) if wizard.actor is not None else sign_in(ctx)

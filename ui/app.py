"""Start-up: parse the command line, make the QApplication, open the database, set the office up on its first
start, log the user in (ui.session) and show the main window."""

from __future__ import annotations

import argparse
import os
import sys

from gridapp.errors import UserError
from gridapp.workspace import Workspace

PREFERRED_FONTS = ["Microsoft YaHei", "微软雅黑", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "SimHei", "SimSun"]
BASE_POINT_SIZE = 11
QT_CATALOGUE = "qtbase_zh_CN"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="gridapp")
    parser.add_argument("--db", help="database file or SQLAlchemy URL (GRIDAPP_DB works too)")
    parser.add_argument("--demo", action="store_true", help="fill a new, empty database with a demo village")
    parser.add_argument("--smoke", action="store_true", help="start offscreen, build the window, exit 0")
    return parser.parse_args(argv)


def make_application(argv: list[str]):
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("gridapp")
    app.setApplicationDisplayName(app.translate("app", "网格化管理综合信息采集簿"))
    app.setOrganizationName("gridapp")
    available = set(QFontDatabase.families())
    family = next((f for f in PREFERRED_FONTS if f in available), None)
    font = QFont(family) if family else app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    install_qt_translations(app)
    return app


def install_qt_translations(app) -> None:
    """Qt's own words — the standard buttons of message boxes, dialogs and wizards (确定, 取消, 下一步 …), the
    file dialog — in Chinese, from the qtbase_zh_CN catalogue that PySide6 ships. Installed once per
    application."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    if app.findChild(QTranslator, QT_CATALOGUE):
        return
    translator = QTranslator(app)
    translator.setObjectName(QT_CATALOGUE)
    if translator.load(QT_CATALOGUE, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def make_context(ws: Workspace, settings_file: str | None = None):
    """The context every page gets, before anybody logged in (``signed_in`` gives the user's own); settings
    live in an INI file (a temporary one in tests)."""
    from PySide6.QtCore import QSettings

    from gridapp.dto import Actor
    from ui.context import AppContext

    settings = (QSettings(settings_file, QSettings.Format.IniFormat) if settings_file
                else QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "gridapp", "gridapp"))
    return AppContext(ws=ws, actor=Actor("管理员"), settings=settings)


def open_workspace(location: str | None, demo: bool) -> Workspace:
    ws = Workspace.open(location)
    if demo and ws.query.stats()["households"] == 0:
        from gridapp.demo import generate

        generate(ws, "village", seed=1)
    return ws


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = make_application(sys.argv[:1])
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow
    from ui.session import Session, sign_in

    try:
        ws = open_workspace(args.db, args.demo)
    except UserError as exc:
        if args.smoke:
            print(f"gridapp: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, app.translate("app", "无法打开数据库"), str(exc))
        return 2
    ctx = make_context(ws)
    if args.smoke:  # builds the window as the set-up administrator, says how many households it shows, quits
        window = MainWindow(ctx.signed_in(ws.users.open_actor(), ""))
        app.processEvents()
        print(f"gridapp: smoke ok — {ws.url}, office {ws.office.name if ws.office else '(not set)'}, "
              f"{window.household_count()} households")
        ws.close()
        return 0
    user = start_office(ctx) if ws.office is None else sign_in(ctx)
    if user is None:
        ws.close()
        return 1
    app.setQuitOnLastWindowClosed(False)  # logging out closes the window and opens the log-in: not the end
    session = Session(user)
    session.ended.connect(app.quit)
    code = app.exec()
    session.ctx.tasks.wait()
    ws.close()
    return code


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

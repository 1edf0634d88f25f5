"""Start-up: parse the command line, make the QApplication, open the database, show the main window."""

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
    """The context every page gets; settings live in an INI file (a temporary one in tests)."""
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
    from PySide6.QtWidgets import QDialog, QMessageBox

    from ui.dialogs.setup_wizard import SetupWizard
    from ui.main_window import MainWindow

    try:
        ws = open_workspace(args.db, args.demo)
    except UserError as exc:
        if args.smoke:
            print(f"gridapp: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, app.translate("app", "无法打开数据库"), str(exc))
        return 2
    ctx = make_context(ws)
    if ws.office is None and not args.smoke and SetupWizard(ctx).exec() != QDialog.DialogCode.Accepted:
        ws.close()
        return 1
    window = MainWindow(ctx)
    if args.smoke:
        app.processEvents()
        print(f"gridapp: smoke ok — {ws.url}, office {ws.office.name if ws.office else '(not set)'}, "
              f"{window.household_count()} households")
        ws.close()
        return 0
    window.show()
    code = app.exec()
    ws.close()
    return code

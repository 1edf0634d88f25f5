"""帮助: F1 on every page opens that page's help, 关于 names the version and the data sources, 使用手册 opens
the manual."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from gridapp.version import program_version
from ui import help_menu
from ui.help_menu import AboutDialog, HelpDialog


def _open_help(window, qtbot) -> HelpDialog:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialogs = [d for d in window.findChildren(HelpDialog) if d.isVisible()]
    assert len(dialogs) == 1  # the help of the page shown before is replaced, not piled up
    return dialogs[0]


def test_f1_on_every_page_opens_help_titled_with_that_page(window, qtbot) -> None:
    assert len(window.page_keys()) >= 14  # the administrator sees every page, so every page needs a help text
    for key in window.page_keys():
        page = window.show_page(key)
        title = window.page_title(page)
        dialog = _open_help(window, qtbot)
        assert dialog.topic == key
        assert title in dialog.windowTitle()
        text = dialog.browser.toPlainText()
        assert text.startswith(title) and "常用步骤" in text


def test_about_shows_version_data_sources_and_licences(window) -> None:
    text = AboutDialog(window).browser.toPlainText()
    assert f"版本：{program_version()}" in text
    assert program_version() != "未知"
    for needle in ("统计用区划代码 2023", "国家统计局", "GB/T 2260", "民政部", "文泉驿微米黑", "Apache License 2.0",
                   "LGPLv3", "SQLAlchemy", "reportlab", "resources"):
        assert needle in text


def test_manual_menu_opens_the_manual(window, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    [action] = [a for a in window.help_menu.actions() if a.text() == "使用手册"]
    action.trigger()
    assert [url.toLocalFile() for url in opened] == [help_menu.manual_url().toLocalFile()]
    assert "docs/manual" in opened[0].toLocalFile().replace("\\", "/")

"""The English interface: the catalogue is complete and up to date with the code, the language is chosen in 设置
or by ``--lang``, and a window built in English shows no Chinese but the office's own data."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)
from ui_helpers import context_for

from gridapp import i18n
from ui.app import make_application, parse_args
from ui.language import LANGUAGE_KEY, LANGUAGES, chosen_language, install_language

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "i18n" / "gridapp_en.ts"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PLACEHOLDER = re.compile(r"\{\w*\}")
# Words that are not the interface's: the office's own names (the ws and tree fixtures), the set-up
# administrator's account, and each language named in itself (中文) so that anyone finds theirs.
OWN_WORDS = ("测试村村民委员会", "宁陵县", "清河镇", "幸福村", "第一网格", "第二网格", "第一微网格", "管理员",
             *(name for _code, name in LANGUAGES))


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(context.findtext("name"), message.findtext("source"), message.find("translation"))
            for context in root.iter("context") for message in context.iter("message")]


def _scripts_translations():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_has_a_finished_english_translation() -> None:
    messages = _messages(CATALOGUE)
    assert len(messages) > 1000
    for context, source, translation in messages:
        where = f"{context}: {source!r}"
        assert translation.get("type") is None and translation.text, f"not translated — {where}"
        assert not CJK.search(translation.text), f"Chinese left in the translation — {where}"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation.text)), where


def test_the_catalogue_holds_exactly_the_strings_of_the_code(tmp_path: Path) -> None:
    """A tr() string added, changed or removed without running ``scripts/translations.py update`` fails here."""
    fresh = tmp_path / "fresh.ts"
    _scripts_translations().lupdate(fresh)
    in_code = {(context, source) for context, source, _ in _messages(fresh)}
    in_catalogue = {(context, source) for context, source, _ in _messages(CATALOGUE)}
    assert sorted(in_code - in_catalogue) == [], "strings missing from the catalogue"
    assert sorted(in_catalogue - in_code) == [], "strings the code no longer has"


@pytest.fixture
def english(qapp):
    assert install_language(qapp, "en")
    yield qapp
    install_language(qapp, "zh")


def test_language_comes_from_the_command_line_then_the_settings(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert chosen_language(settings) == "zh"
    settings.setValue(LANGUAGE_KEY, "en")
    assert chosen_language(settings) == "en"
    assert chosen_language(settings, parse_args(["--lang", "zh"]).lang) == "zh"
    settings.setValue(LANGUAGE_KEY, "klingon")
    assert chosen_language(settings) == "zh"
    with pytest.raises(SystemExit):
        parse_args(["--lang", "fr"])


def test_switching_in_settings_is_remembered_for_the_next_start(ctx, qtbot) -> None:
    from ui.pages.settings_page import SettingsPage

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.language.currentData() == "zh"
    page.language.setCurrentIndex(page.language.findData("en"))
    assert page.language_note.isVisibleTo(page)
    assert chosen_language(QSettings(ctx.settings.fileName(), QSettings.Format.IniFormat)) == "en"
    again = SettingsPage(ctx)
    qtbot.addWidget(again)
    assert again.language.currentData() == "en"


def test_installing_english_replaces_the_chinese_catalogues(english) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    assert i18n.language() == "en"
    assert english.translate("app", "网格化管理综合信息采集簿") == "Grid Management Information Booklet"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    install_language(english, "zh")
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"  # made before the switch
    assert QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel).button(
        QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    assert english.translate("app", "网格化管理综合信息采集簿") == "网格化管理综合信息采集簿"
    make_application([], "en")
    assert english.translate("app", "网格化管理综合信息采集簿") == "Grid Management Information Booklet"


def _visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """The words a user reads on ``root`` and its children: labels, buttons, group titles, tabs, placeholders,
    tool tips, combo entries, column headers, menus — (widget class, text)."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, text: str | None) -> None:
        if text:
            found.append((type(widget).__name__, text))

    for widget in [root, *root.findChildren(QWidget)]:
        add(widget, widget.toolTip())
        if widget.isWindow():
            add(widget, widget.windowTitle())
        if isinstance(widget, (QLabel, QAbstractButton)):
            add(widget, widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget, widget.placeholderText())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, widget.tabText(i))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, widget.itemText(i))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            header = getattr(widget, "horizontalHeader", getattr(widget, "header", lambda: None))()
            if header is not None and not header.isHidden():
                for column in range(header.count()):
                    add(widget, widget.model().headerData(column, Qt.Orientation.Horizontal))
        for action in widget.actions():
            add(widget, action.text())
            if action.menu():
                for inner in action.menu().actions():
                    add(widget, inner.text())
    return found


def _chinese_left(root: QWidget) -> set[str]:
    """What ``root`` shows in Chinese beyond the words that are not the interface's (OWN_WORDS)."""
    left = set()
    for kind, text in _visible_texts(root):
        rest = str(text)
        for word in sorted(OWN_WORDS, key=len, reverse=True):
            rest = rest.replace(word, "")
        if CJK.search(rest):
            left.add(f"{type(root).__name__} {kind}: {text}")
    return left


def test_every_page_built_in_english_shows_no_chinese_but_the_office_data(english, ws, tree, tmp_path, qtbot):
    """The test that fails when a visible string is missing from the English catalogue (or never went
    through tr()): every page of the main window, as the set-up administrator, on an office with a grid tree."""
    from ui.main_window import MainWindow

    ctx = context_for(ws, tmp_path)
    window = MainWindow(ctx.signed_in(ws.users.open_actor(), ""))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    leftovers = set()
    for key in window.page_keys():
        window.show_page(key)
        leftovers |= _chinese_left(window)
    assert sorted(leftovers) == [], "\n".join(sorted(leftovers))
    ctx.tasks.wait()


def _dialogs(ctx, tree):
    """The windows opened from the pages, as they first appear."""
    from ui.dialogs.import_wizard import ImportWizard
    from ui.dialogs.login_dialog import LoginDialog
    from ui.dialogs.register_case_dialog import RegisterCaseDialog
    from ui.dialogs.setup_wizard import SetupWizard
    from ui.dialogs.user_dialog import UserDialog
    from ui.forms.house_form import HouseForm
    from ui.forms.household_form import HouseholdForm
    from ui.forms.place_form import PlaceForm
    from ui.forms.visit_form import VisitForm
    from ui.help_menu import AboutDialog

    yield HouseholdForm(ctx, grid_id=tree.grid1)
    yield HouseForm(ctx, grid_id=tree.grid1)
    yield PlaceForm(ctx, grid_id=tree.grid1)
    yield VisitForm(ctx, tree.grid1)
    yield RegisterCaseDialog(ctx, tree.grid1)
    yield UserDialog(ctx)
    yield LoginDialog(ctx)
    yield AboutDialog()
    wizard = ImportWizard(ctx, tree.grid1)
    yield wizard
    setup = SetupWizard(ctx)
    for _page in setup.pageIds():
        yield setup
        setup.next()


def test_the_forms_and_wizards_in_english_show_no_chinese_but_the_office_data(english, ws, tree, tmp_path, qtbot):
    ctx = context_for(ws, tmp_path).signed_in(ws.users.open_actor(), "")
    leftovers = set()
    for dialog in _dialogs(ctx, tree):
        qtbot.addWidget(dialog)
        leftovers |= _chinese_left(dialog)
    assert sorted(leftovers) == [], "\n".join(sorted(leftovers))
    ctx.tasks.wait()


def test_the_page_help_follows_the_interface_language(english, qtbot) -> None:
    from ui.help_menu import HelpDialog

    help_en = HelpDialog("households", "Households")
    qtbot.addWidget(help_en)
    assert help_en.windowTitle() == "Help — Households"
    assert not CJK.search(help_en.browser.toPlainText())
    install_language(english, "zh")
    help_zh = HelpDialog("households", "住户")
    qtbot.addWidget(help_zh)
    assert CJK.search(help_zh.browser.toPlainText())

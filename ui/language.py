"""The interface language: Chinese (the default) or English, chosen in 设置 and remembered in the program's
settings, or given for one start with ``--lang``. Chosen once at start-up, before the first window: Qt's own words
(standard buttons, the file dialog) come from the qtbase catalogue PySide6 ships, ours from
``resources/i18n/gridapp_<lang>.qm`` (made by scripts/translations.py), and the core's terms (code tables, ledger
titles) follow ``gridapp.i18n``."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QSettings, QTranslator

from gridapp import i18n
from gridapp.resources import resource_path

LANGUAGE_KEY = "ui/language"
LANGUAGES = (("zh", "中文"), ("en", "English"))  # each named in its own language, so anyone can find theirs
DEFAULT = "zh"
QT_CATALOGUES = {"zh": "qtbase_zh_CN", "en": None}  # Qt's own words are English without a catalogue
OURS = {"zh": None, "en": "gridapp_en"}  # the sources are Chinese


def chosen_language(settings: QSettings, override: str | None = None) -> str:
    """``override`` (``--lang``) if given, else the remembered choice; anything unknown falls back to Chinese."""
    codes = {code for code, _name in LANGUAGES}
    for candidate in (override, str(settings.value(LANGUAGE_KEY, DEFAULT))):
        if candidate in codes:
            return candidate
    return DEFAULT


def remember_language(settings: QSettings, lang: str) -> None:
    settings.setValue(LANGUAGE_KEY, lang)
    settings.sync()


def install_language(app, lang: str) -> bool:
    """Install the catalogues of ``lang``, replacing any installed before (a test may switch back and forth);
    False when our catalogue is missing (the interface then stays Chinese — scripts/translations.py makes it)."""
    for old in app.findChildren(QTranslator, "gridapp-language"):
        app.removeTranslator(old)
        old.setParent(None)  # gone now, not at the next event loop: a second switch must not find it
    found = True
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((QT_CATALOGUES[lang], qt_folder), (OURS[lang], str(resource_path("i18n")))):
        if name is None:
            continue
        translator = QTranslator(app)
        translator.setObjectName("gridapp-language")
        if translator.load(name, folder):
            app.installTranslator(translator)
        else:
            translator.setParent(None)
            found = found and name != OURS[lang]
    i18n.set_language(lang if found else DEFAULT)
    return found


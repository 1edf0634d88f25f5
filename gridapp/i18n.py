"""The language the core's terms are shown in: Chinese (the default) or English.

The core stores and exchanges Chinese (code-table labels, ledger titles, case steps, role names are data that
other offices read and the printed ledgers carry), so the English is only ever a way of *showing* a term:
``shown`` looks it up in ``resources/i18n/core_en.json``, a flat {"中文": "English"} map kept to the words of
``resources/i18n/GLOSSARY.md``. A term means one thing, with the rare exception kept under "table:term" (女 is
Female as a sex but Daughter as a relation to the head). No Qt here: the interface sets the language once at start-up (ui/language.py).
"""

from __future__ import annotations

import json
from functools import cache

from gridapp.resources import resource_path

LANGUAGES = ("zh", "en")
DEFAULT = "zh"

_language = DEFAULT


def set_language(lang: str) -> None:
    """Show the core's terms in ``lang`` from now on, in the whole process; anything unknown means Chinese."""
    global _language
    _language = lang if lang in LANGUAGES else DEFAULT


def language() -> str:
    return _language


@cache
def english() -> dict[str, str]:
    """The English of every core term, read once."""
    return json.loads(resource_path("i18n", "core_en.json").read_text(encoding="utf-8"))


def shown(text: str, table: str = "") -> str:
    """``text`` as the user reads it: its English when the language is English and the term is known, else
    ``text`` itself (names, addresses and other data pass through unchanged). ``table`` names the code table
    the term comes from, for the few terms whose meaning depends on it."""
    if _language == DEFAULT or not text:
        return text
    found = english()
    return found.get(f"{table}:{text}") or found.get(text, text)

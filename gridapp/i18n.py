"""The language the core's terms are shown in (placeholder until the English labels land)."""

from __future__ import annotations

_language = "zh"


def set_language(lang: str) -> None:
    global _language
    _language = lang


def language() -> str:
    return _language

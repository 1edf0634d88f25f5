"""The punctuation that joins pieces of data on screen — Chinese full-width in Chinese (张三：户主，王五（网格员）),
English in English (Zhang San: head, Wang Wu (grid worker)) — through the catalogue like any other word."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication


def label_value(label: str, value: str) -> str:
    """``label：value``."""
    return QCoreApplication.translate("punctuation", "{label}：{value}").format(label=label, value=value)


def bracketed(text: str, note: str) -> str:
    """``text（note）``."""
    return QCoreApplication.translate("punctuation", "{text}（{note}）").format(text=text, note=note)


def listed(items: Iterable[str]) -> str:
    """Items of one kind, ``甲、乙、丙``."""
    return QCoreApplication.translate("punctuation", "、").join(items)


def clauses(items: Iterable[str]) -> str:
    """Separate statements, ``甲；乙``."""
    return QCoreApplication.translate("punctuation", "；").join(items)

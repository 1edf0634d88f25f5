"""The check that a public summary (信息公示) leaves out personal data: the reporter's name and phone, the
names of linked persons, and any ID number or phone number at all."""

from __future__ import annotations

import re
import unicodedata

ID_NUMBER = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")
PHONE = re.compile(r"(?<![0-9])(?:1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})(?![0-9])")


def _fold(text: str) -> str:
    """Full-width digits and letters to ASCII, spaces removed: "１３８ 0000" still reads as a phone."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def summary_problems(summary: str, private_terms: tuple[str, ...]) -> list[str]:
    """Why ``summary`` may not be published, in Chinese; empty when it may."""
    text = _fold(summary)
    problems = []
    if ID_NUMBER.search(text):
        problems.append("含有身份证号码")
    if PHONE.search(text):
        problems.append("含有电话号码")
    for term in private_terms:
        term = _fold(term)
        if len(term) >= 2 and term in text:
            problems.append(f"含有当事人信息“{term}”")
    return problems

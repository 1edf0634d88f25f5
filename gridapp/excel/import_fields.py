"""The columns an import understands, read from ``resources/import/header_synonyms.json``.

Villages name the same column in many ways (身份证号, 公民身份号码（18位）…); the synonyms are data so an office
can be given a longer list without a new build. This module also knows which rows are not people: totals
(合计), the template's notes row (填写说明) and the signature lines under a table (填表人).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from gridapp import codes
from gridapp.resources import resource_path

_BRACKETS = re.compile(r"[(（【\[].*?[)）】\]]")
_MARKS = re.compile(r"[\s*＊:：]+")


@dataclass(frozen=True)
class Field:
    """One importable column: ``target`` is "person" or "household"; ``kind`` is text, id, date, code, tags
    (several special-group categories in one cell), amount (whole 元) or choice (``choices``: each value with
    the words that mean it, the first one the word to write)."""

    key: str
    target: str
    kind: str
    synonyms: tuple[str, ...]
    table: str = ""
    required: bool = False
    note: str = ""
    choices: tuple[tuple[Any, tuple[str, ...]], ...] = ()

    @property
    def title(self) -> str:
        """The standard header, as the template and messages show it."""
        return self.synonyms[0]


@cache
def _document() -> dict[str, Any]:
    return json.loads(resource_path("import", "header_synonyms.json").read_text(encoding="utf-8"))


@cache
def fields() -> tuple[Field, ...]:
    """Every importable column, in template order."""
    result = []
    for raw in _document()["fields"]:
        field = Field(raw["key"], raw["target"], raw["kind"], tuple(raw["synonyms"]), raw.get("table", ""),
                      raw.get("required", False), raw.get("note", ""),
                      tuple((value, tuple(words)) for value, words in raw.get("choices", ())))
        if field.kind in ("code", "tags"):
            codes.items(field.table)  # a misspelt table name fails here, not in the middle of an import
        result.append(field)
    return tuple(result)


@cache
def by_key() -> dict[str, Field]:
    return {f.key: f for f in fields()}


def normalize_header(text: Any) -> str:
    """Fold a header cell for comparison: full-width forms, spaces, a bracketed note and * marks go."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    return _MARKS.sub("", _BRACKETS.sub("", folded)).lower()


@cache
def _synonym_index() -> dict[str, str]:
    return {normalize_header(s): f.key for f in fields() for s in f.synonyms}


def field_for_header(text: Any) -> str | None:
    """The field a header cell names, or None."""
    return _synonym_index().get(normalize_header(text))


def header_score(cells: tuple[Any, ...] | list[Any]) -> int:
    """How many different fields a row names: the header row is the row that names the most."""
    return len({key for key in map(field_for_header, cells) if key})


def skip_reason(cells: tuple[Any, ...] | list[Any]) -> str | None:
    """Why a non-blank row below the header is not a person (a total, notes or signature line), or None."""
    texts = [c for c in cells if isinstance(c, str) and c.strip()]
    if not texts:
        return None
    words = _document()["total_words"]
    joined = unicodedata.normalize("NFKC", "\n".join(texts))  # a quick look first: most rows are people
    if any(w in joined for w in words) and any(normalize_header(t).startswith(w) for t in texts for w in words):
        return "合计行"
    first = unicodedata.normalize("NFKC", texts[0]).strip()
    if first.startswith(_prefixes("notes_prefixes")):
        return "填写说明行"
    if first.startswith(_prefixes("footer_prefixes")):
        return "落款行"
    return None


@cache
def _prefixes(kind: str) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFKC", p) for p in _document()[kind])

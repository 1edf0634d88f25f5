"""Code tables (民族, 与户主关系, 文化程度 …) loaded from ``resources/codes/*.json``.

The tables are data, not Python, so an office can be given a corrected table without a new build.
Each file is read once, on first use. ``match`` turns what people type into spreadsheets
("汉", "党员", "已婚有配偶") into the standard item, and refuses to guess when a loose match is ambiguous.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from gridapp.resources import resource_path

FIELD_TYPES = ("text", "choice", "date", "number")
GROUPS = ("重点人员", "关爱对象", "其他")

# Endings people add or leave off: 汉/汉族, 男/男性, 流动/流动人口, 回族人.
_LOOSE_SUFFIXES = ("人员", "人口", "人士", "族", "人", "性")
_TABLE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SPACES = re.compile(r"\s+")
_INTEGER = re.compile(r"^\d+(?:\.0+)?$")


@dataclass(frozen=True)
class CodeItem:
    """One entry of a code table; ``extra`` holds any further keys of the JSON item."""

    code: str
    label: str
    aliases: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class DetailField:
    """A detail asked for a special-group tag, e.g. 矫正类别 (choice) or 释放日期 (date)."""

    key: str
    label: str
    type: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpecialGroup:
    """A special-group tag category (社区矫正对象, 低保对象 …) with the details it records."""

    code: str
    label: str
    group: str
    fields: tuple[DetailField, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseCategory:
    """One of the six top-level case categories with its sub-types."""

    code: str
    label: str
    subtypes: tuple[CodeItem, ...]


@cache
def _document(name: str) -> dict[str, Any]:
    if not _TABLE_NAME.match(name):
        raise KeyError(f"代码表名称「{name}」无效")
    path = resource_path("codes", f"{name}.json")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(f"找不到代码表「{name}」（{path}）") from None
    return json.loads(text)


def _to_item(raw: dict[str, Any]) -> CodeItem:
    extra = {k: v for k, v in raw.items() if k not in ("code", "label", "aliases")}
    return CodeItem(str(raw["code"]), raw["label"], tuple(raw.get("aliases", ())), extra)


def title(table: str) -> str:
    """Chinese title of a table, e.g. "民族"."""
    return _document(table)["title"]


@cache
def items(table: str) -> tuple[CodeItem, ...]:
    """All entries of ``table`` in file order."""
    return tuple(_to_item(raw) for raw in _document(table)["items"])


def labels(table: str) -> tuple[str, ...]:
    """Labels in file order, for combo boxes."""
    return tuple(item.label for item in items(table))


def label_of(table: str, code: str) -> str | None:
    """Label for ``code``, or None when the code is not in the table."""
    item = _by_code(table).get(code)
    return item.label if item else None


@cache
def _by_code(table: str) -> dict[str, CodeItem]:
    return {item.code: item for item in items(table)}


def _normalize(text: str) -> str:
    """Fold full-width forms and case, drop all spaces: "汉 族", "ＡＢ", "D级(危房)" compare equal."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).lower()


def _loose(text: str) -> str:
    for suffix in _LOOSE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def _base(text: str) -> str:
    """Part before a parenthesised note: "d级(危房)" -> "d级"."""
    return text.split("(", 1)[0] or text


def _variants(text: str) -> set[str]:
    base = _base(text)
    return {text, base, _loose(base)}


@cache
def _exact_index(table: str) -> dict[str, CodeItem]:
    # Later updates win: labels beat codes, codes beat aliases.
    index: dict[str, CodeItem] = {}
    for item in items(table):
        for alias in item.aliases:
            index.setdefault(alias, item)
    for item in items(table):
        index[item.code] = item
    for item in items(table):
        index[item.label] = item
    return index


@cache
def _loose_indexes(table: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Normalized key -> item codes, and every tolerant variant of a key -> item codes."""
    normalized: dict[str, set[str]] = {}
    variants: dict[str, set[str]] = {}
    for item in items(table):
        for key in (_normalize(s) for s in (item.label, item.code, *item.aliases)):
            normalized.setdefault(key, set()).add(item.code)
            for variant in _variants(key):
                variants.setdefault(variant, set()).add(item.code)
    return normalized, variants


def _unique(table: str, codes: set[str]) -> CodeItem | None:
    return _by_code(table)[next(iter(codes))] if len(codes) == 1 else None


def match(table: str, text: str | None) -> CodeItem | None:
    """Find the entry meant by ``text``: exact label, code or alias first, then tolerant forms.

    Tolerant matching ignores spaces, full-width forms, case, a parenthesised note, endings such as
    族/人/性 and lost leading zeros ("1" for "01"). An ambiguous tolerant match returns None.
    """
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    exact = _exact_index(table).get(raw)
    if exact is not None:
        return exact
    key = _normalize(raw)
    normalized, variants = _loose_indexes(table)
    if key in normalized:
        return _unique(table, normalized[key])
    codes: set[str] = set()
    for variant in _variants(key):
        codes |= variants.get(variant, set())
    if codes:
        return _unique(table, codes)
    if _INTEGER.match(key):
        number = int(key.split(".", 1)[0])
        return _unique(table, {i.code for i in items(table) if i.code.isdigit() and int(i.code) == number})
    return None


@cache
def special_groups() -> tuple[SpecialGroup, ...]:
    """All special-group tag categories, validated on load so a bad data file fails loudly."""
    groups = []
    for raw in _document("special_group")["items"]:
        fields = []
        for f in raw["fields"]:
            options = tuple(f.get("options", ()))
            if f["type"] not in FIELD_TYPES or (f["type"] == "choice") != bool(options):
                raise ValueError(f"特殊人群「{raw['label']}」的字段「{f['label']}」定义有误")
            fields.append(DetailField(f["key"], f["label"], f["type"], options))
        if raw["group"] not in GROUPS:
            raise ValueError(f"特殊人群「{raw['label']}」的分组「{raw['group']}」无效")
        groups.append(SpecialGroup(raw["code"], raw["label"], raw["group"], tuple(fields),
                                   tuple(raw.get("aliases", ()))))
    return tuple(groups)


def special_group(code: str) -> SpecialGroup:
    """The special group with ``code``; KeyError names the unknown code."""
    for group in special_groups():
        if group.code == code:
            return group
    raise KeyError(f"未知的特殊人群类别代码「{code}」")


@cache
def case_categories() -> tuple[CaseCategory, ...]:
    """The six case categories with sub-types (sub-type codes are the category code plus two digits)."""
    return tuple(
        CaseCategory(item.code, item.label, tuple(_to_item(s) for s in item.extra["subtypes"]))
        for item in items("case_category")
    )


@cache
def _readings() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in _document("surname_readings")["readings"].items()}


def surname_readings() -> dict[str, tuple[str, ...]]:
    """Surname -> pinyin syllables when read as a surname (曾 -> zeng). Returns a fresh copy."""
    return dict(_readings())

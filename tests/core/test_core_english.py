"""Every core term the interface shows has plain English (no Chinese left in it), and ``shown`` changes only
what it knows, only in English."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from gridapp import access, codes, i18n, table_labels
from gridapp.cases import workflow
from gridapp.imports.service import KINDS as IMPORT_KINDS
from gridapp.ledgers.case_log import TIMELINESS
from gridapp.ledgers.catalog import CASE_SHEET, LEDGERS
from gridapp.monitoring.rules import default_rules
from gridapp.queries.audit import KINDS as AUDIT_KINDS
from gridapp.queries.difficulty_weights import default_weights
from gridapp.resources import resource_path
from gridapp.services.recycle import RecycleBin
from gridapp.sync.dto import OUTCOME_LABELS
from gridapp.sync.tables import FIELD_LABELS

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
CODE_TABLES = sorted(p.stem for p in resource_path("codes").glob("*.json") if p.stem != "surname_readings")


@pytest.fixture(autouse=True)
def _language() -> Iterator[None]:
    yield
    i18n.set_language("zh")


def code_table_terms() -> Iterator[str | tuple[str, str]]:
    for table in CODE_TABLES:
        yield codes.title(table)
        yield from ((label, table) for label in codes.labels(table))
    for group in codes.special_groups():
        yield group.group
        for f in group.fields:
            yield f.label
            yield from f.options
    for category in codes.case_categories():
        yield from (subtype.label for subtype in category.subtypes)


def case_terms() -> Iterator[str]:
    yield from workflow.STEPS
    yield from TIMELINESS
    for action in workflow.ACTIONS.values():
        yield from (action.code, action.label)
        yield from (action.sheet,) if action.sheet else ()
        for f in action.fields:
            yield f.label
            yield from (f.hint,) if f.hint else ()
            yield from f.choices


def other_terms() -> Iterator[str]:
    for ledger in (*LEDGERS, CASE_SHEET):
        yield from (ledger.title, ledger.description)
    for role in access.roles():
        yield from (role.name, role.note)
    yield from access.permissions().values()
    yield from table_labels.LABELS.values()
    yield from AUDIT_KINDS.values()
    yield from IMPORT_KINDS.values()
    yield from (rule.cause for rule in default_rules().rules)
    yield from (part.label for part in default_weights().parts)
    yield from (title for _key, title, _table in RecycleBin.kinds())
    yield from ((label, "sync") for label in OUTCOME_LABELS.values())
    yield "全部"  # the whole tree as a sync scope
    for labels in FIELD_LABELS.values():  # the fields a sync conflict names
        yield from labels.values() if isinstance(labels, dict) else (labels,)


@pytest.mark.parametrize("terms", [code_table_terms, case_terms, other_terms], ids=lambda f: f.__name__)
def test_every_term_has_english_without_chinese(terms):
    i18n.set_language("en")
    pairs = [t if isinstance(t, tuple) else (t, "") for t in terms()]
    assert pairs
    untranslated = {(term, table): i18n.shown(term, table) for term, table in pairs
                    if not i18n.shown(term, table) or CJK.search(i18n.shown(term, table))}
    assert untranslated == {}


def test_a_term_of_two_meanings_follows_its_table():
    i18n.set_language("en")
    assert (i18n.shown("女", "sex"), i18n.shown("女", "relation"), i18n.shown("女")) == ("Female", "Daughter", "Female")


def test_shown_is_english_only_in_english():
    assert i18n.language() == "zh"
    assert i18n.shown("汉族") == "汉族"
    i18n.set_language("en")
    assert i18n.language() == "en"
    assert i18n.shown("汉族") == "Han"
    assert i18n.shown("流动人口台账") == "Floating population ledger"
    i18n.set_language("zh")
    assert i18n.shown("流动人口台账") == "流动人口台账"


def test_data_and_unknown_text_pass_through():
    i18n.set_language("en")
    for data in ("张三", "幸福村第一网格", "0012号", "", None):
        assert i18n.shown(data) == data


def test_an_unknown_language_is_chinese():
    i18n.set_language("fr")
    assert i18n.language() == "zh"
    assert i18n.shown("汉族") == "汉族"

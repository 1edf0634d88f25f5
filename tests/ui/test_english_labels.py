"""In English the interface shows the core's terms (code-table labels, ledger titles, case steps) in English,
while what it stores, filters and sorts on stays the Chinese label."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gridapp import codes, i18n
from gridapp.ledgers import ledger_kinds
from ui.dialogs.action_dialog import ActionDialog
from ui.pages import ledger_page
from ui.pages.household_page import HouseholdPage
from ui.pages.ledger_page import LedgerPage
from ui.widgets.code_combo import CodeCombo
from ui.widgets.tag_editor import TagEditor


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("zh")


def test_a_code_combo_shows_english_and_gives_the_chinese_label(qtbot) -> None:
    combo = CodeCombo("ethnicity")
    qtbot.addWidget(combo)
    assert [combo.itemText(i) for i in range(1, 4)] == ["Han", "Mongol", "Hui"]
    combo.set_value("汉族")
    assert (combo.currentText(), combo.value(), combo.check()) == ("Han", "汉族", "")
    combo.setCurrentText("uyghur")  # typed, any case
    assert (combo.check(), combo.currentText(), combo.value()) == ("", "Uyghur", "维吾尔族")
    combo.setCurrentText("回族")  # the Chinese label still works
    assert (combo.check(), combo.currentText(), combo.value()) == ("", "Hui", "回族")
    combo.setCurrentText("Klingon")
    assert "Klingon" in combo.check()


def test_a_relation_combo_says_daughter_where_the_sex_says_female(qtbot) -> None:
    relation = CodeCombo("relation")
    qtbot.addWidget(relation)
    relation.set_value("女")
    assert (relation.currentText(), relation.value(), relation.shown_value()) == ("Daughter", "女", "Daughter")


def test_the_household_filter_shows_english_and_filters_on_the_stored_colour(ctx, qtbot) -> None:
    page = HouseholdPage(ctx)
    qtbot.addWidget(page)
    total = page.model.rowCount()
    colour = page.filters["colour"]
    assert [colour.itemText(i) for i in range(1, colour.count())] == ["Red", "Yellow", "Green"]
    colour.setCurrentIndex(colour.findText("Red"))
    reds = page.model.rowCount()
    assert 0 < reds < total
    column = next(c for c, col in enumerate(page.model.columns) if col.attr == "colour")
    assert {page.model.index(r, column).data() for r in range(reds)} == {"Red"}
    assert page.current_filter().colour == "红"


def test_the_ledger_page_lists_english_titles_and_keeps_the_keys(ctx, qtbot) -> None:
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    titles = [page.kinds.item(row).text() for row in range(page.kinds.count())]
    assert titles[:2] == ["Grid Management Information Booklet", "Resident population ledger"]
    assert page.kinds.item(1).toolTip() == "Everyone registered, both registered and floating population"
    page.kinds.setCurrentRow(1)
    assert page.kinds.currentItem().data(ledger_page.KIND_ROLE) == ledger_kinds()[1].key == "population"


def test_an_action_dialog_shows_english_and_returns_chinese_values(qtbot) -> None:
    from gridapp.cases.workflow import ACTIONS

    dialog = ActionDialog(ACTIONS["评价"], "路灯不亮")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle().startswith("Rate")
    rating = dialog.editors["rating"]
    assert [rating.itemText(i) for i in range(rating.count())] == ["Satisfied", "Mostly satisfied", "Not satisfied"]
    dialog.set_value("rating", "不满意")
    assert (rating.currentText(), dialog.values()["rating"]) == ("Not satisfied", "不满意")


def test_special_group_tags_show_english_and_store_chinese_details(qtbot) -> None:
    editor = TagEditor()
    qtbot.addWidget(editor)
    editor.add_tag("disabled")
    panel = editor.current_panel()
    assert editor.labels() == ["Person with disability"]
    grade = panel.fields["disability_grade"]
    grade.setCurrentIndex(grade.findText("Grade 2"))
    assert panel.value().details["disability_grade"] == "二级"
    assert codes.special_group("disabled").label == "残疾人"

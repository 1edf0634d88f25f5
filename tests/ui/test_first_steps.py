"""A new office's first day: the 首页 of an empty database shows the first steps as large buttons, each doing its
step, and marks the steps already done; once a grid and a household exist, the day's numbers come back."""

from __future__ import annotations

import pytest
from case_helpers import answer_dialogs, press_ok
from factories import family
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from ui_helpers import context_for, elsewhere, type_text

from ui import messages
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.passphrase_dialog import PassphraseDialog, passphrase_store
from ui.dialogs.setup_wizard import SetupWizard
from ui.forms.household_form import HouseholdForm


@pytest.fixture
def new_office(ws, tmp_path, qapp):
    """A database just initialised: an office, no grid, no household, no passphrase."""
    context = context_for(ws, tmp_path)
    yield context
    context.tasks.wait()


@pytest.fixture
def first_day(new_office, qtbot):
    from ui.main_window import MainWindow

    window = MainWindow(new_office)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window)
    return window


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.pages["home"].busy())


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_an_empty_database_shows_the_first_steps_instead_of_zero_counters(first_day) -> None:
    home = first_day.pages["home"]
    assert home.first_steps_shown() and home.tile_area.isHidden()
    steps = home.first_steps
    assert [b.text() for b in steps.buttons.values()] == ["建立网格", "导入花名册", "登记第一户", "设置同步口令"]
    assert all(note.text() for note in steps.notes.values())
    assert "欢迎使用" in home.day_label.text()


def test_the_demo_village_shows_its_numbers_not_the_first_steps(window, qtbot) -> None:
    settle(qtbot, window)
    home = window.pages["home"]
    assert not home.first_steps_shown() and not home.tile_area.isHidden()


def finish_setup(wizard: SetupWizard) -> QDialog.DialogCode:
    """The user at the modal set-up wizard: 东街村 of 城关回族镇, three grids, no passphrase, 完成."""
    wizard.show()
    wizard.place_page.open_code("411423100")
    wizard.place_page.filter.insert("东街")
    for _page in range(4):
        wizard.next()
    wizard.accept()
    return QDialog.DialogCode(wizard.result())


def test_build_grid_runs_the_setup_wizard_then_shows_the_tree_and_is_marked_done(first_day, new_office, qtbot,
                                                                                monkeypatch) -> None:
    monkeypatch.setattr(SetupWizard, "exec", finish_setup)
    home = first_day.pages["home"]
    click(qtbot, home.first_steps.buttons["grid"])
    assert first_day.stack.currentWidget() is first_day.grid_page
    office = new_office.ws.office
    assert office.name == "东街村村民委员会" and new_office.ws.query.grid_node(office.node_id).name == "东街村"
    assert "东街村村民委员会" in first_day.windowTitle() and home.office_label.text() == "东街村村民委员会"
    first_day.show_page("home")
    settle(qtbot, first_day)
    assert home.first_steps.buttons["grid"].text() == "建立网格 ✓"
    assert home.first_steps.buttons["household"].text() == "登记第一户"
    assert home.first_steps_shown()  # still no household


def test_build_grid_with_a_tree_goes_to_the_grid_page(first_day, new_office, qtbot, monkeypatch) -> None:
    elsewhere(new_office, lambda: new_office.ws.grid.create(new_office.actor, None, "幸福村"))
    monkeypatch.setattr(SetupWizard, "exec", lambda _self: pytest.fail("no wizard once a tree exists"))
    click(qtbot, first_day.pages["home"].first_steps.buttons["grid"])
    assert first_day.stack.currentWidget() is first_day.grid_page


def test_first_household_without_a_grid_says_to_build_the_grid_first(first_day, qtbot, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(messages, "error", lambda _parent, text, *_a: said.append(text))
    click(qtbot, first_day.pages["home"].first_steps.buttons["household"])
    assert said and "还没有网格" in said[0]
    assert not first_day.findChildren(HouseholdForm)


def test_first_household_opens_a_new_household_form_and_saving_it_brings_the_numbers(first_day, new_office,
                                                                                      qtbot) -> None:
    ws = new_office.ws
    village = elsewhere(new_office, lambda: ws.grid.create(new_office.actor, None, "幸福村")).id
    qtbot.waitUntil(lambda: first_day.households_page.scope_id() == village)  # the new grid is picked
    click(qtbot, first_day.pages["home"].first_steps.buttons["household"])
    [form] = [f for f in first_day.findChildren(HouseholdForm) if f.isVisible()]
    assert form.household_id is None and form.windowTitle().startswith("新建住户")
    elsewhere(new_office, lambda: ws.households.create(new_office.actor, family(village)))
    form.close()
    first_day.show_page("home")
    settle(qtbot, first_day)
    home = first_day.pages["home"]
    assert not home.first_steps_shown() and not home.tile_area.isHidden()


def test_import_roster_opens_the_import_wizard(first_day, qtbot) -> None:
    click(qtbot, first_day.pages["home"].first_steps.buttons["import"])
    wizards = [w for w in first_day.findChildren(ImportWizard) if w.isVisible()]
    assert len(wizards) == 1
    wizards[0].reject()


def test_set_passphrase_opens_the_passphrase_dialog_and_marks_the_step_done(first_day, new_office, qtbot,
                                                                           monkeypatch) -> None:
    passphrase = "宁陵县2026sync"

    def fill(dialog: PassphraseDialog) -> None:
        type_text(qtbot, dialog.first, passphrase)
        type_text(qtbot, dialog.second, passphrase)
        press_ok(qtbot, dialog)

    asked = answer_dialogs(monkeypatch, PassphraseDialog, fill)
    click(qtbot, first_day.pages["home"].first_steps.buttons["passphrase"])
    assert len(asked) == 1
    assert passphrase_store(new_office).load() == passphrase
    settle(qtbot, first_day)
    assert first_day.pages["home"].first_steps.buttons["passphrase"].text() == "设置同步口令 ✓"

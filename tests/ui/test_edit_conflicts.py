"""Two workstations edit the same record: the form that read an older version is refused in words, keeps what
was typed, and offers to open the record again."""

from __future__ import annotations

import pytest
from factories import as_input
from test_household_form import show
from ui_helpers import type_text

from gridapp.dto import Actor
from gridapp.workspace import Workspace
from ui import messages
from ui.forms.household_form import HouseholdForm
from ui.forms.place_form import PlaceForm

ZHANG = Actor("张三")


@pytest.fixture(autouse=True)
def never_block_on_close(monkeypatch) -> None:
    monkeypatch.setattr(messages, "ask_save", lambda _parent, _text: "discard")


@pytest.fixture
def elsewhere(ctx):
    """Another workstation on the same database."""
    other = Workspace.open(ctx.ws.db_file)
    yield other
    other.close()


class Asked(list):
    """The offers to open the record again; ``reopen`` is what the user answers (True: 重新打开)."""

    reopen = False


@pytest.fixture
def offers(monkeypatch) -> Asked:
    asked = Asked()
    monkeypatch.setattr(messages, "offer_reopen", lambda _parent, text: asked.append(text) or asked.reopen)
    return asked


def open_household(ctx, qtbot, other: Workspace) -> tuple[HouseholdForm, str]:
    household_id = ctx.ws.query.household_ids(None)[0]
    form = show(qtbot, HouseholdForm(ctx, household_id))
    other.households.update(ZHANG, household_id, as_input(other.query.household(household_id), phone="13811112222"))
    form.address.clear()
    type_text(qtbot, form.address, "我改的地址")
    form.save()
    ctx.tasks.wait()
    return form, household_id


def test_staying_keeps_what_was_typed_and_nothing_is_overwritten(ctx, qtbot, elsewhere, offers) -> None:
    form, household_id = open_household(ctx, qtbot, elsewhere)
    assert len(offers) == 1 and offers[0].startswith("此户已被 张三 于 ")
    assert "此户已被 张三" in form.banner.text() and form.isVisible()
    assert form.address.text() == "我改的地址" and form.is_dirty()
    stored = elsewhere.query.household(household_id)
    assert stored.phone == "13811112222" and stored.address != "我改的地址"


def test_reopening_shows_what_is_stored_and_the_next_save_goes_through(ctx, qtbot, elsewhere, offers) -> None:
    offers.reopen = True
    form, household_id = open_household(ctx, qtbot, elsewhere)
    assert form.phone.text() == "13811112222" and form.address.text() != "我改的地址" and not form.is_dirty()
    form.address.clear()
    type_text(qtbot, form.address, "我改的地址")
    form.save()
    ctx.tasks.wait()
    stored = elsewhere.query.household(household_id)
    assert (stored.phone, stored.address) == ("13811112222", "我改的地址")


def test_a_place_form_is_refused_the_same_way(ctx, qtbot, elsewhere, offers) -> None:
    offers.reopen = True
    place = ctx.ws.query.places(None)[0]
    form = PlaceForm(ctx, place.id)
    qtbot.addWidget(form)
    elsewhere.places.update(ZHANG, place.id, notes="张三写的")
    form.widgets["notes"].setPlainText("我写的")
    form.save()
    ctx.tasks.wait()
    assert offers and offers[0].startswith("此场所已被 张三 于 ")
    assert form.widgets["notes"].toPlainText() == "张三写的"

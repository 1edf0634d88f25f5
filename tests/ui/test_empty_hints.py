"""Empty lists say what to do next, filters that match nothing say so, and both hints go away when rows
arrive (ui.widgets.empty_hint on every list page)."""

from __future__ import annotations

import pytest
from factories import family
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView
from ui_helpers import context_for, elsewhere

from gridapp.dto import SYSTEM
from ui.widgets.empty_hint import EmptyHint


@pytest.fixture
def office(ws, tmp_path, qapp):
    context = context_for(ws, tmp_path)
    yield context
    context.tasks.wait()


@pytest.fixture
def empty_window(office, qtbot):
    from ui.main_window import MainWindow

    window = MainWindow(office)
    qtbot.addWidget(window)
    window.show()
    return window


def hint_of(view) -> EmptyHint:
    return view.viewport().findChild(EmptyHint)


def showing(hint: EmptyHint) -> str:
    """The hint's text while it is shown, else ''."""
    return "" if hint.isHidden() else hint.text()


def test_the_hint_follows_the_rows_and_the_filter(qtbot) -> None:
    model = QStandardItemModel()
    view = QListView()
    view.setModel(model)
    qtbot.addWidget(view)
    narrowed = {"on": False}
    hint = EmptyHint(view, "还没有记录。", "没有符合条件的记录。", lambda: narrowed["on"])
    view.show()
    assert showing(hint) == "还没有记录。"
    assert hint.geometry().intersects(view.viewport().rect())
    narrowed["on"] = True
    hint.refresh()
    assert showing(hint) == "没有符合条件的记录。"
    model.appendRow(QStandardItem("一条"))
    assert showing(hint) == ""
    model.removeRow(0)
    assert showing(hint) == "没有符合条件的记录。"


def test_an_empty_database_says_where_grids_are_made(empty_window, office, qtbot) -> None:
    grid_page = empty_window.show_page("grid")
    assert "还没有网格" in showing(hint_of(grid_page.tree))
    households = empty_window.show_page("households")
    assert "还没有网格" in showing(hint_of(households.tree))
    elsewhere(office, lambda: office.ws.grid.create(office.actor, None, "幸福村"))
    assert showing(hint_of(grid_page.tree)) == ""
    assert showing(hint_of(households.tree)) == ""


def test_households_say_how_to_register_and_when_filters_match_nothing(ws, tree, office, qtbot) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(office)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("households")
    assert "新建住户" in showing(page.empty_hint) and "从Excel导入" in showing(page.empty_hint)
    page.filters["kind"].setCurrentIndex(1)
    assert showing(page.empty_hint).startswith("没有符合条件的住户")
    page.filters["kind"].setCurrentIndex(0)
    elsewhere(office, lambda: ws.households.create(office.actor, family(tree.village)))
    assert page.model.rowCount() == 1 and showing(page.empty_hint) == ""
    houses, places, cases, visits = (window.show_page(k) for k in ("houses", "places", "cases", "visits"))
    assert "新建房屋" in showing(houses.empty_hint)
    assert "新建场所" in showing(places.empty_hint)
    assert "登记事件" in showing(cases.empty_hint)
    assert "记录走访" in showing(visits.log_hint)
    ws.houses.create(SYSTEM, tree.village, address="幸福村1组1号")
    houses.refresh()
    assert showing(houses.empty_hint) == ""


def test_a_case_filter_that_matches_nothing_says_so(window, qtbot) -> None:
    page = window.show_page("cases")
    assert page.model.rowCount() > 0 and showing(page.empty_hint) == ""
    page.text.setText("没有这样的事件")
    page.refresh()
    assert page.model.rowCount() == 0
    assert showing(page.empty_hint).startswith("没有符合条件的事件")
    page.text.clear()
    page.refresh()
    assert showing(page.empty_hint) == ""


def test_the_recycle_bin_and_the_sync_history_explain_themselves(window, ctx, qtbot) -> None:
    recycle = window.show_page("recycle")
    assert recycle.table.rowCount() == 0 and "回收站是空的" in showing(recycle.empty_hint)
    household = ctx.ws.query.household_ids(None)[0]
    elsewhere(ctx, lambda: ctx.ws.recycle.delete(ctx.actor, "household", household))
    assert recycle.table.rowCount() > 0 and showing(recycle.empty_hint) == ""
    recycle.kind.setCurrentIndex(recycle.kind.findData("place"))
    assert showing(recycle.empty_hint) == "回收站里没有这一类的内容。"
    sync = window.show_page("sync")
    assert "还没有同步过" in showing(hint_of(sync.history.table))

"""首页: the start page shows the office and the to-do counts, follows new cases, and each number jumps to
the filtered list behind it."""

from __future__ import annotations

import pytest
from case_helpers import Clock
from PySide6.QtCore import Qt
from ui_helpers import elsewhere

from gridapp.dto import CaseInput
from ui.pages.settings_page import apply_font_mode


@pytest.fixture
def clock(ctx):
    return Clock(ctx)


def _settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.pages["home"].busy())


def _number(window, key: str) -> int:
    return int(window.pages["home"].tiles[key].text().split("\n")[1])


def test_home_is_the_start_page_with_office_and_counts(clock, window, ctx, qtbot) -> None:
    _settle(qtbot, window)
    home = window.pages["home"]
    assert window.stack.currentWidget() is home
    assert home.office_label.text() == ctx.ws.office.name
    work = ctx.ws.query.work_counts(None, ctx.now())
    assert _number(window, "overdue_cases") == work.overdue_cases
    assert _number(window, "open_cases") == work.open_cases
    assert _number(window, "overdue_visits") == work.overdue_visits
    assert home.tiles["overdue_cases"].text().startswith("超期事件")


def test_counts_follow_a_newly_registered_case(clock, window, ctx, qtbot) -> None:
    _settle(qtbot, window)
    before = _number(window, "open_cases")
    grid = ctx.ws.query.grid_children(None)[0].id
    elsewhere(ctx, lambda: ctx.ws.cases.register(ctx.actor, CaseInput(grid, "村口垃圾堆积", "环境保护"),
                                                    now=ctx.now()))
    _settle(qtbot, window)
    assert _number(window, "open_cases") == before + 1


def test_counts_follow_the_clock_when_the_page_is_shown_again(clock, window, ctx, qtbot) -> None:
    grid = ctx.ws.query.grid_children(None)[0].id
    elsewhere(ctx, lambda: ctx.ws.cases.register(ctx.actor, CaseInput(grid, "楼道堆放杂物", "公共安全",
                                                                         urgency="紧急"), now=ctx.now()))
    _settle(qtbot, window)
    overdue = _number(window, "overdue_cases")
    clock.advance(4)
    window.show_page("grid")
    window.show_page("home")
    _settle(qtbot, window)
    # The new 紧急 case is overdue now, and so may be some of the demo's 预警 raised on its last day.
    assert _number(window, "overdue_cases") == ctx.ws.query.work_counts(None, ctx.now()).overdue_cases > overdue


def test_clicking_a_number_opens_the_filtered_list(clock, window, ctx, qtbot) -> None:
    _settle(qtbot, window)
    home = window.pages["home"]
    qtbot.mouseClick(home.tiles["overdue_cases"], Qt.MouseButton.LeftButton)
    cases = window.case_page
    assert window.stack.currentWidget() is cases and cases.overdue.isChecked()
    assert cases.model.rowCount() == _number(window, "overdue_cases") > 0
    window.show_page("home")
    qtbot.mouseClick(home.tiles["open_cases"], Qt.MouseButton.LeftButton)
    assert not cases.overdue.isChecked() and cases.status.currentText() == "办理中"
    assert cases.model.rowCount() == _number(window, "open_cases")
    window.show_page("home")
    qtbot.mouseClick(home.tiles["due_week"], Qt.MouseButton.LeftButton)
    visits = window.visit_page
    qtbot.waitUntil(lambda: not visits.due_busy())
    assert window.stack.currentWidget() is visits and visits.tabs.currentIndex() == 1
    assert visits.horizon.currentData() == 7
    overdue = _number(window, "overdue_visits")
    assert visits.due_model.rowCount() == _number(window, "due_week") + overdue


def test_the_large_font_mode_enlarges_the_numbers_too(clock, window, qapp) -> None:
    tile = window.pages["home"].tiles["open_cases"]
    normal = tile.font().pointSizeF()
    apply_font_mode(True)
    qapp.processEvents()  # the font change reaches the widgets as posted events
    try:
        assert tile.font().pointSizeF() > normal > window.font().pointSizeF()
    finally:
        apply_font_mode(False)
        qapp.processEvents()
    assert tile.font().pointSizeF() == normal


def test_a_failed_count_reads_chinese_not_sqlite(clock, window, ctx, qtbot, monkeypatch, capsys) -> None:
    import sqlite3

    _settle(qtbot, window)
    home = window.pages["home"]

    def locked(*_args, **_kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(ctx.ws.query, "case_counts", locked)
    home.refresh()
    _settle(qtbot, window)
    assert home.day_label.text().startswith("待办数字没有算出来：出错了")
    assert "locked" not in home.day_label.text()
    assert "database is locked" in capsys.readouterr().err

"""考核: the difficulty list and the worker assessment table of the demo village, the period chooser, a change
followed, and 打印/导出 opening the ledger page on the matching ledger and period."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QPushButton
from ui_helpers import type_text

from gridapp.dto import SYSTEM
from gridapp.queries.assessment import period_of


def cells(table, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_the_difficulty_list_ranks_the_grids_with_their_workers(window, ctx) -> None:
    page = window.show_page("grading")
    expected = ctx.ws.query.grid_difficulty(None)
    assert cells(page.difficulty, 1) == [r.grid_name for r in expected] and len(expected) == 6
    assert page.difficulty.item(0, 1).toolTip() == expected[0].path_text
    assert cells(page.difficulty, 2) == [f"{r.score:g}" for r in expected]
    headers = [page.difficulty.horizontalHeaderItem(c).text() for c in range(page.difficulty.columnCount())]
    assert headers[:4] == ["排名", "网格", "难度分", "住户"] and headers[-1] == "建议人数"
    assert cells(page.difficulty, len(headers) - 1) == [str(r.suggested_workers) for r in expected]
    page.level.setCurrentIndex(1)  # 按村(社区)
    assert cells(page.difficulty, 1) == ["幸福村"]
    assert page.difficulty.item(0, 2).text() == f"{sum(r.score for r in expected):g}"


def test_a_new_rented_house_raises_the_grid_s_score(window, ctx) -> None:
    page = window.show_page("grading")
    last = ctx.ws.query.grid_difficulty(None)[-1]
    outcome = ctx.ws.houses.create(SYSTEM, last.grid_id, address="新建出租房", use="出租")
    ctx.bus.publish(outcome.changes)  # as every write through the program does
    row = cells(page.difficulty, 1).index(last.grid_name)
    assert page.difficulty.item(row, 2).text() == f"{last.score + 3:g}"


def test_the_assessment_follows_the_period_chooser_and_prints_through_the_ledger_page(window, ctx, qtbot) -> None:
    page = window.show_page("grading")
    page.tabs.setCurrentIndex(1)
    quarter = period_of("季", ctx.ws.today())
    expected = ctx.ws.query.worker_assessment(None, quarter)
    assert cells(page.assessment, 0) == [r.worker_name for r in expected]
    assert cells(page.assessment, 2) == [str(r.visits_due) for r in expected]
    assert page.period_label.text() == f"{quarter[0].isoformat()} 至 {quarter[1].isoformat()}"
    page.period_kind.setCurrentIndex(0)  # 月度
    page.day.clear()
    type_text(qtbot, page.day, "2026.3.15")
    page.day.editingFinished.emit()
    march = (date(2026, 3, 1), date(2026, 3, 31))
    assert page.period_label.text() == "2026-03-01 至 2026-03-31"
    assert cells(page.assessment, 5) == [str(r.visits_made) for r in ctx.ws.query.worker_assessment(None, march)]
    [button] = [b for b in page.findChildren(QPushButton) if b.text() == "打印/导出考核表…"]
    button.click()
    ledgers = window.pages["ledgers"]
    assert window.stack.currentWidget() is ledgers
    assert ledgers.kind() == "assessment" and ledgers.period() == march

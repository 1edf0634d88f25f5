"""The case window on its own: the timeline shows typed text as typed, it reloads only for changes that concern
its case, and a failed print reads Chinese."""

from __future__ import annotations

import pytest
from case_helpers import Clock

from gridapp.changes import Changes, Table
from gridapp.dto import CaseInput, HouseholdFilter
from ui import file_dialogs, messages
from ui.dialogs.case_window import CaseWindow

SUMMARY = "KTV噪音已处理，Tina和Tom已签字"


@pytest.fixture
def clock(ctx):
    return Clock(ctx)


@pytest.fixture
def case(ctx, clock):
    """A case of the demo village linked to one household, walked to 信息公示 with a summary full of T's."""
    grid_id = ctx.ws.query.cases()[0].grid_id
    household_id = ctx.ws.query.household_ids(grid_id, HouseholdFilter(), "number", False)[0]
    ws, actor = ctx.ws, ctx.actor
    case_id = ws.cases.register(actor, CaseInput(grid_id, "KTV噪音扰民", "社会治安", household_ids=[household_id]),
                                now=ctx.now()).id
    for code, values in (("转办", {"level": "网格自办"}), ("反馈结果", {"note": "已处理"}), ("评价", {"rating": "满意"}),
                         ("公示", {"summary": SUMMARY})):
        ws.cases.act(actor, case_id, code, values, now=ctx.now())
    return case_id, household_id


@pytest.fixture
def window(ctx, case, qtbot):
    window = CaseWindow(ctx, case[0])
    qtbot.addWidget(window)
    window.show()
    return window


def _notes(window: CaseWindow) -> list[str]:
    return [window.timeline.item(r, 4).text() for r in range(window.timeline.rowCount())]


def test_timeline_keeps_text_and_shows_moments_as_in_the_lists(window, clock) -> None:
    notes = _notes(window)
    assert f"公示内容：{SUMMARY}" in notes[-1]
    deadline = window.view.row.deadline
    assert f"办结期限：{deadline:%Y-%m-%d %H:%M}" in notes[0]
    assert "T" not in notes[0]


def test_reloads_only_for_changes_to_its_case_or_what_it_links(window, ctx, case, monkeypatch) -> None:
    reloads: list[bool] = []
    monkeypatch.setattr(window, "reload", lambda: reloads.append(True))
    case_id, household_id = case
    other = next(h for h in ctx.ws.query.household_ids(None, HouseholdFilter(), "number", False) if h != household_id)
    ctx.bus.publish(Changes(frozenset({Table.HOUSEHOLDS, Table.PERSONS}), frozenset({other})))
    ctx.bus.publish(Changes(frozenset({Table.PLACES}), frozenset({"some-place"})))
    assert reloads == []
    ctx.bus.publish(Changes(frozenset({Table.HOUSEHOLDS}), frozenset({household_id})))
    ctx.bus.publish(Changes(frozenset({Table.CASES, Table.CASE_STEPS}), frozenset({case_id})))
    ctx.bus.publish(Changes(frozenset({Table.CASE_LINKS})))  # a sync import says only which tables changed
    assert len(reloads) == 3


def test_a_failed_print_says_why_in_chinese(window, monkeypatch, tmp_path, qtbot) -> None:
    import sqlite3

    from gridapp.ledgers import catalog

    shown: list[tuple] = []
    monkeypatch.setattr(messages, "error", lambda _p, text, title=None, details=None: shown.append((text, details)))
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *_a: str(tmp_path / "missing" / "x.pdf"))
    window.print_button.click()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=30000)
    assert shown[0][0].startswith("无法写入文件") and shown[0][1] is None  # the ledger's own Chinese reason

    def locked(*_args, **_kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(catalog, "render_case_sheet", locked)
    window.print_button.click()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=30000)
    text, details = shown[1]
    assert text.startswith("出错了") and "locked" not in text
    assert "database is locked" in details
    assert window.print_button.isEnabled()

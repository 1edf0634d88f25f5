"""事件 page, quick-register dialog and case window, driven as a user would on the demo village: register,
walk a case through all eight steps with the buttons the window offers, see it fall overdue when the clock
passes its deadline, reopen it by 不满意, and print its 一事五单."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from case_helpers import Clock, answer_dialogs, fill_register, press_ok
from PySide6.QtCore import Qt

from gridapp.dto import Actor
from ui import file_dialogs, messages
from ui.dialogs.action_dialog import ActionDialog
from ui.dialogs.case_window import CaseWindow
from ui.dialogs.register_case_dialog import RegisterCaseDialog
from ui.paged_table_model import ALERT_BACKGROUND
from ui.pages.case_page import CasePage

TITLE = "幸福村3组路灯损坏"


@pytest.fixture
def clock(ctx):
    return Clock(ctx)


@pytest.fixture
def page(ctx, clock, qtbot):
    page = CasePage(ctx)
    qtbot.addWidget(page)
    page.show()
    yield page
    for window in page.findChildren(CaseWindow):
        window.close()


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _register(qtbot, monkeypatch, page, title: str = TITLE, urgency: str = "一般") -> str:
    """登记事件 from the page's button; returns the new case's id (selected in the list)."""
    answer_dialogs(monkeypatch, RegisterCaseDialog, lambda d: fill_register(qtbot, d, title, urgency=urgency))
    _click(qtbot, page.new_button)
    case_id = page.current_id()
    assert case_id is not None
    return case_id


def _open(qtbot, page, case_id: str) -> CaseWindow:
    page.select_case(case_id)
    _click(qtbot, page.open_button)
    [window] = [w for w in page.findChildren(CaseWindow) if w.isVisible() and w.case_id == case_id]
    return window


def _answers(monkeypatch, qtbot, plan: dict[str, dict[str, str]]) -> list:
    """Answer each action's dialog with ``plan[action code]`` and press its OK button."""
    def fill(dialog: ActionDialog) -> None:
        for key, value in plan[dialog.action.code].items():
            dialog.set_value(key, value)
        press_ok(qtbot, dialog)

    return answer_dialogs(monkeypatch, ActionDialog, fill)


def _buttons(window: CaseWindow) -> list[str]:
    return [b.text() for b in window.action_buttons.values()]


def _step(ctx, case_id: str) -> str:
    return ctx.ws.query.case(case_id, ctx.now()).row.step


def test_quick_register_needs_only_a_title_and_keeps_the_scope_and_defaults(page, ctx, qtbot, monkeypatch) -> None:
    before = page.model.rowCount()
    case_id = _register(qtbot, monkeypatch, page)
    case = ctx.ws.query.case(case_id, ctx.now())
    assert (case.row.title, case.row.category, case.row.source, case.row.urgency) == (TITLE, "城市管理", "巡查发现",
                                                                                     "一般")
    assert case.row.step == "事项受理"
    assert case.row.grid_id == page.scope_id()
    assert case.occurred_at == ctx.now()
    assert page.model.rowCount() == before + 1
    assert page.model.index(page.model.row_of(case_id), 1).data() == TITLE


def test_register_refusal_shows_in_the_banner_and_keeps_the_dialog_open(page, qtbot, monkeypatch) -> None:
    asked = answer_dialogs(monkeypatch, RegisterCaseDialog,
                           lambda d: fill_register(qtbot, d, "   "))  # a title of spaces only
    before = page.model.rowCount()
    _click(qtbot, page.new_button)
    [dialog] = asked
    assert dialog.isVisible() and dialog.case_id is None
    assert "请填写事件标题" in dialog.banner.text()
    assert page.model.rowCount() == before
    asked_to_save: list[str] = []
    monkeypatch.setattr(messages, "ask_save", lambda _parent, text: asked_to_save.append(text) or "discard")
    dialog.reject()
    assert asked_to_save and not dialog.isVisible()


def test_walk_a_case_through_all_eight_steps_with_only_valid_buttons(page, ctx, qtbot, monkeypatch) -> None:
    case_id = _register(qtbot, monkeypatch, page)
    window = _open(qtbot, page, case_id)
    assert window.timeline.rowCount() == 1
    _answers(monkeypatch, qtbot, {
        "转办": {"level": "村(社区)", "department": "村(社区)两委", "note": "请村两委协调电工"},
        "进展": {"note": "电工已到现场查看"},
        "督办": {"note": "请三日内修好"},
        "反馈结果": {"note": "已更换灯泡"},
        "评价": {"rating": "满意"},
        "公示": {"summary": "3组路灯已修复"},
        "归档": {},
    })
    expected_buttons = [
        ("事项受理", ["分类转办"]),
        ("分类转办", ["改派", "上报上级", "登记进展", "督办", "反馈结果"]),
        ("跟踪问效", ["改派", "上报上级", "登记进展", "督办", "反馈结果"]),
        ("督促落实", ["改派", "上报上级", "登记进展", "督办", "反馈结果"]),
        ("结果反馈", ["打分评价"]),
        ("打分评价", ["信息公示"]),
        ("信息公示", ["归档销号"]),
    ]
    for (step, buttons), code in zip(expected_buttons, ["转办", "进展", "督办", "反馈结果", "评价", "公示", "归档"],
                                     strict=True):
        assert _step(ctx, case_id) == step
        assert _buttons(window) == buttons
        _click(qtbot, window.action_buttons[code])
    assert _step(ctx, case_id) == "归档销号"
    assert window.action_buttons == {}
    assert "只能查看" in window.state_label.text()
    timeline = [[window.timeline.item(r, c).text() for c in range(5)] for r in range(window.timeline.rowCount())]
    assert [entry[1] for entry in timeline] == ["事项受理", "分类转办", "登记进展", "督办", "反馈结果", "打分评价",
                                                   "信息公示", "归档销号"]
    assert [entry[2] for entry in timeline[:7]] == ["集单", "议单", "办单", "办单", "办单", "评单", "晒单"]
    assert "管理员" in timeline[1][3] and "村(社区)两委" in timeline[1][4]
    assert window.details["summary"].text() == "3组路灯已修复"


def test_a_grid_worker_sees_only_the_buttons_of_the_role(page, ctx, qtbot, monkeypatch) -> None:
    case_id = _register(qtbot, monkeypatch, page)
    ctx.actor = Actor("李四", role="网格员")
    window = _open(qtbot, page, case_id)
    assert _buttons(window) == ["分类转办"]
    _answers(monkeypatch, qtbot, {"转办": {"level": "网格自办"}})
    _click(qtbot, window.action_buttons["转办"])
    # A worker may not 改派 nor order 督办 before the deadline.
    assert _buttons(window) == ["上报上级", "登记进展", "反馈结果"]


def test_passing_the_deadline_marks_the_case_overdue_in_list_and_window(page, ctx, clock, qtbot, monkeypatch) -> None:
    case_id = _register(qtbot, monkeypatch, page, urgency="紧急")  # 3 days
    ctx.actor = Actor("王网格长", role="网格长")
    window = _open(qtbot, page, case_id)
    _answers(monkeypatch, qtbot, {"转办": {"level": "网格自办"}})
    _click(qtbot, window.action_buttons["转办"])
    row = page.model.row_of(case_id)
    assert page.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "督办" not in _buttons(window)

    clock.advance(3.5)
    page.refresh()
    window.reload()
    row = page.model.row_of(case_id)
    assert page.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) == ALERT_BACKGROUND
    assert page.model.index(row, 3).data() == "已超期"
    assert "已超期" in window.state_label.text()
    assert "督办" in _buttons(window)  # overdue: the grid head may now order supervision
    page.overdue.setChecked(True)
    assert case_id in [page.model.record_id(r) for r in range(page.model.rowCount())]
    assert all(page.model.record(r).overdue for r in range(page.model.rowCount()))


def test_dissatisfied_rating_reopens_and_needs_a_reason(page, ctx, qtbot, monkeypatch) -> None:
    case_id = _register(qtbot, monkeypatch, page)
    window = _open(qtbot, page, case_id)
    errors: list[str] = []
    monkeypatch.setattr(messages, "error", lambda _parent, text, *_args: errors.append(text))
    plan = {"转办": {"level": "网格自办"}, "反馈结果": {"note": "已处理"}, "评价": {"rating": "不满意"}}
    asked = _answers(monkeypatch, qtbot, plan)
    for code in ("转办", "反馈结果"):
        _click(qtbot, window.action_buttons[code])
    assert _step(ctx, case_id) == "结果反馈"

    # Without a reason the rating is refused and the dialog asked again with what was chosen.
    def fill(dialog: ActionDialog) -> None:
        if len(asked) == 3:
            dialog.set_value("rating", "不满意")
            press_ok(qtbot, dialog)
        else:
            assert dialog.values()["rating"] == "不满意"
            dialog.set_value("note", "路灯仍然不亮")
            press_ok(qtbot, dialog)

    monkeypatch.setattr(ActionDialog, "exec", lambda d: (asked.append(d), d.show(), fill(d), d.result())[-1])
    _click(qtbot, window.action_buttons["评价"])
    qtbot.waitUntil(lambda: len(asked) == 4)  # asked again once the refusal has been shown
    assert asked[2] is asked[3]
    assert errors and "不满意" in errors[0]
    assert _step(ctx, case_id) == "跟踪问效"
    last = window.timeline.item(window.timeline.rowCount() - 1, 4).text()
    assert "退回重新办理" in last and "路灯仍然不亮" in last
    assert "退回重办 1 次" in window.details["satisfaction"].text()
    assert "反馈结果" in _buttons(window)


def test_print_the_one_case_five_sheets(page, ctx, qtbot, monkeypatch, tmp_path: Path) -> None:
    case_id = _register(qtbot, monkeypatch, page)
    window = _open(qtbot, page, case_id)
    target = tmp_path / "一事五单.pdf"
    suggested: list[str] = []
    monkeypatch.setattr(file_dialogs, "ask_save_path",
                        lambda _parent, _title, name, _pattern: suggested.append(name) or str(target))
    _click(qtbot, window.print_button)
    qtbot.waitUntil(lambda: window.status.text().startswith("已保存"), timeout=30000)
    assert suggested[0].startswith(ctx.ws.query.case(case_id).row.number)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages > 0
    assert window.status.text() == f"已保存：{target}（{pages} 页）"


def test_filters_narrow_the_list_and_the_counts_follow(page, ctx) -> None:
    total = page.model.rowCount()
    assert total > 0
    page.status.setCurrentIndex(page.status.findText("归档销号"))
    archived = page.model.rowCount()
    assert 0 < archived < total
    assert {page.model.record(r).step for r in range(archived)} == {"归档销号"}
    assert f"列出 {archived} 件" in page.count_label.text() and f"共 {total} 件" in page.count_label.text()
    page.status.setCurrentIndex(0)
    page.category.setCurrentIndex(page.category.findText("社会治安"))
    assert {page.model.record(r).category for r in range(page.model.rowCount())} == {"社会治安"}
    page.category.setCurrentIndex(0)
    first = min(page.model.record(r).accepted_at for r in range(total))
    page.date_from.setText(str(first.date()))
    page.date_to.setText(str(first.date()))
    page.refresh()
    assert 0 < page.model.rowCount() < total
    assert page.current_filter() == replace(page.current_filter(), accepted_from=first.date(), accepted_to=first.date())


def test_sorting_by_number_reorders_the_list(page) -> None:
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    numbers = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert numbers == sorted(numbers)


def test_enter_moves_on_and_photos_go_with_the_registration(page, ctx, qtbot, monkeypatch, tmp_path: Path) -> None:
    photo = tmp_path / "现场.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n fake picture")
    monkeypatch.setattr(file_dialogs, "ask_open_path", lambda _parent, _title, _pattern: str(photo))
    moved: list[bool] = []

    def fill(dialog: RegisterCaseDialog) -> None:
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.place.setFocus()
        qtbot.keyClick(dialog.place, Qt.Key.Key_Return)
        moved.append(dialog.isVisible() and not dialog.place.hasFocus())
        _click(qtbot, dialog.photo_button)
        fill_register(qtbot, dialog, TITLE)

    answer_dialogs(monkeypatch, RegisterCaseDialog, fill)
    _click(qtbot, page.new_button)
    assert moved == [True]  # Enter went to the next field, it did not save or close the dialog
    window = _open(qtbot, page, page.current_id())
    assert [window.attachments.item(i).text() for i in range(window.attachments.count())] == ["受理：现场.png"]

"""走访 page and visit form, driven as a user would on the demo village: the due list pre-fills the visit
form, a saved visit leaves the due list and enters the log, and a finding becomes a case with one button."""

from __future__ import annotations

import pytest
from case_helpers import Clock, answer_dialogs, fill_register
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from ui_helpers import closed, type_text

from gridapp.changes import Changes, Table
from gridapp.dto import Actor
from ui import messages
from ui.dialogs.case_window import CaseWindow
from ui.dialogs.register_case_dialog import RegisterCaseDialog
from ui.forms.visit_form import VisitForm
from ui.paged_table_model import ALERT_BACKGROUND
from ui.pages.visit_page import VisitPage


@pytest.fixture
def clock(ctx):
    return Clock(ctx)


@pytest.fixture
def page(ctx, clock, qtbot, monkeypatch):
    page = VisitPage(ctx)
    qtbot.addWidget(page)
    page.show()
    yield page
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    monkeypatch.setattr(messages, "ask_save", lambda *_args: "discard")
    for widget in page.findChildren(CaseWindow) + page.findChildren(VisitForm):
        widget.close()


def _due_keys(qtbot, page) -> list[str]:
    """The due list as shown once its tab is open and its reading has finished."""
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.due_busy())
    return [page.due_model.record_id(r) for r in range(page.due_model.rowCount())]


def _record_first_due(qtbot, page) -> VisitForm:
    _due_keys(qtbot, page)
    page.due_table.selectRow(0)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    [form] = [f for f in page.findChildren(VisitForm) if f.isVisible()]
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    _choose_first_worker(form)
    return form


def _choose_first_worker(form: VisitForm) -> None:
    """The demo's 管理员 is no grid worker, so the form leaves 网格员 empty for the user to choose."""
    assert form.worker.currentText() == ""
    form.worker.setCurrentIndex(0)


def _ctrl_s(qtbot, form) -> None:
    qtbot.keyClick(form.focusWidget() or form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_the_due_list_prefills_the_form_and_a_saved_visit_leaves_it(page, ctx, clock, qtbot) -> None:
    keys = _due_keys(qtbot, page)
    assert keys, "the demo village has households due for a visit"
    due = page.due_model.record(0)
    form = _record_first_due(qtbot, page)
    assert (form.target.kind, form.target.id) == (due.target_kind, due.target_id)
    assert due.title in form.target_label.text()
    assert form.day.value() == clock.today()
    type_text(qtbot, form.content, "入户了解近况，身体良好")
    _ctrl_s(qtbot, form)
    assert form.visit_id is not None, (form.banner.text(), form.worker.count())
    assert f"{due.target_kind}:{due.target_id}" not in _due_keys(qtbot, page)
    assert len(_due_keys(qtbot, page)) < len(keys)
    assert page.log_model.record_id(0) == form.visit_id  # newest first
    assert page.log_model.record(0).content == "入户了解近况，身体良好"


def test_a_visit_without_content_is_refused_in_the_banner(page, qtbot) -> None:
    form = _record_first_due(qtbot, page)
    _ctrl_s(qtbot, form)
    assert form.visit_id is None
    assert "走访内容" in form.banner.text() and form.banner.isVisible()


def test_register_a_case_from_a_visit_finding(page, ctx, qtbot, monkeypatch) -> None:
    form = _record_first_due(qtbot, page)
    due = page.due_model.record(0)
    type_text(qtbot, form.content, "入户走访")
    qtbot.mouseClick(form.case_button, Qt.MouseButton.LeftButton)
    assert "发现问题" in form.banner.text() and form.visit_id is None  # nothing found, nothing to register

    type_text(qtbot, form.findings, "屋后电线老化裸露")
    asked = answer_dialogs(monkeypatch, RegisterCaseDialog,
                           lambda d: fill_register(qtbot, d, d.title.text(), "公共安全"))
    qtbot.mouseClick(form.case_button, Qt.MouseButton.LeftButton)  # saves the visit, then asks for the case
    qtbot.waitUntil(lambda: bool(asked))
    [dialog] = asked
    assert dialog.title.text() == "屋后电线老化裸露"  # the finding is the title to start from
    assert form.visit_id is not None and form.case_id is not None
    case = ctx.ws.query.case(form.case_id, ctx.now())
    assert case.visit_id == form.visit_id
    assert (case.row.source, case.row.category, case.row.step) == ("巡查发现", "公共安全", "事项受理")
    assert "屋后电线老化裸露" in case.description
    assert [link.id for link in case.links] == [due.target_id]
    [window] = [w for w in form.findChildren(CaseWindow) if w.isVisible()]
    assert window.case_id == form.case_id
    assert page.log_model.record(page.log_model.row_of(form.visit_id)).case_numbers == (case.row.number,)


def test_log_filters_by_kind_date_and_worker(page, ctx) -> None:
    total = page.log_model.rowCount()
    assert total > 0
    page.kind.setCurrentIndex(page.kind.findData("巡查"))
    patrols = page.log_model.rowCount()
    assert 0 < patrols < total
    assert {page.log_model.record(r).kind for r in range(patrols)} == {"巡查"}
    page.kind.setCurrentIndex(0)
    newest = page.log_model.record(0).visited_on
    page.date_from.setText(str(newest))
    page.date_from.editingFinished.emit()
    assert {page.log_model.record(r).visited_on for r in range(page.log_model.rowCount())} == {newest}
    page.date_from.clear()
    page.date_from.editingFinished.emit()
    assert page.log_model.rowCount() == total
    worker = page.log_model.record(0).worker_id
    page.worker.setCurrentIndex(page.worker.findData(worker))
    assert 0 < page.log_model.rowCount() < total
    assert {page.log_model.record(r).worker_id for r in range(page.log_model.rowCount())} == {worker}


def test_the_due_list_is_read_only_when_its_tab_is_shown(page, qtbot) -> None:
    assert page.tabs.currentIndex() == 0 and not page.due_busy()
    assert page.due_model.rowCount() == 0
    assert _due_keys(qtbot, page)


def test_overdue_visits_are_highlighted_and_can_be_shown_alone(page, clock, qtbot) -> None:
    clock.advance(40)  # long enough for some households to fall overdue
    page.show_due(within_days=0, overdue_only=True)
    qtbot.waitUntil(lambda: not page.due_busy())
    rows = page.due_model.rowCount()
    assert rows > 0 and page.tabs.currentIndex() == 1
    assert all(page.due_model.record(r).overdue_days > 0 for r in range(rows))
    assert page.due_model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) == ALERT_BACKGROUND
    assert page.due_model.index(0, 6).data().startswith("逾期")
    assert f"已逾期 {rows} 个" in page.due_count.text()
    page.show_due(within_days=7)
    qtbot.waitUntil(lambda: not page.due_busy())
    assert page.due_model.rowCount() >= rows


def test_a_patrol_of_a_place_is_logged_against_it(page, ctx, qtbot, monkeypatch) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    [form] = [f for f in page.findChildren(VisitForm) if f.isVisible()]
    assert form.target.kind == "grid" and form.kind.value() == "巡查"  # a new entry starts as a patrol of the grid
    place = ctx.ws.query.places(page.scope_id())[0]
    monkeypatch.setattr(QInputDialog, "getItem", lambda _parent, _title, _label, items, *_args: (
        next(i for i in items if i.startswith(place.name)), True))
    qtbot.mouseClick(form.place_button, Qt.MouseButton.LeftButton)
    assert (form.target.kind, form.target.id) == ("place", place.id)
    _choose_first_worker(form)
    type_text(qtbot, form.content, "检查消防通道")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    row = page.log_model.record(page.log_model.row_of(form.visit_id))
    assert (row.target_kind, row.target_title, row.kind) == ("place", place.name, "巡查")


def test_the_worker_is_never_someone_else_by_default(page, ctx, qtbot) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    [form] = [f for f in page.findChildren(VisitForm) if f.isVisible()]
    assert form.worker.count() > 0 and form.worker.currentText() == ""
    type_text(qtbot, form.content, "巡查一遍")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.visit_id is None and "网格员" in form.banner.text()

    worker = form.worker.itemText(1)
    ctx.actor = Actor(worker, role="网格员")
    mine = page.new_visit()
    assert mine.worker.currentText() == worker
    type_text(qtbot, mine.content, "巡查一遍")
    qtbot.mouseClick(mine.save_button, Qt.MouseButton.LeftButton)
    assert ctx.ws.query.visit(mine.visit_id).row.worker_id == form.worker.itemData(1)


def test_closing_with_typed_findings_asks_first(page, qtbot, monkeypatch) -> None:
    form = _record_first_due(qtbot, page)
    asked: list[str] = []
    answers = iter(["cancel", "save"])
    monkeypatch.setattr(messages, "ask_save", lambda _parent, text: asked.append(text) or next(answers))
    type_text(qtbot, form.content, "入户走访")
    type_text(qtbot, form.findings, "屋后电线老化裸露")
    form.close()  # the window's ✕
    assert len(asked) == 1 and form.isVisible() and form.visit_id is None  # 取消: nothing lost
    form.close()  # 保存: the visit is stored, then the window closes
    qtbot.waitUntil(lambda: closed(form))
    assert len(asked) == 2
    assert page.log_model.record(page.log_model.row_of(form.visit_id)).findings == "屋后电线老化裸露"


def test_a_saved_or_untouched_form_closes_without_asking(page, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(messages, "ask_save", lambda *_args: pytest.fail("nothing to save, nothing to ask"))
    form = _record_first_due(qtbot, page)
    form.worker.setCurrentIndex(-1)  # back as opened
    assert form.close()
    form = _record_first_due(qtbot, page)
    type_text(qtbot, form.content, "入户走访")
    _ctrl_s(qtbot, form)
    assert form.visit_id is not None and form.close()


def test_the_register_dialog_asks_before_dropping_what_was_typed(page, ctx, qtbot, monkeypatch) -> None:
    dialog = RegisterCaseDialog(ctx, page.scope_id(), parent=page)
    dialog.show()
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask_save", lambda *_args: pytest.fail("nothing typed, nothing to ask"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    dialog = RegisterCaseDialog(ctx, page.scope_id(), parent=page)
    dialog.show()
    answers = iter(["cancel", "discard"])
    monkeypatch.setattr(messages, "ask_save", lambda _parent, text: asked.append(text) or next(answers))
    type_text(qtbot, dialog.title, "路灯不亮")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.title.text() == "路灯不亮"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and not dialog.isVisible() and dialog.case_id is None


def test_the_hidden_log_is_read_again_only_when_shown(page, ctx, qtbot, monkeypatch) -> None:
    reads: list[bool] = []
    original = page.log_model.refresh
    monkeypatch.setattr(page.log_model, "refresh", lambda: (reads.append(True), original())[-1])
    page.hide()
    form = VisitForm(ctx, page.scope_id(), parent=page)
    form.worker.setCurrentIndex(0)
    type_text(qtbot, form.content, "巡查消防通道")
    assert form.save()
    ctx.bus.publish(Changes(frozenset({Table.CASES})))
    assert reads == []
    page.show()
    assert reads == [True]
    assert page.log_model.record_id(0) == form.visit_id
    form.close()


def test_a_failed_due_read_reads_chinese(page, ctx, qtbot, monkeypatch, capsys) -> None:
    def broken(*_args, **_kwargs):
        raise OSError("[Errno 5] Input/output error")

    monkeypatch.setattr(ctx.ws.query, "due_visits", broken)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.due_busy())
    assert page.due_count.text().startswith("应访名单没有算出来：出错了")
    assert "Errno" not in page.due_count.text() and "Input/output error" in capsys.readouterr().err

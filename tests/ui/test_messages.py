"""messages.failure: users read Chinese, technicians get the traceback."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from gridapp.errors import RuleViolation
from ui import messages
from ui.tasks import TaskRunner


def test_user_error_is_shown_as_it_is(qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "error", lambda _p, text, title=None, details=None: shown.append((text, details)))
    messages.failure(None, RuleViolation("一户只能有一位户主。"))
    assert shown == [("一户只能有一位户主。", None)]


def test_unexpected_error_reads_chinese_and_keeps_the_traceback(qapp, monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(messages, "error", lambda _p, text, title=None, details=None: shown.append((text, details)))
    try:
        raise OSError("[Errno 28] No space left on device")
    except OSError as exc:
        messages.failure(None, exc)
    (text, details), = shown
    assert "No space" not in text and text.startswith("出错了，操作没有完成")
    assert "No space left on device" in details and "Traceback" in details
    assert "No space left on device" in capsys.readouterr().err


def test_worker_thread_traceback_is_used(qapp, qtbot):
    runner = TaskRunner()
    failed = []

    def broken(_progress):
        raise ValueError("database disk image is malformed")

    runner.start(broken, lambda _r: None, failed.append)
    qtbot.waitUntil(lambda: bool(failed))
    details = messages.failure_details(failed[0])
    assert details == failed[0].__traceback_text__ and "in broken" in details


def test_details_sit_behind_the_box_details_button(qapp, monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append((box.text(), box.detailedText())) or 0)
    messages.error(None, "出错了", details="Traceback: boom")
    assert seen == [("出错了", "Traceback: boom")]

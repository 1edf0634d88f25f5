"""LatestRead coalesces bursts: one read running, at most one more pending, only the newest shown."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from ui.latest_read import LatestRead
from ui.tasks import TaskRunner


def test_a_burst_runs_the_first_read_and_then_only_the_newest(qapp, qtbot) -> None:
    runner, owner = TaskRunner(), QObject()
    shown: list[int] = []
    ran: list[int] = []
    gate = threading.Event()
    latest = LatestRead(runner, shown.append, lambda exc: shown.append(-1), owner)

    def read(n: int):
        def run() -> int:
            ran.append(n)
            if n == 1:
                gate.wait(10)
            return n
        return run

    for n in range(1, 6):  # five change notices while the first read is still running
        latest.start(read(n))
    assert latest.running
    gate.set()
    qtbot.waitUntil(lambda: not latest.running)
    runner.wait()
    assert ran == [1, 5]
    assert shown == [5]


def test_a_failure_is_reported(qapp, qtbot) -> None:
    runner, owner = TaskRunner(), QObject()
    failures: list[str] = []
    latest = LatestRead(runner, lambda _r: None, lambda exc: failures.append(str(exc)), owner)

    def broken():
        raise OSError("disk gone")

    latest.start(broken)
    qtbot.waitUntil(lambda: not latest.running)
    assert failures == ["disk gone"]

"""The one contract of long work: reports reach the watcher, and a cancel stops the work at its next report."""

from __future__ import annotations

import threading

import pytest

from gridapp.progress import Cancelled, Progress


def test_reports_reach_the_watcher_until_cancelled() -> None:
    seen: list[tuple[int, int]] = []
    progress = Progress(lambda done, total: seen.append((done, total)))
    progress.report(1, 3)
    progress.check()
    progress.cancel()
    assert progress.cancelled
    with pytest.raises(Cancelled, match="已取消"):
        progress.report(2, 3)
    with pytest.raises(Cancelled):
        progress.check()
    assert seen == [(1, 3)]


def test_a_cancel_from_another_thread_stops_the_work_at_a_safe_point() -> None:
    progress, started, steps = Progress(), threading.Event(), []

    def work() -> None:
        try:
            for step in range(10**7):
                progress.report(step, 10**7)
                steps.append(step)
                started.set()
        except Cancelled:
            steps.append("stopped")

    worker = threading.Thread(target=work)
    worker.start()
    started.wait(5)
    progress.cancel()
    worker.join(5)
    assert steps[-1] == "stopped" and len(steps) < 10**7

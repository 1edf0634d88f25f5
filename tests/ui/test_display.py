"""Stored timestamps are UTC; an office in China must read them in its own time."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from ui.display import stored_moment_text


@pytest.fixture
def beijing_time(monkeypatch):
    monkeypatch.setenv("TZ", "CST-8")  # POSIX form: no tz database needed
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_stored_utc_moment_reads_in_local_time(beijing_time) -> None:
    assert stored_moment_text(datetime(2026, 11, 21, 17, 30)) == "2026-11-22 01:30"

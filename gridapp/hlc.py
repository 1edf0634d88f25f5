"""Hybrid logical clock: timestamps that order changes across offices whose wall clocks disagree.

A value is the wall-clock milliseconds (never going backwards) plus a counter, encoded as a fixed-width
string so that string order is time order and the database can index it. Ties between offices are broken
by office id where it matters (sync merge), not here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

WIDTH_MS = 15
WIDTH_COUNTER = 6


def encode(ms: int, counter: int) -> str:
    return f"{ms:0{WIDTH_MS}d}-{counter:0{WIDTH_COUNTER}d}"


def decode(value: str) -> tuple[int, int]:
    ms, counter = value.split("-")
    return int(ms), int(counter)


class HybridClock:
    """Thread-safe HLC. ``observe`` folds in a value seen from another office so later local stamps sort after it."""

    def __init__(self, last: str = "", wall_ms: Callable[[], int] | None = None) -> None:
        self._wall_ms = wall_ms or (lambda: time.time_ns() // 1_000_000)
        self._ms, self._counter = decode(last) if last else (0, 0)
        self._lock = threading.Lock()

    def wall_ms(self) -> int:
        """This PC's clock in milliseconds (what the stamps are made of)."""
        return self._wall_ms()

    def now(self) -> str:
        with self._lock:
            wall = self._wall_ms()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._counter += 1
            return encode(self._ms, self._counter)

    def observe(self, remote: str) -> None:
        if not remote:
            return
        ms, counter = decode(remote)
        with self._lock:
            if (ms, counter) > (self._ms, self._counter):
                self._ms, self._counter = ms, counter

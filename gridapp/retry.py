"""Running a use case again when the database asked for it: the server connection was lost before commit, or
two workstations' transactions collided. Nothing was written by the failed attempt, so trying again is safe;
the user sees a failure only when every attempt failed."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from gridapp.errors import ConnectionLost, WriteCollision

T = TypeVar("T")
DELAYS = (0.1, 0.5, 1.0, 2.0, 4.0)  # seconds between attempts: a restarting server is back within a few


def retried(call: Callable[[], T], delays: tuple[float, ...] | None = None,
            sleep: Callable[[float], None] = time.sleep,
            on_retry: Callable[[Exception], None] = lambda _exc: None) -> T:
    """``call()``, again after each delay while it fails with ConnectionLost or WriteCollision; ``on_retry``
    hears each such failure first (the UI says "正在重试")."""
    for delay in DELAYS if delays is None else delays:
        try:
            return call()
        except (ConnectionLost, WriteCollision) as exc:
            on_retry(exc)
            sleep(delay)
    return call()

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


def retried(call: Callable[[], T], delays: tuple[float, ...] = DELAYS,
            sleep: Callable[[float], None] = time.sleep) -> T:
    """``call()``, again after each delay while it fails with ConnectionLost or WriteCollision."""
    for delay in delays:
        try:
            return call()
        except (ConnectionLost, WriteCollision):
            sleep(delay)
    return call()

"""The one-line percentage the command line shows on stderr while long work runs."""

from __future__ import annotations

import sys
from collections.abc import Callable


def percent_printer(label: str) -> Callable[[int, int], bool]:
    """A progress callback printing ``label… N%`` over itself; it never cancels. Print a newline after the work."""

    def progress(done: int, total: int) -> bool:
        print(f"\r{label}… {done * 100 // max(total, 1)}%", end="", file=sys.stderr, flush=True)
        return True

    return progress

"""How every command prints: JSON in one style, a redrawn progress line only on a terminal, messages on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

Progress = Callable[[int, int], bool]


def print_json(value: Any) -> None:
    """Pretty JSON with Chinese kept readable; dates and paths as text."""
    print(json.dumps(value, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(type(value))


def note(text: str) -> None:
    """A line for the person at the terminal (counts, hints), kept out of stdout so pipes get only data."""
    print(text, file=sys.stderr)


@contextmanager
def progress(label: str) -> Iterator[Progress | None]:
    """A progress callback drawing one redrawn line on a terminal, or None (no progress text) when stderr is
    redirected; the line is cleared when the work ends."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(desc=label, total=1, file=sys.stderr, leave=False, dynamic_ncols=True,
              bar_format="{desc}… {percentage:3.0f}% |{bar}| {elapsed}") as bar:

        def report(done: int, total: int) -> bool:
            bar.total = max(total, 1)
            bar.update(min(done, bar.total) - bar.n)
            return True

        yield report

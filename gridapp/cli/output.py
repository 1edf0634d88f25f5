"""How every command prints: JSON in one style, a redrawn progress line only on a terminal, messages on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from gridapp.dates import DateError, parse_date
from gridapp.errors import UserError
from gridapp.progress import Progress
from gridapp.text_files import read_text


def print_json(value: Any) -> None:
    """Pretty JSON with Chinese kept readable; dates and paths as text."""
    print(json.dumps(value, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(type(value))


def read_secret(path: str, what: str) -> str:
    """A password or passphrase kept in a text file (never typed on the command line, where others see it)."""
    try:
        return read_text(path)
    except OSError as exc:
        raise UserError(f"无法读取{what} {path}：{exc.strerror or exc}") from exc


def read_password(path: str) -> str:
    """A password kept in a text file; the line break an editor adds is not part of it."""
    return read_secret(path, "密码文件").rstrip("\r\n")


def parse_day(option: str, text: str) -> date:
    """A date given on the command line (2026-03-01, 20260301, 2026.3.1 …), refused in Chinese naming the option."""
    try:
        return parse_date(text)
    except DateError as exc:
        raise UserError(f"{option}：{exc}。") from None


def local_time(stored: datetime) -> str:
    """A stored moment (naive UTC) as this PC's local time, to the minute."""
    return f"{stored.replace(tzinfo=UTC).astimezone():%Y-%m-%d %H:%M}"


def note(text: str) -> None:
    """A line for the person at the terminal (counts, hints), kept out of stdout so pipes get only data."""
    print(text, file=sys.stderr)


@contextmanager
def progress(label: str) -> Iterator[Progress]:
    """The Progress to hand long work: on a terminal it draws one redrawn line, cleared when the work ends;
    when stderr is redirected it prints nothing."""
    if not sys.stderr.isatty():
        yield Progress()
        return
    from tqdm import tqdm

    with tqdm(desc=label, total=1, file=sys.stderr, leave=False, dynamic_ncols=True,
              bar_format="{desc}… {percentage:3.0f}% |{bar}| {elapsed}") as bar:

        def draw(done: int, total: int) -> None:
            bar.total = max(total, 1)
            bar.update(min(done, bar.total) - bar.n)

        yield Progress(draw)

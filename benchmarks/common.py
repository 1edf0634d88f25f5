"""Helpers for the benchmarks: the cached county data set, timing, and a plain table printer."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from gridapp.workspace import Workspace

DATA = Path(__file__).resolve().parent / ".data"


def county_workspace(rebuild: bool = False) -> tuple[Workspace, float | None]:
    """The county data set (50,000 households), generated once and kept in benchmarks/.data/."""
    from gridapp.demo import generate

    path = DATA / "county.sqlite3"
    if rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    ws = Workspace.open(path)
    if ws.query.stats()["households"]:
        return ws, None
    start = time.perf_counter()
    generate(ws, "county", seed=1)
    return ws, time.perf_counter() - start


def timings(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def median_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def print_table(title: str, rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    print(f"\n{title}\n" + "-" * (width + 30))
    for key, value in rows:
        print(f"{key.ljust(width)}  {value}")

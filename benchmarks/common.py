"""Helpers for the benchmarks: the cached county data set, timing, and a plain table printer."""

from __future__ import annotations

import re
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
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


class Timings(list):
    """Seconds per run, and the peak RSS the runs reached (their own, see ``measured``)."""

    peak_mb: float = 0.0


def timings(fn: Callable[[], object], repeat: int) -> Timings:
    out = Timings()
    with measured() as m:
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    out.peak_mb = m.peak_mb
    return out


def ms(samples: Timings) -> str:
    """Median and p95 in milliseconds, with the peak RSS of the runs when it was measured."""
    med, p95 = median_p95(samples)
    peak = f", peak RSS {samples.peak_mb:.0f} MB" if getattr(samples, "peak_mb", 0) else ""
    return f"median {med * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms{peak}"


def median_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    """The whole process's peak so far (ru_maxrss never goes down; see ``measured`` for one operation)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


@dataclass
class Measure:
    seconds: float = 0.0
    peak_mb: float = 0.0

    def __str__(self) -> str:
        return f"{self.seconds:.2f} s, peak RSS {self.peak_mb:.0f} MB"


@contextmanager
def measured() -> Iterator[Measure]:
    """Wall time and the peak RSS of the process during the block alone: Linux resets the high-water mark
    (VmHWM) when 5 is written to /proc/self/clear_refs, so each operation gets its own peak, not the run's."""
    result = Measure()
    _reset_peak()
    start = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - start
        result.peak_mb = _vm_hwm_mb()


def _reset_peak() -> None:
    with suppress(OSError):  # not Linux: the figure is then the process's peak so far
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")


def _vm_hwm_mb() -> float:
    try:
        found = re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text(encoding="utf-8"))
    except OSError:
        found = None
    return int(found.group(1)) / 1024 if found else peak_rss_mb()


def print_table(title: str, rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    print(f"\n{title}\n" + "-" * (width + 30))
    for key, value in rows:
        print(f"{key.ljust(width)}  {value}")

"""``python tests/slow_cli.py MARKER gridapp-arguments…``: the command line in slow motion — every progress report
of a long operation (import, demo data, backup, restore, sync) first writes MARKER, then waits a little — so a
test can kill the process (kill -9) at several points in the middle of the work and check what is left."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from gridapp.cli import main
from gridapp.progress import Progress

STEP_SECONDS = 0.1


def slow_motion(marker: Path) -> None:
    report = Progress.report

    def slowly(self: Progress, done: int, total: int) -> None:
        marker.write_text(f"{done}/{total}", encoding="utf-8")
        time.sleep(STEP_SECONDS)
        report(self, done, total)

    Progress.report = slowly  # type: ignore[method-assign]


if __name__ == "__main__":
    slow_motion(Path(sys.argv[1]))
    raise SystemExit(main(sys.argv[2:]))

"""``python tests/sync_import_paused.py MARKER gridapp-arguments…``: the command line, with a sync import that
writes MARKER and waits once its transaction holds everything — for a test that kills it right there."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from gridapp.cli import main
from gridapp.sync import importer


def pause(marker: Path) -> None:
    marker.write_text("applying", encoding="utf-8")
    time.sleep(60)


if __name__ == "__main__":
    importer.after_write = lambda: pause(Path(sys.argv[1]))
    raise SystemExit(main(sys.argv[2:]))

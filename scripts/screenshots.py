"""Take screenshots of the real main window on a fresh demo village (called by scripts/docs-images)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from gridapp.demo import generate
from gridapp.workspace import Workspace
from ui.app import make_application, make_context
from ui.main_window import MainWindow


def settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "demo.sqlite3")
        generate(ws, "village", seed=1)
        window = MainWindow(make_context(ws, str(Path(tmp) / "settings.ini")))
        window.resize(1400, 860)
        window.show()
        page = window.households_page
        index = page.tree_model.index(0, 0)
        for _ in range(3):
            page.tree.expand(index)
            index = page.tree_model.index(0, 0, index)
        page.tree.setCurrentIndex(index)
        settle(app)
        window.grab().save(str(out / "main-window.png"))
        window.close()
        ws.close()
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))

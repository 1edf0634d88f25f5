"""The first main window, driven as a user would: the grid tree and the household list."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from gridapp.workspace import Workspace
from ui.main_window import MainWindow


def _texts(model, parent=None) -> list[str]:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_main_window_shows_the_tree_and_the_households_of_the_selected_node(qtbot, demo_ws: Workspace) -> None:
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    window.show()
    tree, table = window.tree_model, window.household_model
    [county] = _texts(tree)
    assert county.startswith("宁陵县（") and "户 /" in county
    total = table.rowCount()
    assert 250 <= total <= 400
    assert window.scope_label.text() == f"宁陵县：共 {total} 户"

    # open the tree down to the first grid, as a user clicking the arrows would
    index = tree.index(0, 0)
    for _ in range(3):
        window.tree.expand(index)
        index = tree.index(0, 0, index)
    window.tree.setCurrentIndex(index)
    grid = tree.node(index)
    assert grid.level_label == "网格"
    assert table.rowCount() == grid.household_count < total
    assert window.scope_label.text() == f"{grid.name}：共 {grid.household_count} 户"

    # the list shows a household that the database holds, with its head's name
    some_id = demo_ws.query.household_ids(grid.id)[0]
    household = demo_ws.query.household(some_id)
    row = table.row_of(some_id)
    assert table.index(row, 0).data() == household.number
    assert table.index(row, 1).data() == household.members[0].name


def test_sorting_by_a_column_reorders_the_list(qtbot, demo_ws: Workspace) -> None:
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    window.households.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    numbers = [window.household_model.index(r, 0).data() for r in range(window.household_model.rowCount())]
    assert numbers == sorted(numbers, reverse=True)


def test_smoke_start_exits_zero(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "ui", "--smoke", "--db", str(tmp_path / "smoke.sqlite3")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "smoke ok" in done.stdout

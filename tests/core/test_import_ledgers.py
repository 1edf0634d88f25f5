"""Our own exports come back in: every person ledger exported to Excel imports into its database unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_households import snapshot

from gridapp.dto import SYSTEM
from gridapp.excel.importer import import_file, list_sheets
from gridapp.excel.ledger_export import export_xlsx
from gridapp.ledgers.catalog import build_ledger
from gridapp.workspace import Workspace

# The ledgers that list residents one per row (gridapp.ledgers.persons). The booklet prints one form per
# household, and the workers, party-centre and premises ledgers list no residents.
PEOPLE_LEDGERS = ("population", "registered", "floating", "elderly", "special_groups", "rehabilitation")
CONTENT = ("grid_nodes", "households", "persons", "person_tags", "person_moves")


@pytest.mark.parametrize("key", PEOPLE_LEDGERS)
def test_an_exported_ledger_imports_back_unchanged(demo_ws: Workspace, tmp_path: Path, key: str) -> None:
    path = tmp_path / f"{key}.xlsx"
    export_xlsx(build_ledger(demo_ws, key, demo_ws.query.office_node().id), path)
    stats, content = demo_ws.query.stats(), snapshot(demo_ws, CONTENT)
    sheets = [s.name for s in list_sheets(path)]
    for sheet in sheets:
        result = import_file(demo_ws, path, SYSTEM, sheet=sheet)
        assert result.persons.unchanged > 0, (sheet, result.to_json())
        assert not (result.refused or result.needs_decision or result.skipped or result.missing_grids), sheet
        assert not result.changes_anything, sheet
    assert len(sheets) > (1 if key == "special_groups" else 0)
    assert demo_ws.query.stats() == stats
    assert snapshot(demo_ws, CONTENT) == content

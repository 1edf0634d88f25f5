"""Every folder of tests is collected: pytest silently skips folders named like its default ``norecursedirs``
(``build``, ``dist``, ``venv`` …) — the built-program tests once lived in ``tests/build`` and never ran."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def test_every_folder_of_tests_is_collected(request: pytest.FixtureRequest) -> None:
    if [Path(arg).resolve() for arg in request.config.args] != [TESTS]:
        pytest.skip("only a run of the whole suite collects every folder")
    collected = {Path(str(item.path)).parent for item in request.session.items}
    folders = {path.parent for path in TESTS.rglob("test_*.py")}
    assert sorted(folders - collected) == []

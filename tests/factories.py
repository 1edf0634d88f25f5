"""Test data builders shared by core and GUI tests (imported as ``from factories import …``)."""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from dataclasses import dataclass, fields, replace
from pathlib import Path

import backends
from pypdf import PdfReader

from gridapp.dto import HouseholdInput, HouseholdView, PersonInput, TagInput
from gridapp.idnumber import check_digit
from gridapp.progress import Progress
from gridapp.workspace import Workspace

_migrated: list[backends.Location] = []


@dataclass
class Tree:
    county: str
    town: str
    village: str
    grid1: str
    grid2: str
    micro: str



def valid_id(first17: str) -> str:
    """A valid 18-digit ID number for the given first 17 digits."""
    return first17 + check_digit(first17)


def family(grid_id: str, number: str = "001", head_id: str = "11010519491231002X") -> HouseholdInput:
    """A small household: head, spouse and child."""
    return HouseholdInput(
        grid_id=grid_id,
        number=number,
        address=f"幸福村1组{number}号",
        phone="13800001234",
        members=[
            PersonInput(name="曾秀英", relation="户主", id_number=head_id, ethnicity="汉族"),
            PersonInput(name="张三丰", relation="配偶", sex="男", phone="13912345678"),
            PersonInput(name="张小龙", relation="子", sex="男"),
        ],
    )


def as_input(view: HouseholdView, **changes) -> HouseholdInput:
    """The household page as it was read (with its version), ready to save back with ``changes``."""
    def same(target: type, source: object, **extra) -> dict:
        names = {f.name for f in fields(target)} & {f.name for f in fields(source)} - set(extra)
        return {n: getattr(source, n) for n in names} | extra

    members = [PersonInput(**same(PersonInput, m, tags=[TagInput(**same(TagInput, t, details=dict(t.details)))
                                                        for t in m.tags])) for m in view.members]
    page = same(HouseholdInput, view, members=members, colour=view.colour_override,
                colour_reason=view.colour_override_reason)
    return replace(HouseholdInput(**page), **changes)


def empty_workspace(path: Path) -> Workspace:
    """A new, migrated, empty database at ``path`` (a PostgreSQL database in the PostgreSQL pass, see
    backends.py): a copy of one migrated once per test run (running the migrations for every test would cost
    a seventh of a second each)."""
    if not _migrated:
        folder = Path(tempfile.mkdtemp(prefix="gridapp-template-"))
        atexit.register(shutil.rmtree, folder, True)
        template = backends.database_at(folder / "empty.sqlite3", keep=True)
        Workspace.open(template).close()
        _migrated.append(template)
    return Workspace.open(backends.database_at(path, copy_of=_migrated[0]))


def recording(seen: list[tuple[int, int]], cancel_after: int | None = None) -> Progress:
    """A Progress that records every report in ``seen``; after ``cancel_after`` reports the user presses 取消,
    so the work stops at its next report."""
    def record(done: int, total: int) -> None:
        seen.append((done, total))
        if cancel_after is not None and len(seen) >= cancel_after:
            progress.cancel()

    progress = Progress(record)
    return progress


def digest(db_file: Path) -> dict[str, tuple[int, int]]:
    """Row count and a hash of every row, per table: equal digests mean a row-for-row equal database."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: (len(rows := conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall()), hash(repr(rows)))
                for n in names}
    finally:
        conn.close()


def pages_text(path: Path) -> list[str]:
    """Each page's text of a PDF with runs of white space made one space (the page total is a separate PDF
    form)."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(path).pages]


def damage_pages(path: Path) -> None:
    """Zero 8 KB in the middle of the file, as a failing disk does."""
    raw = bytearray(path.read_bytes())
    middle = len(raw) // 2 // 4096 * 4096
    raw[middle:middle + 8192] = bytes(8192)
    path.write_bytes(bytes(raw))

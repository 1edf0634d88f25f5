"""Ledgers read and written in batches (county scale in bounded memory): the same text and workbook whatever
the batch size, page numbers that run on across batches, and a PDF writer that holds a window of rows and
sections, never all of them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import backends
import pytest
from factories import pages_text
from openpyxl import load_workbook
from sqlalchemy import event

from gridapp.excel.ledger_export import export_xlsx
from gridapp.ledgers import LedgerData, Rows, Section, SectionRun, build_ledger, pdf, people, write_pdf
from gridapp.ledgers import booklet as booklet_module
from gridapp.ledgers.model import LANDSCAPE, Column
from gridapp.progress import Progress
from gridapp.workspace import Workspace


@pytest.fixture(scope="module")
def village(demo_village: backends.Location, tmp_path_factory: pytest.TempPathFactory):
    ws = Workspace.open(backends.database_at(tmp_path_factory.mktemp("ledger-batches") / "village.sqlite3",
                                             copy_of=demo_village))
    ws.today = lambda: date(2026, 11, 1)
    yield ws
    ws.close()


def workbook(path: Path) -> list[tuple[str, list[list[object]]]]:
    book = load_workbook(path)
    return [(sheet.title, [[(c.value, c.style, c.quotePrefix) for c in row] for row in sheet.iter_rows()])
            for sheet in book.worksheets]


def written(ws: Workspace, key: str, scope: str, folder: Path) -> tuple[list[str], list]:
    data = build_ledger(ws, key, scope)
    write_pdf(data, folder / f"{key}.pdf")
    export_xlsx(data, folder / f"{key}.xlsx")
    return pages_text(folder / f"{key}.pdf"), workbook(folder / f"{key}.xlsx")


@pytest.mark.parametrize(("key", "scope"), [("population", "幸福村"), ("elderly", "幸福村"),
                                            ("booklet", "第二网格")])
def test_small_batches_print_and_export_what_one_batch_does(village: Workspace, key: str, scope: str,
                                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    node = village.query.find_grid(scope).id
    monkeypatch.setattr(people, "BATCH", 10**9)
    monkeypatch.setattr(booklet_module, "HOUSEHOLD_BATCH", 10**9)
    (tmp_path / "one").mkdir()
    whole = written(village, key, node, tmp_path / "one")
    monkeypatch.setattr(people, "BATCH", 3)
    monkeypatch.setattr(booklet_module, "HOUSEHOLD_BATCH", 2)
    monkeypatch.setattr(pdf, "STORY_AHEAD", 1)
    (tmp_path / "small").mkdir()
    batched = written(village, key, node, tmp_path / "small")
    assert len(whole[0]) > 3 and batched == whole


def test_persons_are_read_a_few_grids_at_a_time_as_rows_are_asked_for(village: Workspace,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people, "BATCH", 3)
    [section] = build_ledger(village, "population", village.query.find_grid("幸福村").id).sections
    queries: list[str] = []

    def seen(conn, cursor, statement: str, *args) -> None:
        if "FROM persons" in statement:
            queries.append(statement)

    event.listen(village.engine, "before_cursor_execute", seen)
    try:
        rows = iter(section.rows)
        next(rows)
        first = len(queries)
        read = 1 + sum(1 for _ in rows)
    finally:
        event.remove(village.engine, "before_cursor_execute", seen)
    assert read == len(section.rows) > 100
    assert first == 1 and len(queries) > 3  # one query per few grids, the first before any other row


def test_page_numbers_run_on_across_batches(village: Workspace, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people, "BATCH", 3)
    monkeypatch.setattr(pdf, "STORY_AHEAD", 1)
    data = build_ledger(village, "population", village.query.find_grid("幸福村").id)
    pages = write_pdf(data, tmp_path / "population.pdf")
    text = pages_text(tmp_path / "population.pdf")
    assert pages == len(text) > 3
    assert [n for n, page in enumerate(text, 1) if f"第 {n} 页 / 共 {pages} 页" not in page] == []
    assert sum(page.count("宁陵县") for page in text) == pages  # every page has its header, none twice


class Watched:
    """A row or section source that counts what it has handed out, beside what the printed pages took."""

    def __init__(self, make, count: int) -> None:
        self.make, self.count = make, count
        self.pages = 0  # progress reports after the first: one per finished page
        self.rows_done = 0
        self.given = 0
        self.most_rows_ahead = 0
        self.most_pages_ahead = 0

    def progress(self) -> Progress:
        def report(done: int, total: int) -> None:
            self.rows_done = done
            self.pages += 1

        return Progress(report)

    def read(self) -> Iterator:
        for n in range(1, self.count + 1):
            self.given = n
            self.most_rows_ahead = max(self.most_rows_ahead, n - self.rows_done)
            self.most_pages_ahead = max(self.most_pages_ahead, n - self.pages)
            yield self.make(n)


def ledger(*sections) -> LedgerData:
    return LedgerData("test", "测试台账", "测试单位", "测试范围", date(2026, 11, 1), LANDSCAPE, tuple(sections))


COLUMNS = (Column("序号", 10), Column("姓名", 20), Column("住址", 60))


def test_the_pdf_writer_holds_a_page_or_two_of_rows_not_all(tmp_path: Path) -> None:
    rows = Watched(lambda n: (str(n), f"姓名{n}", f"幸福村{n}号"), 3000)
    pages = write_pdf(ledger(Section("", COLUMNS, Rows(rows.count, rows.read))), tmp_path / "rows.pdf",
                      rows.progress())
    assert rows.given == 3000 and pages > 50
    assert 0 < rows.most_rows_ahead <= 2 * 3000 / pages  # rows read but not yet on a finished page
    assert "幸福村3000号" in pages_text(tmp_path / "rows.pdf")[-1]


def test_the_pdf_writer_reads_a_run_of_sections_as_it_prints_them(tmp_path: Path) -> None:
    sections = Watched(lambda n: Section(f"住户信息表{n}", COLUMNS, ((str(n), f"户主{n}", "幸福村"),),
                                         fields=(("户号", str(n)),), new_page=True), 200)
    run = SectionRun("住户信息表", "住户信息", COLUMNS, Rows(sections.count, sections.read), 200)
    pages = write_pdf(ledger(Section("概况", fields=(("网格", "第二网格"),)), run), tmp_path / "run.pdf",
                      sections.progress())
    text = pages_text(tmp_path / "run.pdf")
    assert pages == 201 and sections.given == 200
    assert "住户信息表200" in text[-1] and "户主1 " in text[1]
    assert sections.most_pages_ahead <= pdf.STORY_AHEAD + 2  # a household page is read shortly before it prints


def test_a_run_of_sections_exports_on_one_sheet(tmp_path: Path) -> None:
    sections = Watched(lambda n: Section(f"住户信息表{n}", COLUMNS, ((str(n), f"户主{n}", "幸福村"),),
                                         new_page=True), 30)
    run = SectionRun("住户信息表", "住户信息", COLUMNS, Rows(sections.count, sections.read), 30)
    export_xlsx(ledger(run), tmp_path / "run.xlsx")
    sheet = load_workbook(tmp_path / "run.xlsx")["住户信息"]
    titles = [row[0].value for row in sheet.iter_rows() if str(row[0].value).startswith("住户信息表")]
    assert titles == [f"住户信息表{n}" for n in range(1, 31)]

"""The paged list keeps a bounded number of pages: scrolling through a county's 20,000 cases does not keep
them all in memory, and a page dropped long ago is simply read again."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt

from ui.paged_table_model import MAX_PAGES, PAGE, PagedColumn, PagedTableModel


def test_scrolling_everything_keeps_at_most_max_pages(qapp) -> None:
    ids = [f"case-{i:05d}" for i in range(20_000)]
    fetched: list[str] = []

    def rows(page_ids: list[str]) -> list[SimpleNamespace]:
        fetched.append(page_ids[0])
        return [SimpleNamespace(title=i) for i in page_ids]

    model = PagedTableModel([PagedColumn("标题", "title")], lambda _sort, _desc: ids, rows)
    model.refresh()
    for row in range(0, len(ids), PAGE):
        assert model.index(row, 0).data() == ids[row]
    assert len(fetched) == len(ids) // PAGE
    last = len(ids) - 1
    assert model.index(last, 0).data(Qt.ItemDataRole.DisplayRole) == ids[last]  # still cached: no new read
    assert len(fetched) == len(ids) // PAGE
    assert model.index(0, 0).data() == ids[0]  # dropped long ago: read again
    assert fetched[-1] == ids[0] and len(fetched) == len(ids) // PAGE + 1
    recent = len(ids) - (MAX_PAGES - 1) * PAGE  # the first page of the MAX_PAGES - 1 most recent ones survived
    model.index(recent, 0).data()
    assert len(fetched) == len(ids) // PAGE + 1


def test_a_record_gone_before_its_page_is_read_leaves_its_line_empty_not_its_neighbours_data(qapp) -> None:
    """Another workstation deletes a record between reading the ids and reading the page: the lines below it
    must still show (and act on) their own records, not move up one."""
    ids = ["a", "b", "c", "d"]

    def rows(page_ids: list[str]) -> list[SimpleNamespace]:
        return [SimpleNamespace(id=i, name=f"名{i}") for i in page_ids if i != "b"]

    model = PagedTableModel([PagedColumn("姓名", "name")], lambda _sort, _desc: ids, rows)
    model.refresh()
    assert [model.index(r, 0).data() for r in range(4)] == ["名a", None, "名c", "名d"]
    assert model.record(2).id == "c"
    assert model.record(1) is None

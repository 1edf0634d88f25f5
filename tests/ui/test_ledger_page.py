"""The 台账 page: generate a ledger in the background, preview it, save it as PDF and Excel, print it; the
事件 and 走访 ledgers over the 起止日期 typed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from shiboken6 import delete

from ui import messages
from ui.pages import ledger_page
from ui.pages.ledger_page import LedgerPage


def _choose(page: LedgerPage, key: str) -> None:
    for row in range(page.kinds.count()):
        if page.kinds.item(row).data(ledger_page.KIND_ROLE) == key:
            page.kinds.setCurrentRow(row)
            return
    raise AssertionError(key)


def test_generate_preview_then_save_pdf_excel_and_print(ctx, qtbot, tmp_path: Path, monkeypatch) -> None:
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    page.show()
    _choose(page, "population")
    assert not page.print_button.isEnabled()
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=60_000)
    assert page.status.text().startswith("已生成，共")
    assert page.print_button.isEnabled() and page.pdf_button.isEnabled()

    pdf = tmp_path / "实有人口.pdf"
    monkeypatch.setattr(ledger_page, "ask_save_path", lambda *_args: str(pdf))
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert pdf.read_bytes().startswith(b"%PDF")

    xlsx = tmp_path / "实有人口.xlsx"
    monkeypatch.setattr(ledger_page, "ask_save_path", lambda *_args: str(xlsx))
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text().startswith("已导出"), timeout=60_000)
    sheet = load_workbook(xlsx).active
    assert sheet.max_row > 100

    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    page.print_to(printer)
    assert printed.read_bytes().startswith(b"%PDF")


def test_changing_the_choice_forgets_the_old_preview(ctx, qtbot) -> None:
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    _choose(page, "workers")
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=60_000)
    _choose(page, "population")
    assert page.document.pageCount() == 0
    assert not page.print_button.isEnabled()


def test_previews_live_in_a_folder_removed_with_the_page(ctx, qtbot) -> None:
    page = LedgerPage(ctx)
    _choose(page, "workers")
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=60_000)
    folder = page.pdf_path.parent
    assert folder.name.startswith("gridapp-ledger-") and folder.is_dir()
    delete(page)  # what closing the window does to its pages
    assert not folder.exists()


def test_the_case_and_visit_ledgers_cover_the_dates_typed(ctx, qtbot, tmp_path: Path, monkeypatch) -> None:
    ctx.ws.today = lambda: date(2026, 11, 1)  # the demo's calendar
    errors: list[str] = []
    monkeypatch.setattr(messages, "error", lambda _parent, text, *_args: errors.append(text))
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    page.show()
    keys = [page.kinds.item(row).data(ledger_page.KIND_ROLE) for row in range(page.kinds.count())]
    assert {"cases", "visits"} <= set(keys) and "case_sheet" not in keys  # one case prints from its window
    _choose(page, "workers")
    assert not page.period_box.isEnabled()
    _choose(page, "cases")
    assert page.period_box.isEnabled()
    assert (page.date_from.text(), page.date_to.text()) == ("2026-01-01", "2026-12-31")

    for edit, typed in ((page.date_from, "2026.10.1"), (page.date_to, "20261031")):
        edit.clear()
        qtbot.keyClicks(edit, typed)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=60_000)
    assert page.date_from.text() == "2026-10-01"
    text = " ".join(p.extract_text() for p in PdfReader(page.pdf_path).pages)
    assert "事件台账" in text and "期间：2026-10-01至2026-10-31" in text

    _choose(page, "visits")
    xlsx = tmp_path / "走访.xlsx"
    monkeypatch.setattr(ledger_page, "ask_save_path", lambda *_args: str(xlsx))
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text().startswith("已导出"), timeout=60_000)
    details = load_workbook(xlsx)["走访明细"]
    assert "期间：2026-10-01至2026-10-31" in details["A2"].value
    assert {c.value[:7] for c in details["B"][3:]} == {"2026-10"}

    page.date_to.clear()
    qtbot.keyClicks(page.date_to, "2026-02-30")
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert errors == ["请填写起止日期，例如 2026-01-01 至 2026-12-31。"]
    assert page.date_to.error_label.isVisible() and "不存在" in page.date_to.error_label.text()
    assert not page.work.busy() and page.document.pageCount() == 0


def test_the_suggested_file_name_is_one_windows_accepts(ctx, qtbot, monkeypatch) -> None:
    from gridapp.dto import SYSTEM

    first = LedgerPage(ctx)
    qtbot.addWidget(first)
    node = first.tree_model.node(first.tree.currentIndex())
    ctx.ws.grid.rename(SYSTEM, node.id, "东街/西街:一组")
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    _choose(page, "population")
    suggested: list[str] = []
    monkeypatch.setattr(ledger_page, "ask_save_path", lambda _p, _t, name, _f: suggested.append(name) or "")
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    assert suggested == [f"实有人口台账-东街_西街_一组-{ctx.ws.today():%Y%m%d}.xlsx"]

"""The 台账 page: generate a ledger in the background, preview it, save it as PDF and Excel, print it."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

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

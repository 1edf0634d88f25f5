"""Printable ledgers (台账) and the 采集簿 booklet: one declarative definition per ledger, built as plain data
(``build_ledger``) that the PDF writer here and the Excel writer in ``gridapp.excel`` both render.

reportlab is imported only inside this package (an import-linter contract says so).
"""

from gridapp.ledgers.catalog import (
    CASE_SHEET,
    LEDGERS,
    build_case_sheet,
    build_ledger,
    find_ledger,
    ledger_kinds,
    render_case_sheet,
    render_pdf,
)
from gridapp.ledgers.model import (
    Column,
    LedgerData,
    LedgerKind,
    Part,
    Rows,
    Section,
    SectionRun,
    each_section,
)
from gridapp.ledgers.pdf import write_pdf
from gridapp.ledgers.scope import calendar_year
from gridapp.progress import Cancelled

__all__ = [
    "CASE_SHEET",
    "LEDGERS",
    "Cancelled",
    "Column",
    "LedgerData",
    "LedgerKind",
    "Part",
    "Rows",
    "Section",
    "SectionRun",
    "build_case_sheet",
    "build_ledger",
    "calendar_year",
    "each_section",
    "find_ledger",
    "ledger_kinds",
    "render_case_sheet",
    "render_pdf",
    "write_pdf",
]

"""Printable ledgers (台账) and the 采集簿 booklet: one declarative definition per ledger, built as plain data
(``build_ledger``) that the PDF writer here and the Excel writer in ``gridapp.excel`` both render.

reportlab is imported only inside this package (an import-linter contract says so).
"""

from gridapp.ledgers.catalog import LEDGERS, build_ledger, find_ledger, ledger_kinds, render_pdf
from gridapp.ledgers.model import Cancelled, Column, LedgerData, LedgerKind, Section
from gridapp.ledgers.pdf import write_pdf

__all__ = [
    "LEDGERS",
    "Cancelled",
    "Column",
    "LedgerData",
    "LedgerKind",
    "Section",
    "build_ledger",
    "find_ledger",
    "ledger_kinds",
    "render_pdf",
    "write_pdf",
]

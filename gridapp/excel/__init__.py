"""Excel files in and out: ledger export and spreadsheet import. openpyxl is imported only inside this package
(an import-linter contract says so)."""

"""Excel files in and out: ledger export and spreadsheet import. openpyxl (writing) and python-calamine
(reading) are imported only inside this package (import-linter contracts say so)."""

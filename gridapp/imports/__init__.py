"""Imports done in this database (Excel sheets, sync packages): the recent ones and undoing one (``ws.imports``)."""

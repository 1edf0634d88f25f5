"""Which sheet column feeds which field: proposed from header synonyms, edited in the wizard, remembered.

An office imports the same kind of sheet again and again (each grid worker's copy of the village roster), so a
mapping the user corrected once is stored in the settings table under a key made from the header layout, and
proposed again for the next file whose headers are the same.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from gridapp.excel.import_fields import by_key, field_for_header, fields, normalize_header
from gridapp.excel.import_reader import ImportRefused
from gridapp.models import Setting

SETTING_PREFIX = "import.mapping."


@dataclass
class ColumnMapping:
    """Field key per column index (0-based). Each field feeds from at most one column."""

    headers: tuple[str, ...]
    columns: dict[int, str] = field(default_factory=dict)
    remembered: bool = False  # proposed from a mapping the user confirmed for the same layout before

    def set(self, column: int, key: str | None) -> None:
        """Map ``column`` to field ``key`` (None: ignore the column); another column holding the field lets go."""
        if key is not None and key not in by_key():
            raise KeyError(key)
        self.columns = {c: k for c, k in self.columns.items() if c != column and k != key}
        if key is not None:
            self.columns[column] = key

    def column_of(self, key: str) -> int | None:
        return next((c for c, k in self.columns.items() if k == key), None)

    def header_of(self, key: str) -> str:
        """The sheet's own header for a field, as row reports name the column."""
        column = self.column_of(key)
        if column is None:
            return by_key()[key].title
        return self.headers[column] if column < len(self.headers) and self.headers[column] else f"第{column + 1}列"

    def missing(self) -> list[str]:
        """Titles of required fields no column feeds. 与户主关系 is needed only to register new people: a sheet
        with ID numbers and without it (our own 流动人口 or 特殊人群 ledgers) can still check registered people."""
        return [f.title for f in fields() if f.required and self.column_of(f.key) is None
                and not (f.key == "relation" and self.column_of("id_number") is not None)]

    @property
    def checks_only(self) -> bool:
        """No 与户主关系 column: the sheet can update registered people, found by ID number, not add any."""
        return self.column_of("relation") is None

    def unmapped_headers(self) -> list[str]:
        """Non-blank headers whose column is ignored, so the wizard can point them out."""
        return [h for i, h in enumerate(self.headers) if h and i not in self.columns]

    def require_complete(self) -> None:
        missing = self.missing()
        if missing:
            raise ImportRefused(f"没有找到“{'”“'.join(missing)}”列。请在“列对应”中指定哪一列是{'、'.join(missing)}。")


def propose_mapping(ws: Any, headers: tuple[str, ...]) -> ColumnMapping:
    """The mapping remembered for this header layout, else one made from the header synonyms."""
    with ws.read() as s:
        stored = s.get(Setting, _setting_key(headers))
    if stored is not None:
        columns = {int(c): k for c, k in json.loads(stored.value).items() if k in by_key() and int(c) < len(headers)}
        return ColumnMapping(headers, columns, remembered=True)
    mapping = ColumnMapping(headers)
    for column, header in enumerate(headers):
        key = field_for_header(header)
        if key and mapping.column_of(key) is None:
            mapping.columns[column] = key
    return mapping


def remember_mapping(session: Any, mapping: ColumnMapping) -> None:
    """Store the mapping for this header layout (inside the caller's transaction)."""
    value = json.dumps({str(c): k for c, k in sorted(mapping.columns.items())}, ensure_ascii=False)
    row = session.get(Setting, _setting_key(mapping.headers))
    if row is None:
        session.add(Setting(key=_setting_key(mapping.headers), value=value))
    elif row.value != value:
        row.value = value


def _setting_key(headers: tuple[str, ...]) -> str:
    layout = "\x1f".join(normalize_header(h) for h in headers)
    return SETTING_PREFIX + hashlib.sha1(layout.encode("utf-8")).hexdigest()

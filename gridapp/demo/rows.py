"""The bulk row writer: demo rows as plain dicts, written with Core inserts inside the demo's transaction.

The flush hook that stamps ORM objects is bypassed (it would be far too slow for a county), so every synced
column is filled in here. Ids come from the seeded Random, so that a seed always gives the same records.
"""

from __future__ import annotations

import random
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert

from gridapp.models.base import utcnow

if TYPE_CHECKING:
    from gridapp.workspace import Tx

BATCH_ROWS = 5000


class Rows:
    """Rows waiting to be inserted, by model; ``models`` lists parents before children."""

    def __init__(self, tx: Tx, rng: random.Random, models: tuple[type, ...]) -> None:
        self.tx = tx
        self.rng = rng
        self.models = models
        self.now = utcnow()
        self.waiting: dict[type, list[dict[str, Any]]] = {model: [] for model in models}
        self.pending = 0
        self.counts: dict[type, int] = dict.fromkeys(models, 0)

    @property
    def full(self) -> bool:
        """Enough rows wait for a batch worth inserting."""
        return self.pending >= BATCH_ROWS

    def add(self, model: type, **values: Any) -> dict[str, Any]:
        """A new row of ``model`` with a seeded id; the caller may still change its values until the flush."""
        stamp = self.tx.stamp
        row = {"id": uuid.UUID(int=self.rng.getrandbits(128), version=4).hex, "created_at": self.now,
               "updated_at": self.now, "hlc": stamp.version(model.__tablename__), "office_id": stamp.office_id, "deleted": False,
               **values}
        self.waiting[model].append(row)
        self.pending += 1
        return row

    def flush(self) -> None:
        """Insert every waiting row, parents first so that foreign keys hold at every batch."""
        for model in self.models:
            rows = self.waiting[model]
            for start in range(0, len(rows), BATCH_ROWS):
                self.tx.session.execute(insert(model.__table__), rows[start:start + BATCH_ROWS])
            self.counts[model] += len(rows)
            self.waiting[model] = []
        self.pending = 0
        self.tx.stamp.tables.update(model.__tablename__ for model in self.models)

"""Case numbers: ``<grid code>-<year>-<office tag>-<sequence>``, e.g. 41142310100101-2026-K7Q2-0042.

The grid code says where, the year when, and the sequence counts per grid, year and office. The office tag
(four characters from a hash of the office's UUID) keeps two offices that register cases in the same grid
— a village and its town, say, when the town hands a case down — from handing out the same number before
their databases have met; the sequence is allocated inside the registering transaction (see
gridapp.services.cases).
"""

from __future__ import annotations

import hashlib

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U: nothing to misread on paper
TAG_LENGTH = 4
SEQ_WIDTH = 4
NO_CODE = "0"  # a tree without codes still numbers its cases


def office_tag(office_id: str) -> str:
    digest = int.from_bytes(hashlib.sha256(office_id.encode()).digest()[:4], "big")
    return "".join(CROCKFORD[(digest >> (5 * i)) & 31] for i in reversed(range(TAG_LENGTH)))


def prefix(grid_code: str, year: int, tag: str) -> str:
    return f"{grid_code or NO_CODE}-{year}-{tag}-"


def number(prefix_: str, seq: int) -> str:
    return f"{prefix_}{seq:0{SEQ_WIDTH}d}"


def next_seq(prefix_: str, highest: str | None) -> int:
    """The sequence after ``highest``, the greatest number issued under ``prefix_`` so far (None: none yet)."""
    return int(highest[len(prefix_):]) + 1 if highest else 1

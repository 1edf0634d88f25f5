"""Content-addressed storage for photos and scans: ``<root>/ab/abcdef…`` named by the sha256 of the bytes.

The same photo attached twice (or to a case and to the visit it came from) is stored once; a file is written
under a temporary name and renamed, so a crash never leaves a half-written file under a valid name. On a server
database the bytes live in the database, and each workstation keeps the files it has seen as a local copy.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.dialects.postgresql import insert

from gridapp.errors import StorageError
from gridapp.models import AttachmentBlob


class AttachmentStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        """The file holding the bytes (it may not exist: an attachment whose bytes never arrived)."""
        return self._location(sha256)

    def _location(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` (once) and return its sha256."""
        sha = hashlib.sha256(data).hexdigest()
        target = self._location(sha)
        if target.exists():
            return sha
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f"{sha}.{os.getpid()}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, target)
        except OSError as exc:
            raise StorageError(f"附件无法保存到 {self.root}：{exc.strerror or exc}") from exc
        return sha


class SharedAttachmentStore(AttachmentStore):
    """A server database's attachments: the bytes in its ``attachment_blobs`` table, where every workstation
    finds them, and under ``root`` a copy of those this workstation has stored or shown (viewers open files)."""

    def __init__(self, root: Path, engine: Engine) -> None:
        super().__init__(root)
        self.engine = engine

    def put(self, data: bytes) -> str:
        sha = super().put(data)
        with self.engine.begin() as conn:  # its own transaction: two workstations storing one photo is fine
            conn.execute(insert(AttachmentBlob).values(sha256=sha, data=data).on_conflict_do_nothing())
        return sha

    def path(self, sha256: str) -> Path:
        local = self._location(sha256)
        if not local.exists():
            with self.engine.connect() as conn:
                data = conn.execute(select(AttachmentBlob.data).where(AttachmentBlob.sha256 == sha256)).scalar()
            if data is not None:
                super().put(data)
        return local

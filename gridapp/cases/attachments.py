"""Content-addressed storage for photos and scans: ``<root>/ab/abcdef…`` named by the sha256 of the bytes.

The same photo attached twice (or to a case and to the visit it came from) is stored once; a file is written
under a temporary name and renamed, so a crash never leaves a half-written file under a valid name.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from gridapp.errors import StorageError


class AttachmentStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` (once) and return its sha256."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
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

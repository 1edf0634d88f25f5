"""What is inside the sealed stream: table frames (rows in batches), attachment frames and the manifest, and
the two ways a package is read — a format 2 file streamed chunk by chunk, a format 1 file whole in memory.

Both readers give the importer the same ``Package``: its ``info`` and ``manifest``, the newest stamp in it,
its tables as row batches and the attachment files it carries. Opening a package checks everything first
(authentication, every checksum, every count, every attachment hash) without keeping the rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from gridapp.errors import DamagedPackage
from gridapp.sync import container
from gridapp.sync.ahead import read_ahead
from gridapp.sync.container import ChunkPlace, Frame
from gridapp.sync.dto import PackageInfo

BATCH_ROWS = 2000  # rows per table frame: a frame is the largest piece of a package held in memory
NO_MANIFEST = "同步包缺少清单，文件已损坏。请让对方重新导出。"
BAD_MANIFEST = "同步包清单无法识别，文件已损坏。请让对方重新导出。"
INCONSISTENT = "同步包内容与清单不一致（缺少部分数据），文件已损坏。请让对方重新导出。"


@dataclass
class TableBatch:
    name: str
    columns: list[str]
    rows: list[list[Any]]


class Package:
    """A verified package (nothing imported yet): ``info`` for people, the rest for the importer."""

    info: PackageInfo
    manifest: dict[str, Any]
    newest_hlc: str  # the newest stamp anywhere in it (``to_hlc`` or a row's ``hlc``)

    def batches(self) -> Iterator[TableBatch]:
        """Every table's rows in batches, tables in the order they were written."""
        raise NotImplementedError

    def attachments(self, wanted: set[str]) -> Iterator[tuple[str, bytes]]:
        """The attachment files among ``wanted`` (sha256) that the package carries, one at a time."""
        raise NotImplementedError


# -- writing ----------------------------------------------------------------------------------------------------------

class PackageWriter:
    """Frames into a ``ChunkWriter`` as rows are read: tables in batches, then attachments, the manifest last
    (with the counts and checksums only known at the end)."""

    def __init__(self, chunks: container.ChunkWriter) -> None:
        self._chunks = chunks
        self._hashes: dict[str, Any] = {}
        self._attachments_begun = False
        self.counts: dict[str, int] = {}

    def rows(self, name: str, columns: list[str], rows: list[list[Any]]) -> None:
        data = _json({"columns": columns, "rows": rows})
        self._frame(b"T", name, data)
        self.counts[name] = self.counts.get(name, 0) + len(rows)

    def attachment(self, sha: str, data: bytes) -> None:
        if not self._attachments_begun:
            self._chunks.cut()  # attachments begin a chunk: an importer reads them from there
            self._attachments_begun = True
        self._frame(b"A", sha, data)

    def finish(self, manifest: dict[str, Any]) -> dict[str, Any]:
        manifest = {**manifest, "format": container.FORMAT_VERSION, "record_counts": dict(self.counts),
                    "checksums": {k: h.hexdigest() for k, h in self._hashes.items()}}
        data = _json(manifest)
        self._chunks.write(container.frame_header(b"M", "manifest", len(data)) + data)
        self._chunks.close()
        return manifest

    def _frame(self, kind: bytes, name: str, data: bytes) -> None:
        self._hashes.setdefault(f"{kind.decode()}:{name}", hashlib.sha256()).update(data)
        self._chunks.write(container.frame_header(kind, name, len(data)))
        self._chunks.write(data)


def pack_format1(manifest: dict[str, Any], tables: dict[str, TableBatch], attachments: dict[str, bytes]) -> list[Frame]:
    """The frames of a format 1 package, as older programs wrote them (kept for the compatibility tests)."""
    frames = [Frame(b"T", name, _json({"columns": t.columns, "rows": t.rows})) for name, t in tables.items()]
    frames += [Frame(b"A", sha, data) for sha, data in attachments.items()]
    manifest = {**manifest, "format": 1, "record_counts": {name: len(t.rows) for name, t in tables.items()},
                "checksums": {f"{f.kind.decode()}:{f.name}": hashlib.sha256(f.data).hexdigest() for f in frames}}
    return [Frame(b"M", "manifest", _json(manifest)), *frames]


# -- reading ----------------------------------------------------------------------------------------------------------

def open_package(path: Path, passphrase: str) -> Package:
    """Open and verify a package file of either format; raises a SyncRefused subclass."""
    try:
        with open(path, "rb") as f:
            if container.read_format(f) == 1:
                f.seek(0)
                data = f.read()
                return _whole(container.open_format1(data, passphrase), path, len(data))
            opened = container.open_chunked(f, passphrase)
            check = Check()
            for frame, mark in container.frames_of(read_ahead(container.read_chunks(f, opened))):
                if check.manifest is not None:
                    raise DamagedPackage(INCONSISTENT)  # nothing may follow the manifest
                check.frame(frame, mark)
            size = f.tell()
    except OSError as exc:
        raise DamagedPackage(f"无法读取同步包 {path.name}：{exc.strerror or exc}。请检查U盘是否已插好。") from exc
    check.finish()
    return StreamedPackage(path, opened, check, size)


@dataclass
class Check:
    """Checks frames as they pass: every table frame parsed, checksums and counts summed, attachment hashes;
    ``finish`` compares them with the manifest."""

    manifest: dict[str, Any] | None = None
    hashes: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    newest_hlc: str = ""
    attachments_at: ChunkPlace | None = None

    def frame(self, frame: Frame, mark: ChunkPlace | None = None) -> TableBatch | None:
        if frame.kind == b"M":
            self.manifest = _loads(frame.data)
            return None
        self.hashes.setdefault(f"{frame.kind.decode()}:{frame.name}", hashlib.sha256()).update(frame.data)
        if frame.kind == b"A":
            if hashlib.sha256(frame.data).hexdigest() != frame.name:
                raise DamagedPackage("同步包中的附件内容与其哈希不符，文件已损坏。请让对方重新导出。")
            if self.attachments_at is None:
                self.attachments_at = mark
            return None
        if frame.kind != b"T":
            raise DamagedPackage(BAD_MANIFEST)
        batch = table_batch(frame)
        if self.columns.setdefault(batch.name, batch.columns) != batch.columns:
            raise DamagedPackage(INCONSISTENT)
        self.counts[batch.name] = self.counts.get(batch.name, 0) + len(batch.rows)
        if batch.rows and "hlc" in batch.columns:
            at = batch.columns.index("hlc")
            self.newest_hlc = max(self.newest_hlc, *(row[at] for row in batch.rows))
        return batch

    def finish(self) -> None:
        if self.manifest is None:
            raise DamagedPackage(NO_MANIFEST)
        try:
            sums = {k: h.hexdigest() for k, h in self.hashes.items()}
            for key, expected in self.manifest["checksums"].items():
                if sums.pop(key, None) != expected:
                    raise DamagedPackage(f"同步包中的“{key[2:]}”校验和不符，文件已损坏。请让对方重新导出。")
            if sums or self.counts != self.manifest["record_counts"]:
                raise DamagedPackage(INCONSISTENT)
            self.newest_hlc = max(self.newest_hlc, self.manifest["to_hlc"])
        except (KeyError, TypeError, AttributeError) as exc:
            raise DamagedPackage(BAD_MANIFEST) from exc


class StreamedPackage(Package):
    """A format 2 file, verified; each reading decrypts (and authenticates) its chunks again."""

    def __init__(self, path: Path, opened: container.Opened, check: Check, size: int) -> None:
        self.path, self._opened, self._attachments_at = path, opened, check.attachments_at
        self.manifest = check.manifest or {}
        self.newest_hlc = check.newest_hlc
        self.info = info(self.manifest, path, size)

    def batches(self) -> Iterator[TableBatch]:
        return read_ahead(table_batch(frame) for frame in self._frames(None, b"T"))

    def attachments(self, wanted: set[str]) -> Iterator[tuple[str, bytes]]:
        if not wanted or self.info.attachment_count == 0:
            return
        for frame in self._frames(self._attachments_at, b"A"):
            if frame.name in wanted:
                yield frame.name, frame.data

    def _frames(self, start: ChunkPlace | None, kind: bytes) -> Iterator[Frame]:
        try:
            with open(self.path, "rb") as f:
                for frame, _mark in container.frames_of(container.read_chunks(f, self._opened, start)):
                    if frame.kind == b"M":
                        return
                    if frame.kind == kind:
                        yield frame
        except OSError as exc:
            raise DamagedPackage(f"无法读取同步包 {self.path.name}：{exc.strerror or exc}。请检查U盘是否已插好。") from exc


class WholePackage(Package):
    """A format 1 file (older programs), decrypted and verified whole."""

    def __init__(self, manifest: dict[str, Any], check: Check, tables: list[TableBatch],
                 attachments: dict[str, bytes], path: Path, size: int) -> None:
        self.manifest, self.newest_hlc = manifest, check.newest_hlc
        self._tables, self._attachments = tables, attachments
        self.info = info(manifest, path, size)

    def batches(self) -> Iterator[TableBatch]:
        yield from self._tables

    def attachments(self, wanted: set[str]) -> Iterator[tuple[str, bytes]]:
        yield from ((sha, data) for sha, data in self._attachments.items() if sha in wanted)


def _whole(frames: Iterable[Frame], path: Path, size: int) -> WholePackage:
    frames = list(frames)
    if not frames or frames[0].kind != b"M":
        raise DamagedPackage(NO_MANIFEST)
    check = Check()
    tables, attachments = [], {}
    for frame in frames:
        batch = check.frame(frame)
        if batch is not None:
            tables.append(batch)
        elif frame.kind == b"A":
            attachments[frame.name] = frame.data
    check.finish()
    return WholePackage(check.manifest or {}, check, tables, attachments, path, size)


def table_batch(frame: Frame) -> TableBatch:
    data = _loads(frame.data)
    try:
        columns, rows = data["columns"], data["rows"]
        if not isinstance(columns, list) or not isinstance(rows, list) or "id" not in columns:
            raise TypeError
    except (KeyError, TypeError) as exc:
        raise DamagedPackage(BAD_MANIFEST) from exc
    return TableBatch(frame.name, columns, rows)


def info(m: dict[str, Any], path: Path, size: int) -> PackageInfo:
    try:
        office = m["office"]
        return PackageInfo(
            path=path, package_id=m["package_id"], format_version=m["format"], schema_version=m["schema"],
            office_id=office["id"], office_name=office["name"], county_code=office["county_code"],
            created_at=datetime.fromisoformat(m["created_at"]), seq=m["seq"], full=m["full"],
            to_office_id=m["to_office_id"], scope_grid_id=m["scope"]["grid_id"], scope_name=m["scope"]["name"],
            from_hlc=m["from_hlc"], to_hlc=m["to_hlc"], record_counts=m["record_counts"],
            attachment_count=len(m["checksums"]) - len(m["record_counts"]), size_bytes=size,
            program_version=str(m.get("program_version", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedPackage(BAD_MANIFEST) from exc


def _loads(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DamagedPackage(BAD_MANIFEST) from exc


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

"""What is inside the encrypted payload: a manifest frame, one frame per table, one per attachment file.

``pack`` builds the frames (the manifest names a sha256 for every other frame); ``unpack`` parses them back
and checks every checksum and count, so a package that reaches the importer is complete and consistent.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gridapp.errors import DamagedPackage
from gridapp.sync.container import FORMAT_VERSION, Frame
from gridapp.sync.dto import PackageInfo


@dataclass
class TableData:
    columns: list[str]
    rows: list[list[Any]]


@dataclass
class Package:
    """A decrypted, verified package: ``info`` for people, the rest for the importer."""

    info: PackageInfo
    manifest: dict[str, Any]
    tables: dict[str, TableData]
    attachments: dict[str, bytes]


def pack(manifest: dict[str, Any], tables: dict[str, TableData], attachments: dict[str, bytes]) -> list[Frame]:
    frames = [Frame(b"T", name, _json(data.__dict__)) for name, data in tables.items()]
    frames += [Frame(b"A", sha, data) for sha, data in attachments.items()]
    manifest = {**manifest, "format": FORMAT_VERSION,
                "record_counts": {name: len(data.rows) for name, data in tables.items()},
                "checksums": {_key(f): hashlib.sha256(f.data).hexdigest() for f in frames}}
    return [Frame(b"M", "manifest", _json(manifest)), *frames]


def unpack(frames: list[Frame], path: Path, size: int) -> Package:
    if not frames or frames[0].kind != b"M":
        raise DamagedPackage("同步包缺少清单，文件已损坏。请让对方重新导出。")
    try:
        manifest = json.loads(frames[0].data)
        expected = dict(manifest["checksums"])
        tables, attachments = {}, {}
        for frame in frames[1:]:
            if expected.pop(_key(frame), None) != hashlib.sha256(frame.data).hexdigest():
                raise DamagedPackage(f"同步包中的“{frame.name}”校验和不符，文件已损坏。请让对方重新导出。")
            if frame.kind == b"T":
                tables[frame.name] = TableData(**json.loads(frame.data))
            elif hashlib.sha256(frame.data).hexdigest() == frame.name:
                attachments[frame.name] = frame.data
            else:
                raise DamagedPackage("同步包中的附件内容与其哈希不符，文件已损坏。请让对方重新导出。")
        counts = {name: len(data.rows) for name, data in tables.items()}
        if expected or counts != manifest["record_counts"]:
            raise DamagedPackage("同步包内容与清单不一致（缺少部分数据），文件已损坏。请让对方重新导出。")
        return Package(info(manifest, path, size), manifest, tables, attachments)
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedPackage("同步包清单无法识别，文件已损坏。请让对方重新导出。") from exc


def info(m: dict[str, Any], path: Path, size: int) -> PackageInfo:
    office = m["office"]
    return PackageInfo(
        path=path, package_id=m["package_id"], format_version=m["format"], schema_version=m["schema"],
        office_id=office["id"], office_name=office["name"], county_code=office["county_code"],
        created_at=datetime.fromisoformat(m["created_at"]), seq=m["seq"], full=m["full"],
        to_office_id=m["to_office_id"], scope_grid_id=m["scope"]["grid_id"], scope_name=m["scope"]["name"],
        from_hlc=m["from_hlc"], to_hlc=m["to_hlc"], record_counts=m["record_counts"],
        attachment_count=len(m["checksums"]) - len(m["record_counts"]), size_bytes=size)


def _key(frame: Frame) -> str:
    return f"{frame.kind.decode()}:{frame.name}"


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

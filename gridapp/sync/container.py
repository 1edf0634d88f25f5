"""The package file's bytes and its cryptography: a plain, authenticated header, then the frame stream
sealed with AES-256-GCM under a key derived from the county's sync passphrase.

Format 2 (written now) seals the stream in independent chunks of about ``CHUNK_BYTES``, each bound to its
place (counter) and to whether it is the last one, so a reader checks and decompresses one chunk at a time
and never holds a whole package in memory; reordered, dropped, altered or missing chunks all fail
authentication. Format 1 (one sealed message for the whole payload) is what older programs wrote; it is still
read, whole, as they did. Layouts: docs/sync-format.md.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from gridapp.errors import DamagedPackage, ForeignPackage, WrongPassphrase

MAGIC = b"GRIDSYNC"
FORMAT_VERSION = 2
KDF_SCRYPT = 1
SCRYPT_LOG2_N = 15  # 32 MiB of memory, ~0.1 s on an office PC: slow enough for guessing, fast enough for USB
SCRYPT_R = 8
SCRYPT_P = 1
MAX_LOG2_N = 20  # a reader refuses parameters that would exhaust an old PC's memory
PREFIX = struct.Struct(">8sH")  # magic, format version: the same in every format
HEADER = struct.Struct(">8sHBBBB16s16s12sQ")  # format 1
HEADER2 = struct.Struct(">8sHBBBB16s16s8s")  # format 2: … salt, key check, nonce prefix
CHUNK = struct.Struct(">I")  # format 2: length of the sealed chunk that follows (GCM tag included)
CHUNK_AD = struct.Struct(">IB")  # format 2: chunk counter, last flag — appended to the header as associated data
CHUNK_BYTES = 1 << 20  # frame-stream bytes per chunk before compression
MAX_CHUNK = 64 << 20  # a reader refuses a chunk length no writer produces (a damaged length field)
KEY_CHECK_LABEL = b"gridsync key check"
FRAME = struct.Struct(">cHQ")  # kind, name length, data length
ZLIB_LEVEL = 3  # measured on a county package: 2.8 times as fast as 6 for a 10 % larger file

NOT_A_PACKAGE = "这不是同步包文件，或文件开头已损坏。请确认选择的是 .gridsync 文件，必要时请对方重新导出。"
NEWER_FORMAT = "这个同步包由更新版本的程序生成，当前程序无法读取。请先升级本机程序再导入。"
BAD_KDF = "同步包文件头已损坏（密钥参数不合理）。请让对方重新导出。"
WRONG_PASSPHRASE = "同步口令不正确，无法打开这个同步包。请核对本县统一的同步口令（设置 → 同步口令）。"
TAMPERED = "同步包内容已损坏或被篡改，校验未通过，没有导入任何数据。请让对方重新导出。"
UNREADABLE = "同步包内容无法解压，文件已损坏。请让对方重新导出。"
INCOMPLETE = "同步包文件不完整（缺少结尾部分），可能在拷贝时U盘被拔出。请重新拷贝或让对方重新导出。"


@dataclass(frozen=True)
class Frame:
    kind: bytes  # b"M" manifest, b"T" table, b"A" attachment
    name: str
    data: bytes


def frame_header(kind: bytes, name: str, data_len: int) -> bytes:
    encoded = name.encode("utf-8")
    return FRAME.pack(kind, len(encoded), data_len) + encoded


# -- format 2: chunks ------------------------------------------------------------------------------------------------

class ChunkWriter:
    """Writes the header, then seals the frame stream given to ``write`` one chunk at a time. Compressing,
    sealing and writing a chunk runs on a second thread while the next one is gathered (at most one chunk in
    flight: memory stays bounded). Use it as a context manager; ``close`` seals the last chunk."""

    def __init__(self, out: BinaryIO, passphrase: str) -> None:
        salt, self._prefix = os.urandom(16), os.urandom(8)
        self._key = derive_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
        self._aead = AESGCM(self._key)
        self._header = HEADER2.pack(MAGIC, 2, KDF_SCRYPT, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, salt,
                                    _key_check(self._key), self._prefix)
        self._out = out
        self._pending: list[memoryview] = []
        self._pending_len = 0
        self._counter = 0
        self._sealer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-seal")
        self._in_flight: Future[int] | None = None
        self.size = len(self._header)
        out.write(self._header)

    def __enter__(self) -> ChunkWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._sealer.shutdown(wait=True)

    def write(self, data: bytes) -> None:
        """Frame-stream bytes; a chunk is sealed each time ``CHUNK_BYTES`` are gathered (a large frame, such
        as a photo, spans chunks)."""
        view = memoryview(data)
        while len(view):
            room = CHUNK_BYTES - self._pending_len
            self._pending.append(view[:room])
            self._pending_len += min(room, len(view))
            view = view[room:]
            if self._pending_len >= CHUNK_BYTES:
                self.cut()

    def cut(self) -> None:
        """End the current chunk here (the next frame starts a chunk: a reader can begin there)."""
        if self._pending_len:
            self._seal(last=False)

    def close(self) -> None:
        """Seal what is left as the last chunk (always present, possibly empty: it marks the end)."""
        self._seal(last=True)
        self._wait()

    def _seal(self, last: bool) -> None:
        piece = b"".join(self._pending)
        self._pending, self._pending_len = [], 0
        self._wait()
        self._in_flight = self._sealer.submit(self._seal_now, piece, self._counter, last)
        self._counter += 1

    def _wait(self) -> None:
        if self._in_flight is not None:
            self.size += self._in_flight.result()  # raises what the sealing thread raised (a full stick)
            self._in_flight = None

    def _seal_now(self, piece: bytes, counter: int, last: bool) -> int:
        nonce = self._prefix + counter.to_bytes(4, "big")
        sealed = self._aead.encrypt(nonce, zlib.compress(piece, ZLIB_LEVEL), self._header + CHUNK_AD.pack(counter, last))
        self._out.write(CHUNK.pack(len(sealed)) + sealed)
        return CHUNK.size + len(sealed)


@dataclass(frozen=True)
class Opened:
    """A format 2 file whose header and key check passed: what a reader needs to decrypt its chunks."""

    header: bytes
    key: bytes
    prefix: bytes


@dataclass(frozen=True)
class ChunkPlace:
    """Where a chunk begins: a reader can start there (e.g. at the first attachment) with its counter."""

    counter: int
    offset: int


def read_format(f: BinaryIO) -> int:
    """The format version of an open package file (position left after the common prefix)."""
    prefix = f.read(PREFIX.size)
    if len(prefix) < PREFIX.size or not prefix.startswith(MAGIC):
        raise DamagedPackage(NOT_A_PACKAGE)
    version = PREFIX.unpack(prefix)[1]
    if version > FORMAT_VERSION or version < 1:
        raise ForeignPackage(NEWER_FORMAT)
    return version


def open_chunked(f: BinaryIO, passphrase: str) -> Opened:
    f.seek(0)
    header = f.read(HEADER2.size)
    if len(header) < HEADER2.size:
        raise DamagedPackage(NOT_A_PACKAGE)
    _magic, _version, kdf, log2_n, r, p, salt, check, prefix = HEADER2.unpack(header)
    key = _checked_key(passphrase, kdf, log2_n, r, p, salt, check)
    return Opened(header, key, prefix)


def read_chunks(f: BinaryIO, opened: Opened, start: ChunkPlace | None = None) -> Iterator[tuple[ChunkPlace, bytes]]:
    """Each chunk's place and its decompressed plaintext, in order, each checked before it is given out; the
    stream must end with the chunk flagged last, exactly at the end of the file."""
    aead = AESGCM(opened.key)
    place = start or ChunkPlace(0, HEADER2.size)
    f.seek(place.offset)
    while True:
        length_bytes = f.read(CHUNK.size)
        if len(length_bytes) < CHUNK.size:
            raise DamagedPackage(INCOMPLETE)
        (length,) = CHUNK.unpack(length_bytes)
        if length > MAX_CHUNK or length < 16:
            raise DamagedPackage(TAMPERED)
        sealed = f.read(length)
        if len(sealed) < length:
            raise DamagedPackage(INCOMPLETE)
        nonce = opened.prefix + place.counter.to_bytes(4, "big")
        last = not f.peek(1) if hasattr(f, "peek") else f.tell() == os.fstat(f.fileno()).st_size
        plain = _open_chunk(aead, nonce, sealed, opened.header, place.counter, last)
        yield place, plain
        if last:
            return
        place = ChunkPlace(place.counter + 1, place.offset + CHUNK.size + length)


def _open_chunk(aead: AESGCM, nonce: bytes, sealed: bytes, header: bytes, counter: int, last: bool) -> bytes:
    try:
        plain = aead.decrypt(nonce, sealed, header + CHUNK_AD.pack(counter, last))
    except InvalidTag:
        if last:  # the file ends here, but this chunk was not sealed as the last one: cut short
            try:
                aead.decrypt(nonce, sealed, header + CHUNK_AD.pack(counter, False))
            except InvalidTag:
                pass
            else:
                raise DamagedPackage(INCOMPLETE) from None
        raise DamagedPackage(TAMPERED) from None
    try:
        return zlib.decompress(plain)
    except zlib.error as exc:
        raise DamagedPackage(UNREADABLE) from exc


def frames_of(chunks: Iterable[tuple[ChunkPlace, bytes]]) -> Iterator[tuple[Frame, ChunkPlace | None]]:
    """The frames of a chunk stream, each with the place of the chunk it starts at when it starts a chunk
    (None when it begins inside one). A frame may span chunks; only one frame is held at a time."""
    buf = bytearray()
    for place, plain in chunks:
        mark = place if not buf else None
        buf += plain
        pos = 0
        while len(buf) - pos >= FRAME.size:
            kind, name_len, data_len = FRAME.unpack_from(buf, pos)
            end = pos + FRAME.size + name_len + data_len
            if end > len(buf):
                break
            start = pos + FRAME.size
            try:
                name = bytes(buf[start:start + name_len]).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DamagedPackage(UNREADABLE) from exc
            yield Frame(kind, name, bytes(buf[start + name_len:end])), mark
            mark, pos = None, end
        del buf[:pos]
    if buf:
        raise DamagedPackage(UNREADABLE)


# -- format 1: one sealed message (older programs) ------------------------------------------------------------------

def seal_format1(frames: list[Frame], passphrase: str) -> bytes:
    """A whole format 1 file, as programs before format 2 wrote it (kept for the compatibility tests)."""
    salt, nonce = os.urandom(16), os.urandom(12)
    key = derive_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
    body = zlib.compress(b"".join(frame_header(f.kind, f.name, len(f.data)) + f.data for f in frames), 6)
    length = len(body) + 16  # the GCM tag
    header = HEADER.pack(MAGIC, 1, KDF_SCRYPT, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, salt, _key_check(key), nonce, length)
    return header + AESGCM(key).encrypt(nonce, body, header)


def open_format1(data: bytes, passphrase: str) -> list[Frame]:
    """Check and decrypt a whole format 1 file, or raise the refusal that says what is wrong with it."""
    if len(data) < HEADER.size or not data.startswith(MAGIC):
        raise DamagedPackage(NOT_A_PACKAGE)
    _magic, _version, kdf, log2_n, r, p, salt, check, nonce, length = HEADER.unpack_from(data)
    if kdf != KDF_SCRYPT:
        raise ForeignPackage(NEWER_FORMAT)
    if log2_n > MAX_LOG2_N or r > 32 or p > 16:
        raise DamagedPackage(BAD_KDF)
    if len(data) != HEADER.size + length:
        raise DamagedPackage(
            f"同步包文件不完整（应为 {HEADER.size + length} 字节，实际 {len(data)} 字节），可能在拷贝时U盘被拔出。"
            "请重新拷贝或让对方重新导出。")
    key = _checked_key(passphrase, kdf, log2_n, r, p, salt, check)
    header = data[:HEADER.size]
    try:
        body = AESGCM(key).decrypt(nonce, data[HEADER.size:], header)
    except InvalidTag as exc:
        raise DamagedPackage(TAMPERED) from exc
    try:
        return [frame for frame, _mark in frames_of([(ChunkPlace(0, 0), zlib.decompress(body))])]
    except zlib.error as exc:
        raise DamagedPackage(UNREADABLE) from exc


# -- keys -------------------------------------------------------------------------------------------------------------

def _checked_key(passphrase: str, kdf: int, log2_n: int, r: int, p: int, salt: bytes, check: bytes) -> bytes:
    if kdf != KDF_SCRYPT:
        raise ForeignPackage(NEWER_FORMAT)
    if log2_n > MAX_LOG2_N or r > 32 or p > 16:
        raise DamagedPackage(BAD_KDF)
    key = derive_key(passphrase, salt, log2_n, r, p)
    if not hmac.compare_digest(check, _key_check(key)):
        raise WrongPassphrase(WRONG_PASSPHRASE)
    return key


@lru_cache(maxsize=16)
def normalise(passphrase: str) -> str:
    """The one form of a passphrase: NFC, without surrounding white space — typed in a dialog, read from a file
    with its line break, or pasted with a stray space, the same words give the same key."""
    return unicodedata.normalize("NFC", passphrase).strip()


@lru_cache(maxsize=8)
def derive_key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    """scrypt of the normalised passphrase (cached: one import reads the same file up to three times)."""
    text = normalise(passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=2 ** log2_n, r=r, p=p).derive(text)


def _key_check(key: bytes) -> bytes:
    return hmac.new(key, KEY_CHECK_LABEL, hashlib.sha256).digest()[:16]

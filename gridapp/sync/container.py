"""The package file: a plain header, then one AES-256-GCM encrypted, zlib-compressed payload of frames.

The header carries what a reader needs before it can decrypt (magic, format version, scrypt salt and
parameters, a key check, the nonce and the payload length) and is itself authenticated as the AEAD's
associated data, so no byte of the file can change unnoticed. Layout: docs/sync-format.md.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from gridapp.errors import DamagedPackage, ForeignPackage, WrongPassphrase

MAGIC = b"GRIDSYNC"
FORMAT_VERSION = 1
KDF_SCRYPT = 1
SCRYPT_LOG2_N = 15  # 32 MiB of memory, ~0.1 s on an office PC: slow enough for guessing, fast enough for USB
SCRYPT_R = 8
SCRYPT_P = 1
MAX_LOG2_N = 20  # a reader refuses parameters that would exhaust an old PC's memory
HEADER = struct.Struct(">8sHBBBB16s16s12sQ")
KEY_CHECK_LABEL = b"gridsync key check"
FRAME = struct.Struct(">cHQ")  # kind, name length, data length


@dataclass(frozen=True)
class Frame:
    kind: bytes  # b"M" manifest, b"T" table, b"A" attachment
    name: str
    data: bytes


def seal(frames: list[Frame], passphrase: str) -> bytes:
    """The whole file: header + encrypted payload."""
    salt, nonce = os.urandom(16), os.urandom(12)
    key = derive_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
    body = zlib.compress(b"".join(_frame_bytes(f) for f in frames), 6)
    length = len(body) + 16  # the GCM tag
    header = HEADER.pack(MAGIC, FORMAT_VERSION, KDF_SCRYPT, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, salt,
                         _key_check(key), nonce, length)
    return header + AESGCM(key).encrypt(nonce, body, header)


def open_sealed(data: bytes, passphrase: str) -> list[Frame]:
    """Check and decrypt a whole file, or raise the refusal that says what is wrong with it."""
    if len(data) < HEADER.size or not data.startswith(MAGIC):
        raise DamagedPackage("这不是同步包文件，或文件开头已损坏。请确认选择的是 .gridsync 文件，必要时请对方重新导出。")
    _magic, version, kdf, log2_n, r, p, salt, check, nonce, length = HEADER.unpack_from(data)
    if version > FORMAT_VERSION or kdf != KDF_SCRYPT:
        raise ForeignPackage("这个同步包由更新版本的程序生成，当前程序无法读取。请先升级本机程序再导入。")
    if log2_n > MAX_LOG2_N or r > 32 or p > 16:
        raise DamagedPackage("同步包文件头已损坏（密钥参数不合理）。请让对方重新导出。")
    if len(data) != HEADER.size + length:
        raise DamagedPackage(
            f"同步包文件不完整（应为 {HEADER.size + length} 字节，实际 {len(data)} 字节），可能在拷贝时U盘被拔出。"
            "请重新拷贝或让对方重新导出。")
    key = derive_key(passphrase, salt, log2_n, r, p)
    if not hmac.compare_digest(check, _key_check(key)):
        raise WrongPassphrase("同步口令不正确，无法打开这个同步包。请核对本县统一的同步口令（设置 → 同步口令）。")
    header = data[:HEADER.size]
    try:
        body = AESGCM(key).decrypt(nonce, data[HEADER.size:], header)
    except InvalidTag as exc:
        raise DamagedPackage("同步包内容已损坏或被篡改，校验未通过，没有导入任何数据。请让对方重新导出。") from exc
    try:
        return list(_frames(zlib.decompress(body)))
    except (zlib.error, struct.error, UnicodeDecodeError) as exc:
        raise DamagedPackage("同步包内容无法解压，文件已损坏。请让对方重新导出。") from exc


@lru_cache(maxsize=16)
def normalise(passphrase: str) -> str:
    """The one form of a passphrase: NFC, without surrounding white space — typed in a dialog, read from a file
    with its line break, or pasted with a stray space, the same words give the same key."""
    return unicodedata.normalize("NFC", passphrase).strip()


def derive_key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    """scrypt of the normalised passphrase (cached: one import derives the same key twice)."""
    text = normalise(passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=2 ** log2_n, r=r, p=p).derive(text)


def _key_check(key: bytes) -> bytes:
    return hmac.new(key, KEY_CHECK_LABEL, hashlib.sha256).digest()[:16]


def _frame_bytes(frame: Frame) -> bytes:
    name = frame.name.encode("utf-8")
    return FRAME.pack(frame.kind, len(name), len(frame.data)) + name + frame.data


def _frames(plain: bytes):
    pos = 0
    while pos < len(plain):
        kind, name_len, data_len = FRAME.unpack_from(plain, pos)
        pos += FRAME.size
        name = plain[pos:pos + name_len].decode("utf-8")
        pos += name_len
        data = plain[pos:pos + data_len]
        if len(data) != data_len:
            raise struct.error("short frame")
        pos += data_len
        yield Frame(kind, name, data)

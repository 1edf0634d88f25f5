"""Secrets this PC keeps (the county sync passphrase in the database, a server password in the program's
settings) sealed with AES-GCM under a random key in a machine-local file, outside any database: a copied
database or settings file alone does not reveal them."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from gridapp.errors import StorageError

KEY_BYTES = 32
NONCE_BYTES = 12


def machine_key(key_file: Path, create: bool) -> bytes:
    """The key in ``key_file``, made (readable by this user only) when missing and ``create``; ValueError when
    it is missing and may not be made."""
    try:
        if key_file.exists():
            key = key_file.read_bytes()
            if len(key) == KEY_BYTES:
                return key
        if not create:
            raise ValueError("no machine key")
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key = os.urandom(KEY_BYTES)
        key_file.write_bytes(key)
        key_file.chmod(0o600)
        return key
    except OSError as exc:
        raise StorageError(f"无法读写本机密钥文件 {key_file}：{exc.strerror or exc}") from exc


def seal(key_file: Path, secret: bytes, aad: bytes) -> bytes:
    """``secret`` encrypted and authenticated under the machine key (made on first use): nonce + ciphertext."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(machine_key(key_file, create=True)).encrypt(nonce, secret, aad)


def unseal(key_file: Path, sealed: bytes, aad: bytes) -> bytes:
    """What ``seal`` sealed; ValueError when the key file is missing or another PC's, or the bytes were altered."""
    try:
        return AESGCM(machine_key(key_file, create=False)).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
    except InvalidTag as exc:
        raise ValueError("sealed with another key") from exc

"""The county sync passphrase, set once per database and never stored in plain text.

The database keeps it encrypted (AES-GCM) under a random key that lives in a machine-local file outside the
database (the UI keeps it in its config folder), plus an scrypt verifier: a copied database file alone does
not reveal the passphrase, and ``verify`` works even if the key file is lost.
"""

from __future__ import annotations

import base64
import hmac
import os
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from gridapp import access
from gridapp.dto import Actor
from gridapp.errors import RuleViolation
from gridapp.machine_key import seal, unseal
from gridapp.models import Setting
from gridapp.services.audit import add_entry
from gridapp.sync.container import derive_key, normalise

CIPHER_KEY = "sync.passphrase"
VERIFIER_KEY = "sync.passphrase_verifier"
AAD = b"gridapp sync passphrase"
MIN_LENGTH = 8
VERIFIER_LOG2_N = 14
SET_PASSPHRASE = "set_passphrase"  # its audit action


class PassphraseStore:
    def __init__(self, ws: Any, key_file: Path) -> None:
        self.ws = ws
        self.key_file = key_file

    def is_set(self) -> bool:
        return self._setting(VERIFIER_KEY) is not None

    def set(self, actor: Actor, passphrase: str) -> None:
        access.require(actor, "settings")
        with self.ws.write(actor) as tx:
            self.save(tx.session, passphrase)
            add_entry(tx.session, actor.name, SET_PASSPHRASE, "settings", VERIFIER_KEY)

    def save(self, session: Session, passphrase: str) -> None:
        """Store the passphrase within an open write transaction (the office set-up stores it with the rest)."""
        passphrase = normalise(passphrase)
        if len(passphrase) < MIN_LENGTH:
            raise RuleViolation(f"同步口令至少 {MIN_LENGTH} 位。请使用全县统一的同步口令。")
        salt = os.urandom(16)
        cipher = seal(self.key_file, passphrase.encode("utf-8"), AAD)
        verifier = salt + derive_key(passphrase, salt, VERIFIER_LOG2_N, 8, 1)
        for key, value in ((CIPHER_KEY, cipher), (VERIFIER_KEY, verifier)):
            row = session.get(Setting, key) or Setting(key=key)
            row.value = base64.b64encode(value).decode("ascii")
            session.add(row)

    def load(self) -> str:
        stored = self._setting(CIPHER_KEY)
        if stored is None:
            raise RuleViolation("尚未设置同步口令。请在“设置 → 同步口令”中输入全县统一的同步口令。")
        try:
            return unseal(self.key_file, stored, AAD).decode("utf-8")
        except ValueError as exc:
            raise RuleViolation("本机保存的同步口令无法解开（换了电脑或密钥文件丢失）。请重新输入同步口令。") from exc

    def verify(self, passphrase: str) -> bool:
        stored = self._setting(VERIFIER_KEY)
        if stored is None:
            return False
        salt, expected = stored[:16], stored[16:]
        return hmac.compare_digest(derive_key(passphrase, salt, VERIFIER_LOG2_N, 8, 1), expected)

    def _setting(self, key: str) -> bytes | None:
        with self.ws.read() as s:
            row = s.get(Setting, key)
            return base64.b64decode(row.value) if row is not None and row.value else None

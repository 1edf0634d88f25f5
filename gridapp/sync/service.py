"""``ws.sync``: USB sync packages between offices — write, verify, preview, apply — and the review of what a
merge could not decide alone (conflicts, duplicate persons). See docs/sync-format.md for the rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gridapp import access
from gridapp.changes import Outcome
from gridapp.dto import Actor
from gridapp.progress import Progress
from gridapp.sync import export, importer, resolve, review
from gridapp.sync.dto import (
    ConflictView,
    DuplicateView,
    ExportSummary,
    HistoryEntry,
    ImportPreview,
    ImportSummary,
    SyncStatus,
)
from gridapp.sync.package import Package
from gridapp.sync.passphrase import PassphraseStore
from gridapp.sync.state import local_scope, set_local_scope


class SyncService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    # -- packages ---------------------------------------------------------------------------------------------

    def export_package(self, actor: Actor, target: Path, peer_office_id: str | None, scope_grid_id: str | None,
                       passphrase: str, progress: Progress | None = None) -> ExportSummary:
        """Write a package into ``target`` (a folder, e.g. the USB stick, or a ``.gridsync`` file name):
        incremental for ``peer_office_id`` (what it has not acknowledged), or full when it is None."""
        return export.export_package(self.ws, actor, Path(target), peer_office_id, scope_grid_id, passphrase, progress)

    def read_package(self, path: Path, passphrase: str) -> Package:
        """Decrypt and verify a package file completely; raises a SyncRefused subclass (database untouched).
        Its ``info`` (a PackageInfo) is what the UI shows. Needs ``sync`` of ``ws.user``."""
        access.require(self.ws.user, "sync")
        return importer.read_package(self.ws, Path(path), passphrase)

    def preview(self, package: Package) -> ImportPreview:
        return importer.preview(self.ws, package)

    def apply(self, actor: Actor, package: Package, progress: Progress | None = None) -> ImportSummary:
        """Back up, then merge the whole package in one transaction (all or nothing)."""
        return importer.apply(self.ws, actor, package, progress)

    # -- passphrase and scope ---------------------------------------------------------------------------------

    def passphrase(self, key_file: Path) -> PassphraseStore:
        """The county sync passphrase kept (encrypted) for this database; ``key_file`` is the machine-local
        key outside the database (the UI passes a file in its config folder)."""
        return PassphraseStore(self.ws, Path(key_file))

    def scope(self) -> str | None:
        """The grid node whose subtree this office keeps (None: everything, as a county does)."""
        with self.ws.read() as s:
            return local_scope(s)

    def set_scope(self, actor: Actor, grid_id: str | None) -> None:
        access.require(actor, "sync")
        with self.ws.write(actor) as tx:
            set_local_scope(tx.session, grid_id)

    # -- review -----------------------------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        return review.status(self.ws)

    def history(self, limit: int = 500) -> list[HistoryEntry]:
        return review.history(self.ws, limit)

    def conflicts(self, status: str | None = "open") -> list[ConflictView]:
        return review.conflicts(self.ws, status)

    def resolve_conflict(self, actor: Actor, conflict_id: int, values: dict[str, Any]) -> Outcome:
        """Close a conflict by writing ``values`` (field -> value, as in ConflictView) onto the record — a
        normal, stamped change that syncs; ``{}`` keeps the version in the database."""
        return resolve.resolve_conflict(self.ws, actor, conflict_id, values)

    def duplicates(self, status: str | None = "open") -> list[DuplicateView]:
        return review.duplicates(self.ws, status)

    def dismiss_duplicate(self, actor: Actor, duplicate_id: int) -> Outcome:
        """Two different people after all (e.g. a mistyped ID number to be corrected by hand)."""
        return resolve.dismiss_duplicate(self.ws, actor, duplicate_id)

    def merge_duplicate(self, actor: Actor, duplicate_id: int, keep_person_id: str) -> Outcome:
        """Keep ``keep_person_id``; the other record goes to the recycle bin under the recycle bin's head rule,
        with its tags (one per category), moves, visits, case links and 党员中心户 moved to the kept record."""
        return resolve.merge_duplicate(self.ws, actor, duplicate_id, keep_person_id)

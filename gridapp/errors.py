"""Errors whose message is meant for the user: plain Chinese, saying what is wrong and what to do."""

from __future__ import annotations


class UserError(Exception):
    """Base class: ``str(error)`` is shown to the user as it is."""


class NotFound(UserError):
    pass


class RuleViolation(UserError):
    """A change the 采集簿 rules forbid (two heads in a household, a cycle in the grid tree …)."""


class DuplicateIdNumber(RuleViolation):
    """The ID number is already registered; carries where, so the UI can offer 迁入 instead."""

    def __init__(self, message: str, person_id: str, household_id: str) -> None:
        super().__init__(message)
        self.person_id = person_id
        self.household_id = household_id


class StorageError(UserError):
    """The database file cannot be read or written (locked, full disk, damaged, too new)."""


class SyncRefused(UserError):
    """A sync package that cannot be imported; the database has not been touched."""


class WrongPassphrase(SyncRefused):
    pass


class DamagedPackage(SyncRefused):
    """The file is truncated, not a sync package, or its bytes were altered (a failed authentication tag)."""


class ForeignPackage(SyncRefused):
    """A package from another county, from this office itself, or written by a newer program."""


class AlreadyImported(SyncRefused):
    """Harmless: the package was imported before and importing it again would change nothing."""

    harmless = True


class Conflict(UserError):
    """Another user (another workstation) saved the record after this form read it; nothing was written.

    The form keeps what was typed and offers to open the record again so the user re-applies the change."""


class WriteCollision(StorageError):
    """Two workstations' transactions got in each other's way (a deadlock, a serialization failure, the same new
    number taken at once); nothing was written and running the same use case again will succeed."""


class ConnectionLost(StorageError):
    """The database server cannot be reached (restarted, cable pulled); the write was not committed and may be
    tried again."""

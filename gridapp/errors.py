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


def cannot_write(target: object, exc: BaseException | None) -> StorageError:
    """Why a file the user named could not be written. Windows refuses to replace a file that is open in Excel,
    WPS or a PDF reader (PermissionError): that is said, with what to do."""
    if isinstance(exc, PermissionError):
        return StorageError(f"无法写入文件 {target}：这个文件可能正在 Excel、WPS 或 PDF 阅读器中打开，也可能没有写入这个"
                            "文件夹的权限。请关闭打开它的程序后重试，或换一个文件名或位置。")
    return StorageError(f"无法写入文件 {target}：{getattr(exc, 'strerror', None) or exc}。请检查磁盘空间，或U盘是否写保护、已拔出。")

"""What every page and dialog needs: the workspace, the acting user, the change bus, the task runner and
the settings — handed down explicitly instead of living in globals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QSettings

from gridapp import access
from gridapp.dto import Actor
from gridapp.services.cases import now_of
from gridapp.workspace import Workspace
from ui.changes import ChangeBus
from ui.tasks import TaskRunner


@dataclass
class AppContext:
    ws: Workspace
    actor: Actor
    settings: QSettings
    bus: ChangeBus = field(default_factory=ChangeBus)
    tasks: TaskRunner = field(default_factory=TaskRunner)
    open_household: Callable[[str, str | None], None] = lambda _hid, _pid=None: None
    clock: Callable[[], datetime] | None = None  # tests set it to move time past a deadline
    username: str = ""  # who logged in ("" while the database is open: no passwords yet, nobody logs in)

    def now(self) -> datetime:
        """The one clock of the case and visit pages: ``clock`` if set, else the workspace's day at this time."""
        return self.clock() if self.clock else now_of(self.ws)

    def setting(self, key: str, default: Any = None) -> Any:
        return self.settings.value(key, default)

    def can(self, permission: str) -> bool:
        """Whether the acting user's role has ``permission`` (the UI offers only what the core would allow)."""
        return access.can(self.actor, permission)

    def signed_in(self, actor: Actor, username: str) -> AppContext:
        """This context for a user who has just logged in: the same database with its reads scoped to the user,
        the same settings and tasks, and a fresh change bus for the user's own main window."""
        return replace(self, ws=self.ws.as_user(actor), actor=actor, username=username, bus=ChangeBus())

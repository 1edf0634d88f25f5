"""Other workstations' committed changes on this window's change bus, within about a second (the Qt half of
gridapp.live): PostgreSQL's notices wake a QSocketNotifier on the listening connection; without one (SQLite,
or a server that will not LISTEN) a timer polls every second. Pages refresh exactly as after our own writes."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from gridapp.errors import StorageError
from gridapp.live import POLL_SECONDS
from ui.context import AppContext


class LiveChanges(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.feed = ctx.ws.change_feed()
        self.notifier: QSocketNotifier | None = None
        self._watch()
        self.timer = QTimer(self)  # also behind the notifier: a notice read along with another is not lost
        self.timer.timeout.connect(self.check)
        self.timer.start(int(POLL_SECONDS * 1000))
        self.destroyed.connect(self.feed.close)

    def check(self) -> None:
        try:
            changes = self.feed.poll()
        except StorageError:
            return  # the server is away: the next tick tries again, and the pages keep what they show
        self._watch()
        self.ctx.bus.publish(changes)

    def _watch(self) -> None:
        """A notifier on the feed's listening socket (a new one after the feed listened again)."""
        fileno = self.feed.fileno()
        if self.notifier is not None and self.notifier.socket() == fileno:
            return
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if fileno is not None:
            self.notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self)
            self.notifier.activated.connect(self.check)

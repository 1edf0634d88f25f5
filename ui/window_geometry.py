"""Windows that fit the screens offices have — 1024×768 and 1366×768 as often as anything larger: a window opens
at the size it wants or at as much of the screen as there is, and the big windows come back where the user left
them, clamped to the screen they open on."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

# A window's border and title bar on Windows, until the window is shown and has its real frame.
DEFAULT_FRAME = QMargins(8, 31, 8, 8)
GEOMETRY_GROUP = "geometry"


def available_geometry(widget: QWidget) -> QRect:
    """The free area of the widget's screen (without the taskbar). Tests replace this to act out small screens."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(window: QWidget) -> QMargins:
    """How far the window's frame reaches beyond its contents: measured once it is shown in a window manager,
    else Windows' usual border and title bar."""
    if window.isVisible():
        inner, outer = window.geometry(), window.frameGeometry()
        measured = QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                            outer.right() - inner.right(), outer.bottom() - inner.bottom())
        if not measured.isNull():
            return measured
    return DEFAULT_FRAME


def room_for(window: QWidget) -> QRect:
    """Where the window's contents may go so that the frame stays on the screen too."""
    return available_geometry(window).marginsRemoved(frame_margins(window))


def clamped(rect: QRect, room: QRect, minimum: QSize) -> QRect:
    """``rect`` made no larger than ``room`` (nor smaller than ``minimum``) and moved inside it."""
    width = max(min(rect.width(), room.width()), minimum.width())
    height = max(min(rect.height(), room.height()), minimum.height())
    x = max(room.left(), min(rect.left(), room.left() + room.width() - width))
    y = max(room.top(), min(rect.top(), room.top() + room.height() - height))
    return QRect(x, y, width, height)


def minimum_of(window: QWidget) -> QSize:
    return window.minimumSizeHint().expandedTo(window.minimumSize())


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """Size the window to ``wanted`` or to the screen's free area, whichever is smaller. A plain window is
    centred on the screen; a dialog is left for Qt to centre over its parent."""
    room = room_for(window)
    size = wanted.boundedTo(room.size()).expandedTo(minimum_of(window))
    if isinstance(window, QDialog):
        window.resize(size)
    else:  # setGeometry places the contents (move would place the frame, whose size is not known yet)
        window.setGeometry(room.left() + max(room.width() - size.width(), 0) // 2,
                           room.top() + max(room.height() - size.height(), 0) // 2, size.width(), size.height())


def keep_geometry(window: QWidget, settings: QSettings, key: str, wanted: QSize,
                  maximize_when_cramped: bool = False) -> None:
    """Open the window where the user last left this kind of window (clamped to the screen it opens on now),
    or at ``wanted`` fitted to the screen; remember its place whenever it is closed. With
    ``maximize_when_cramped`` a first start on a screen smaller than ``wanted`` opens maximized."""
    saved = settings.value(f"{GEOMETRY_GROUP}/{key}")
    if isinstance(saved, QRect) and saved.isValid():
        window.setGeometry(clamped(saved, room_for(window), minimum_of(window)))
        if str(settings.value(f"{GEOMETRY_GROUP}/{key}_maximized", "false")) == "true":
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        fit_to_screen(window, wanted)
        room = room_for(window).size()
        if maximize_when_cramped and (wanted.width() > room.width() or wanted.height() > room.height()):
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    window.installEventFilter(_GeometryKeeper(window, settings, key))


class _GeometryKeeper(QObject):
    """Writes the window's normal geometry and maximized state to the settings when it closes."""

    def __init__(self, window: QWidget, settings: QSettings, key: str) -> None:
        super().__init__(window)
        self.settings = settings
        self.key = key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and isinstance(watched, QWidget):
            maximized = watched.isMaximized()
            normal = watched.normalGeometry() if maximized else watched.geometry()
            if normal.isValid():
                self.settings.setValue(f"{GEOMETRY_GROUP}/{self.key}", normal)
            self.settings.setValue(f"{GEOMETRY_GROUP}/{self.key}_maximized", "true" if maximized else "false")
        return False

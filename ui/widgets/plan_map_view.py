"""The plan picture with its pins, zoomable (wheel, buttons) and pannable (drag the picture).

Pins keep their size at any zoom; hovering shows the name, a click opens the record, dragging a pin moves it.
Records dropped from the list of those not yet on the map become pins where they fall. Positions leave this
widget as fractions of the picture's width and height, as the core stores them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent, QImage, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QWidget,
)

from gridapp.dto import PIN_COLOURS, MapPinView

TARGET_MIME = "application/x-gridapp-map-target"  # "kind:id"
PIN_RADIUS = 7.0
ZOOM_STEP = 1.25


def target_mime(kind: str, target_id: str) -> QMimeData:
    data = QMimeData()
    data.setData(TARGET_MIME, f"{kind}:{target_id}".encode())
    return data


class PinItem(QGraphicsEllipseItem):
    """One pin: a round dot in the record's colour; ``moved`` or ``clicked`` when the mouse is let go."""

    def __init__(self, pin: MapPinView, view: PlanCanvas) -> None:
        super().__init__(-PIN_RADIUS, -PIN_RADIUS, 2 * PIN_RADIUS, 2 * PIN_RADIUS)
        self.pin, self.view = pin, view
        self.setBrush(QBrush(QColor(PIN_COLOURS.get(pin.target.colour, PIN_COLOURS[""]))))
        self.setPen(QPen(QColor("white"), 2))
        self.setToolTip(pin.target.label)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(1)
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIgnoresTransformations | flags.ItemIsSelectable
                      | (flags.ItemIsMovable if view.editable else flags(0)))
        self._pressed_at = QPointF()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._pressed_at = self.pos()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if (self.pos() - self._pressed_at).manhattanLength() < 1:
            self.view.pin_clicked(self.pin)
        else:
            self.setPos(self.view.inside(self.pos()))
            self.view.pin_moved(self.pin, *self.view.fractions(self.pos()))


class PlanCanvas(QGraphicsView):
    """``place(kind, id, x, y)``, ``move(pin, x, y)`` and ``open(pin)`` are set by the panel that owns it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAcceptDrops(True)
        self.editable = False
        self.picture: QGraphicsPixmapItem | None = None
        self.pins: dict[str, PinItem] = {}
        self.place: Callable[[str, str, float, float], None] = lambda *_a: None
        self.move: Callable[[MapPinView, float, float], None] = lambda *_a: None
        self.open: Callable[[MapPinView], None] = lambda _pin: None

    def show_map(self, image: QImage | None, pins: tuple[MapPinView, ...], editable: bool) -> None:
        """The picture and its pins; the zoom stays when the same picture is shown again."""
        same = self.picture is not None and image is not None and self.picture.pixmap().size() == image.size()
        self.scene().clear()
        self.pins, self.picture, self.editable = {}, None, editable
        if image is None or image.isNull():
            return
        self.picture = self.scene().addPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(self.picture.boundingRect())
        for pin in pins:
            item = PinItem(pin, self)
            item.setPos(pin.x * image.width(), pin.y * image.height())
            self.scene().addItem(item)
            self.pins[pin.id] = item
        if not same:
            self.fit()

    # -- positions --------------------------------------------------------------------------------------------

    def fractions(self, scene_pos: QPointF) -> tuple[float, float]:
        size = self.picture.pixmap().size()
        return scene_pos.x() / size.width(), scene_pos.y() / size.height()

    def inside(self, scene_pos: QPointF) -> QPointF:
        rect = self.picture.boundingRect()
        return QPointF(min(max(scene_pos.x(), 0.0), rect.width()), min(max(scene_pos.y(), 0.0), rect.height()))

    def pin_clicked(self, pin: MapPinView) -> None:
        self.open(pin)

    def pin_moved(self, pin: MapPinView, x: float, y: float) -> None:
        self.move(pin, x, y)

    def selected_pin(self) -> MapPinView | None:
        items = [i for i in self.scene().selectedItems() if isinstance(i, PinItem)]
        return items[0].pin if items else None

    # -- zoom -------------------------------------------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)

    def fit(self) -> None:
        if self.picture is not None:
            self.fitInView(self.picture, Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(ZOOM_STEP ** steps)

    # -- records dropped from the list ------------------------------------------------------------------------

    def _accepts(self, event: QDragEnterEvent | QDropEvent) -> bool:
        return self.editable and self.picture is not None and event.mimeData().hasFormat(TARGET_MIME)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._accepts(event):
            return
        kind, target_id = bytes(event.mimeData().data(TARGET_MIME)).decode().split(":", 1)
        at = self.inside(self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
        self.place(kind, target_id, *self.fractions(at))

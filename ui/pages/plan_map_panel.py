"""地图: the selected node's plan picture with its households, houses and places pinned on it, the coverage
("已上图 287 / 300 户") and the list of those not yet on it, to be dragged onto the picture (不缺户、不漏人).

The picture needs ``edit_grid``; placing, moving and taking off pins need ``edit_households`` (houses and
places ``edit_premises``) — the core checks both. The map is read, picture file included, off the UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gridapp.changes import Table
from gridapp.dto import MapPinView, PlanMapView
from ui import messages
from ui.context import AppContext
from ui.file_dialogs import ask_open_path
from ui.forms.house_form import HouseForm
from ui.forms.place_form import PlaceForm
from ui.operations import run_write
from ui.pages.grid_panels import NodePanel
from ui.punctuation import bracketed
from ui.widgets.flow_layout import flow_row
from ui.widgets.plan_map_view import ZOOM_STEP, PlanCanvas, target_mime

TARGET_ROLE = Qt.ItemDataRole.UserRole


class _TargetList(QListWidget):
    """The records not yet on the map; an item dragged out carries its kind and id."""

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:
        kind, target_id = items[0].data(TARGET_ROLE)
        return target_mime(kind, target_id)


class PlanMapPanel(NodePanel):
    TABLES = (Table.MAP_PINS, Table.ATTACHMENTS, Table.GRID_NODES, Table.HOUSEHOLDS, Table.HOUSES, Table.PLACES)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view: PlanMapView | None = None
        self.canvas = PlanCanvas()
        self.canvas.place, self.canvas.move, self.canvas.open = self.place, self.move, self.open_pin
        self.coverage = QLabel()
        self.missing = _TargetList()
        self.missing.setDragEnabled(True)
        self.missing.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.missing.setToolTip(self.tr("用鼠标把住户、房屋或场所拖到平面图上它所在的位置"))
        self.missing.itemDoubleClicked.connect(lambda item: self.open_target(*item.data(TARGET_ROLE)))
        self.picture_button = QPushButton(self.tr("设置平面图…"))
        self.picture_button.setToolTip(self.tr("选择航拍图、扫描图或手绘图（PNG或JPEG），太大的图会自动缩小"))
        self.picture_button.clicked.connect(self.choose_picture)
        self.zoom_in = QPushButton(self.tr("放大"))
        self.zoom_out = QPushButton(self.tr("缩小"))
        self.fit_button = QPushButton(self.tr("适应窗口"))
        self.remove_button = QPushButton(self.tr("从图上取下"))
        self.zoom_in.clicked.connect(lambda: self.canvas.zoom(ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self.canvas.zoom(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.canvas.fit)
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setToolTip(self.tr("先点选图上的一个点，再点这里，它就回到左边的未上图列表"))
        QShortcut(QKeySequence.StandardKey.Delete, self.canvas, self.remove_selected)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.coverage)
        left_layout.addWidget(QLabel(self.tr("未上图（拖到图上）：")))
        left_layout.addWidget(self.missing, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.empty)
        right_layout.addWidget(self.canvas, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([160, 480])  # the picture gets most of the room
        layout = QVBoxLayout(self)
        layout.addLayout(flow_row(self.picture_button, self.zoom_in, self.zoom_out, self.fit_button,
                                  self.remove_button))
        layout.addWidget(splitter, 1)

    # -- reading ----------------------------------------------------------------------------------------------

    def load(self) -> None:
        if self.node is None:
            self._show((None, None))
            return
        ws, node_id = self.ctx.ws, self.node.id

        def read(_progress: Any) -> tuple[PlanMapView, QImage | None]:
            view = ws.query.plan_map(node_id)
            return view, QImage(str(view.picture.path)) if view.picture else None

        self.ctx.tasks.start(read, self._show, lambda exc: messages.error(self, str(exc)))

    def _show(self, result: tuple[PlanMapView | None, QImage | None]) -> None:
        self.view, image = result
        view = self.view
        pins_editable = self.ctx.can("edit_households") or self.ctx.can("edit_premises")
        self.canvas.show_map(image, view.pins if view else (), pins_editable)
        self.missing.clear()
        for target in view.unplaced if view else ():
            item = QListWidgetItem(bracketed(target.label, self._kind(target.kind)) if target.kind != "household"
                                   else target.label)
            item.setData(TARGET_ROLE, (target.kind, target.id))
            item.setToolTip(target.label)
            self.missing.addItem(item)
        self.coverage.setText(self.tr("已上图 {placed} / {total} 户").format(
            placed=view.households_placed, total=view.households_total) if view else "")
        has_picture = image is not None and not image.isNull()
        self.canvas.setVisible(has_picture)
        self.empty.setVisible(not has_picture)
        self.empty.setText(self._empty_text(view))
        self.picture_button.setEnabled(self.editable())
        for button in (self.zoom_in, self.zoom_out, self.fit_button):
            button.setEnabled(has_picture)
        self.remove_button.setEnabled(has_picture and pins_editable)

    def _empty_text(self, view: PlanMapView | None) -> str:
        if view is None:
            return ""
        if view.picture is not None:
            return self.tr("平面图文件还没有同步到本机，请稍后再看。")
        if self.editable():
            return self.tr("“{grid}”还没有平面图。\n点上面的“设置平面图…”，选一张航拍图、扫描图或手绘图。").format(
                grid=view.node_name)
        return self.tr("“{grid}”还没有平面图。").format(grid=view.node_name)

    def _kind(self, kind: str) -> str:
        return {"house": self.tr("房屋"), "place": self.tr("场所")}.get(kind, "")

    # -- writing ----------------------------------------------------------------------------------------------

    def choose_picture(self) -> None:
        path = ask_open_path(self, self.tr("选择平面图"), self.tr("图片 (*.png *.jpg *.jpeg)"))
        if path:
            self.set_picture(Path(path))

    def set_picture(self, path: Path) -> None:
        ws, actor, node_id = self.ctx.ws, self.ctx.actor, self.node.id
        run_write(self.ctx, self, lambda: ws.plan_map.set_picture(actor, node_id, path.read_bytes(), path.name))

    def place(self, kind: str, target_id: str, x: float, y: float) -> None:
        ws, actor, node_id = self.ctx.ws, self.ctx.actor, self.node.id
        run_write(self.ctx, self, lambda: ws.plan_map.place(actor, node_id, kind, target_id, x, y))

    def move(self, pin: MapPinView, x: float, y: float) -> None:
        ws, actor = self.ctx.ws, self.ctx.actor
        run_write(self.ctx, self, lambda: ws.plan_map.move(actor, pin.id, x, y))

    def remove_selected(self) -> None:
        pin = self.canvas.selected_pin()
        if pin is None:
            messages.info(self, self.tr("请先在图上点选要取下的点。"))
            return
        ws, actor = self.ctx.ws, self.ctx.actor
        run_write(self.ctx, self, lambda: ws.plan_map.remove(actor, pin.id))

    # -- opening records --------------------------------------------------------------------------------------

    def open_pin(self, pin: MapPinView) -> None:
        self.open_target(pin.target.kind, pin.target.id)

    def open_target(self, kind: str, target_id: str) -> None:
        """The same window the lists open: the household page, or the house's or place's form."""
        if kind == "household":
            self.ctx.open_household(target_id, None)
            return
        form = (HouseForm if kind == "house" else PlaceForm)(self.ctx, target_id, parent=self)
        form.show()
        form.activateWindow()

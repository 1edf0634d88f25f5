"""The 地图 tab of the 网格 page: set a plan picture, drag households onto it, find them again after reopening,
open one by clicking its pin, take one off."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent, QImage, QPainter

import ui.pages.plan_map_panel
from ui.pages.grid_page import GridPage
from ui.pages.plan_map_panel import PlanMapPanel

SPOTS = ((0.2, 0.3), (0.5, 0.5), (0.8, 0.7))


def plan_picture(path: Path, width: int = 800, height: int = 600) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#e8efe0"))
    painter = QPainter(image)
    painter.fillRect(100, 100, 200, 120, QColor("#c0b8a8"))
    painter.end()
    image.save(str(path))
    return path


@pytest.fixture
def page(ctx, qtbot, tmp_path, monkeypatch) -> GridPage:
    """The 网格 page on the demo village's 第一网格, its 地图 tab showing a plan picture just set."""
    page = GridPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    grid = ctx.ws.query.find_grid("第一网格")
    assert page.select_node(grid.id)
    page.tabs.setCurrentWidget(page.plan_map)
    monkeypatch.setattr(ui.pages.plan_map_panel, "ask_open_path",
                        lambda *_args: str(plan_picture(tmp_path / "航拍图.png")))
    page.plan_map.picture_button.click()
    return page


@pytest.fixture
def panel(page: GridPage) -> PlanMapPanel:
    return page.plan_map


def drop(panel: PlanMapPanel, row: int, x: float, y: float) -> str:
    """Drag row ``row`` of the not-yet-on-the-map list onto the picture at fractions (x, y)."""
    item = panel.missing.item(row)
    _kind, target_id = item.data(Qt.ItemDataRole.UserRole)
    mime = panel.missing.mimeData([item])
    canvas = panel.canvas
    at = canvas.mapFromScene(QPointF(x * 800, y * 600))
    event = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    canvas.dropEvent(event)  # what Qt calls when the drag ends over the picture (a real drag needs a user)
    assert event.isAccepted()
    return target_id


def test_households_dragged_onto_the_plan_stay_where_they_were_put(panel: PlanMapPanel, ctx, qtbot) -> None:
    assert panel.canvas.isVisible() and panel.canvas.picture.pixmap().width() == 800
    total = ctx.ws.query.plan_map(panel.node.id).households_total
    assert panel.coverage.text() == f"已上图 0 / {total} 户"
    placed = {drop(panel, 0, x, y): (x, y) for x, y in SPOTS}
    assert panel.coverage.text() == f"已上图 3 / {total} 户"
    assert panel.missing.count() == total - 3 + len([t for t in ctx.ws.query.plan_map(panel.node.id).unplaced
                                                     if t.kind != "household"])
    node = panel.node
    again = GridPage(ctx)  # reopened: a new page reads everything again
    qtbot.addWidget(again)
    again.show()
    again.select_node(node.id)
    again.tabs.setCurrentWidget(again.plan_map)
    pins = {item.pin.target.id: item for item in again.plan_map.canvas.pins.values()}
    assert set(pins) == set(placed)
    for target_id, (x, y) in placed.items():
        assert pins[target_id].pos().x() == pytest.approx(x * 800, abs=8)
        assert pins[target_id].pos().y() == pytest.approx(y * 600, abs=8)
        assert pins[target_id].toolTip() in {t.target.label for t in ctx.ws.query.plan_map(node.id).pins}


def test_clicking_a_pin_opens_its_household_and_a_pin_can_be_taken_off(panel: PlanMapPanel, ctx, qtbot,
                                                                      monkeypatch) -> None:
    household = drop(panel, 0, 0.5, 0.5)
    opened: list[str] = []
    monkeypatch.setattr(ctx, "open_household", lambda hid, _pid=None: opened.append(hid))
    [pin] = panel.canvas.pins.values()
    at = panel.canvas.mapFromScene(pin.pos())
    qtbot.mouseClick(panel.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))
    assert opened == [household]
    panel.canvas.pins[next(iter(panel.canvas.pins))].setSelected(True)
    panel.remove_button.click()
    assert panel.canvas.pins == {} and ctx.ws.query.plan_map(panel.node.id).households_placed == 0


def test_a_pin_dragged_to_another_spot_is_saved_there(panel: PlanMapPanel, ctx, qtbot) -> None:
    drop(panel, 0, 0.25, 0.25)
    [pin] = panel.canvas.pins.values()
    start = panel.canvas.mapFromScene(pin.pos())
    end = panel.canvas.mapFromScene(QPointF(0.75 * 800, 0.5 * 600))
    viewport = panel.canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(viewport, pos=end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    [saved] = ctx.ws.query.plan_map(panel.node.id).pins
    assert (saved.x, saved.y) == (pytest.approx(0.75, abs=0.02), pytest.approx(0.5, abs=0.02))

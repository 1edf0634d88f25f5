"""A believable plan picture for the docs (fields, a river, roads, house blocks), drawn with QPainter, and
households pinned along its roads — for the 地图 screenshot and the booklet's 网格平面图 page."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from gridapp.dto import SYSTEM

WIDTH, HEIGHT = 1600, 1100


def draw_plan(path: Path) -> Path:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor("#dfe8cf"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    rng = random.Random(7)
    for x in range(0, WIDTH, 200):  # fields
        for y in range(0, HEIGHT, 160):
            p.fillRect(QRectF(x + 6, y + 6, 188, 148), QColor(rng.choice(["#cfe0b4", "#d8e6c0", "#e6e2b8"])))
    river = QPainterPath(QPointF(0, 900))
    river.cubicTo(QPointF(500, 780), QPointF(1000, 1050), QPointF(WIDTH, 880))
    p.setPen(QPen(QColor("#8fb8d8"), 46))
    p.drawPath(river)
    p.setPen(QPen(QColor("#f4f1ea"), 26))
    for y in (250, 560):
        p.drawLine(0, y, WIDTH, y)
    for x in (400, 1000):
        p.drawLine(x, 0, x, 760)
    p.setPen(QPen(QColor("#7d6f5c"), 2))
    for y in (180, 320, 490, 630):
        for x in range(60, WIDTH - 80, 90):
            if abs(x - 400) > 40 and abs(x - 1000) > 40:
                p.setBrush(QColor(rng.choice(["#c9b79c", "#b9a98f", "#d4c4a8"])))
                p.drawRect(QRectF(x, y - 22, 60, 44))
    p.end()
    image.save(str(path))
    return path


def pin_sample(ws, grid_id: str, folder: Path, leave_out: int = 6) -> None:
    """Set the plan and pin all households but ``leave_out`` of them on the house blocks, in number order."""
    picture = draw_plan(folder / "plan.png")
    ws.plan_map.set_picture(SYSTEM, grid_id, picture.read_bytes(), "幸福村航拍图.png")
    spots = [((x + 30) / WIDTH, y / HEIGHT) for y in (180, 320, 490, 630) for x in range(60, WIDTH - 80, 90)
             if abs(x - 400) > 40 and abs(x - 1000) > 40]
    households = [t for t in ws.query.plan_map(grid_id).unplaced if t.kind == "household"]
    for target, (x, y) in zip(households[:-leave_out], spots[::1], strict=False):
        ws.plan_map.place(SYSTEM, grid_id, "household", target.id, x, y)

"""Draw the program's icon (resources/icons/gridapp.png and .ico): a green grid sheet with 网 on it, so it reads
at 16 px on a taskbar and at 256 px on a desktop. Run once when the design changes; the files are committed.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPen

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    sheet = QRectF(size * 0.06, size * 0.06, size * 0.88, size * 0.88)
    p.setBrush(QColor("#2e7d32"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(sheet, size * 0.14, size * 0.14)
    p.setPen(QPen(QColor(255, 255, 255, 90), max(1.0, size / 64)))
    for i in range(1, 4):
        at = sheet.left() + sheet.width() * i / 4
        p.drawLine(int(at), int(sheet.top()), int(at), int(sheet.bottom()))
        at = sheet.top() + sheet.height() * i / 4
        p.drawLine(int(sheet.left()), int(at), int(sheet.right()), int(at))
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONT)))
    font = QFont(families[0] if families else "")
    font.setPixelSize(int(size * 0.62))
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(sheet, Qt.AlignmentFlag.AlignCenter, "网")
    p.end()
    return image


def main() -> None:
    QGuiApplication(sys.argv)
    out = ROOT / "resources" / "icons"
    out.mkdir(exist_ok=True)
    draw(256).save(str(out / "gridapp.png"))
    draw(256).save(str(out / "gridapp.ico"))


if __name__ == "__main__":
    main()

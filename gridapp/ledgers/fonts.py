"""The Chinese font of every printed ledger, always embedded in the PDF.

reportlab's own CID fonts (STSong-Light) are not embedded and print blank on a PC without Chinese fonts,
and reportlab cannot read CFF fonts such as Noto CJK. So the program ships a TrueType CJK font (WenQuanYi
Micro Hei, Apache-2.0) and falls back to Windows' own TrueType fonts if that file is missing.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from gridapp.errors import StorageError
from gridapp.resources import resource_path

FONT_NAME = "GridappCJK"


def candidates() -> list[tuple[Path, int]]:
    """(file, index inside a .ttc collection) in order of preference."""
    windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [
        (resource_path("fonts", "wqy-microhei.ttc"), 0),
        (windows / "simsun.ttc", 0),
        (windows / "simhei.ttf", 0),
        (windows / "msyh.ttc", 0),
    ]


@cache
def font_name() -> str:
    """Register the first font found with reportlab (once) and return the name to use it by."""
    for path, index in candidates():
        if path.is_file():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=index))
            return FONT_NAME
    raise StorageError("找不到可以嵌入PDF的中文字体：程序自带的 resources/fonts/wqy-microhei.ttc 缺失，"
                       "本机也没有宋体、黑体或微软雅黑。请重新安装本程序。")

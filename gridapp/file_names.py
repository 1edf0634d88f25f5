"""File names made from what people typed (an office's or a grid's name): Windows refuses <>:"/\\|?* and
control characters in a name, drops trailing dots and spaces, and keeps CON, PRN, AUX, NUL, COM1… and LPT1… for
devices; "/" would make a folder anywhere."""

from __future__ import annotations

import re

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_DEVICES = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?", re.IGNORECASE)


def safe_name(text: str, fallback: str) -> str:
    """``text`` usable as a file name on Windows and Linux: forbidden characters become "_", a device name gets
    a "_" appended; ``fallback`` when nothing is left."""
    name = _FORBIDDEN.sub("_", text).strip().rstrip(". ")
    if _DEVICES.fullmatch(name):
        name += "_"
    return name or fallback

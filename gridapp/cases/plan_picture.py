"""A grid's plan picture (drone photo, scan or drawing) made fit for the map: PNG or JPEG only, turned upright
by its EXIF orientation, and at most ``MAX_SIDE`` pixels on its long side, so the map opens quickly and the
package that carries it stays small."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from gridapp.errors import RuleViolation

MAX_SIDE = 4096
ORIENTATION = 0x0112  # the EXIF tag a camera sets when it was held turned
MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}
Image.MAX_IMAGE_PIXELS = 40_000 * 40_000  # drone mosaics are large; the picture is downscaled right away


@dataclass(frozen=True)
class Picture:
    data: bytes
    mime: str
    width: int
    height: int


def fit(data: bytes) -> Picture:
    """``data`` as stored for a plan map: unchanged when it is an upright PNG/JPEG within ``MAX_SIDE``,
    otherwise re-encoded in its own format. Anything else is refused with a message saying what to do."""
    try:
        image = Image.open(io.BytesIO(data))
        kind = image.format
        if kind not in MIME:
            raise RuleViolation(f"平面图只能是PNG或JPEG图片，这个文件是{kind or '未知'}格式。请先另存为PNG或JPEG。")
        size = image.size
        if kind == "JPEG":
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at a reduced scale: a 2× smaller photo is 4× faster
        turned = image.getexif().get(ORIENTATION, 1) != 1
        if not turned and max(size) <= MAX_SIDE:
            return Picture(data, MIME[kind], *size)
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if kind == "JPEG":
            upright.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
        else:
            upright.save(out, "PNG", optimize=True)
        return Picture(out.getvalue(), MIME[kind], *upright.size)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise RuleViolation("无法读取这个图片文件（可能已损坏或不是图片）。请选择PNG或JPEG格式的平面图。") from exc


def size_of(data_or_path: bytes | Path) -> tuple[int, int]:
    """Width and height from the header, without decoding the pixels."""
    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
    with Image.open(source) as image:
        return image.size


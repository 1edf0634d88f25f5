"""Text files people write themselves (a password file, edited monitoring rules): Windows editors put a
byte-order mark before UTF-8 (Notepad before Windows 10 1903 always did) or save in the ANSI code page (GBK)."""

from __future__ import annotations

from pathlib import Path

from gridapp.errors import UserError


class NotUtf8(UserError):
    pass


def read_text(path: str | Path) -> str:
    """The file's text, UTF-8 with or without a byte-order mark; NotUtf8 (in Chinese, saying how to save it
    again) for any other encoding. OSError as ``Path.read_text`` raises it."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise NotUtf8(f"文件 {path} 不是 UTF-8 编码（可能是 GBK/ANSI）。请用记事本打开它，点“另存为”，编码选“UTF-8”"
                      "后保存，再试一次。") from None

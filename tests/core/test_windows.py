"""Code paths that differ on Windows (10/11), exercised on Linux by pretending to be Windows where that is safe.
Nothing here has run on Windows itself: see docs/windows.md."""

from __future__ import annotations

import io
import sys

import pytest

from gridapp.cli import main, utf8_output


class Redirected(io.TextIOWrapper):
    """Output redirected to a file or pipe on Chinese Windows: the ANSI code page, GBK."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="gbk")


class Console(Redirected):
    """A real console window (Python writes to it as UTF-16, whatever the stream's encoding says)."""

    def isatty(self) -> bool:
        return True


def test_redirected_output_is_utf8_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = Redirected(), Redirected()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "platform", "win32")
    utf8_output()
    print("㛃 网格")  # 㛃 (a name's character) is missing from GBK: printing it would fail
    out.flush()
    assert (out.encoding, err.encoding) == ("utf-8", "utf-8")
    assert out.buffer.getvalue() == "㛃 网格\n".encode()


def test_a_console_and_other_systems_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    console, redirected = Console(), Redirected()
    monkeypatch.setattr(sys, "stdout", console)
    monkeypatch.setattr(sys, "stderr", redirected)
    monkeypatch.setattr(sys, "platform", "win32")
    utf8_output()
    assert (console.encoding, redirected.encoding) == ("gbk", "utf-8")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "stderr", Redirected())
    utf8_output()
    assert sys.stderr.encoding == "gbk"


def test_the_command_line_switches_before_its_first_word(monkeypatch: pytest.MonkeyPatch) -> None:
    out = Redirected()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(SystemExit):
        main(["--version"])
    assert out.encoding == "utf-8"

"""Code paths that differ on Windows (10/11), exercised on Linux by pretending to be Windows where that is safe.
Nothing here has run on Windows itself: see docs/windows.md."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from factories import Tree

from gridapp import ledgers
from gridapp.cli import main, utf8_output
from gridapp.cli.output import read_password
from gridapp.dto import SYSTEM
from gridapp.errors import StorageError, UserError
from gridapp.excel import importer
from gridapp.excel.ledger_export import export_xlsx
from gridapp.file_names import safe_name
from gridapp.sync.export import _target_file
from gridapp.workspace import Workspace

OPEN_IN_EXCEL = PermissionError(13, "拒绝访问。")  # what Windows says replacing a file another program holds open


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


def test_a_password_file_from_notepad_reads_with_or_without_its_byte_order_mark(tmp_path: Path) -> None:
    folder = tmp_path / "幸福村 密码"
    folder.mkdir()
    with_mark, without = folder / "王丽.txt", folder / "李四.txt"
    with_mark.write_text("网格2026\r\n", encoding="utf-8-sig")
    without.write_text("网格2026\n", encoding="utf-8")
    assert read_password(str(with_mark)) == read_password(str(without)) == "网格2026"


def test_a_password_file_in_the_ansi_code_page_is_refused_saying_how_to_save_it(tmp_path: Path) -> None:
    gbk = tmp_path / "幸福村 密码.txt"
    gbk.write_bytes("网格2026".encode("gbk"))
    with pytest.raises(UserError, match=r"另存为.*UTF-8"):
        read_password(str(gbk))


def test_monitoring_rules_saved_by_notepad_import(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "幸福村 监测规则.json"
    ws.monitoring.export_rules(path)
    edited = path.read_text(encoding="utf-8").replace('"colour": "黄"', '"colour": "红"')
    path.write_text(edited, encoding="utf-8-sig")
    ws.monitoring.import_rules(SYSTEM, path)
    ws.monitoring.export_rules(path)
    assert path.read_text(encoding="utf-8") == edited


@pytest.fixture
def open_in_excel(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OPEN_IN_EXCEL

    monkeypatch.setattr("os.replace", refuse)
    monkeypatch.setattr("openpyxl.Workbook.save", refuse)


def test_a_ledger_open_in_excel_or_a_pdf_reader_says_to_close_it(ws: Workspace, tree: Tree, tmp_path: Path,
                                                                  open_in_excel: None) -> None:
    folder = tmp_path / "幸福村 台账"
    folder.mkdir()
    data = ledgers.build_ledger(ws, "population", tree.village)
    for write, name in ((ledgers.write_pdf, "实有人口.pdf"), (export_xlsx, "实有人口.xlsx")):
        with pytest.raises(StorageError, match=r"正在 Excel、WPS 或 PDF 阅读器中打开.*请关闭"):
            write(data, folder / name)
    assert list(folder.iterdir()) == []  # nor is a temporary file left behind


def test_a_template_open_in_excel_says_to_close_it(tmp_path: Path, open_in_excel: None) -> None:
    with pytest.raises(StorageError, match="请关闭打开它的程序"):
        importer.write_template(tmp_path / "幸福村 导入模板.xlsx")


@pytest.mark.parametrize(("typed", "name"), [
    ("东街/西街:一组", "东街_西街_一组"), ('幸福村"新"委员会?', "幸福村_新_委员会_"), ("第一网格. ", "第一网格"),
    ("con", "con_"), ("COM1.一组", "COM1.一组_"), ("///", "___"), (" .. ", "备用"), ("网格\t一", "网格_一"),
])
def test_names_people_typed_become_file_names_windows_accepts(typed: str, name: str) -> None:
    assert safe_name(typed, "备用") == name


def test_a_sync_package_named_after_an_office_with_a_slash_stays_in_the_chosen_folder(tmp_path: Path) -> None:
    stick = tmp_path / "幸福村 U盘"
    assert _target_file(stick, "东街/西街村委会", 3).parent == stick

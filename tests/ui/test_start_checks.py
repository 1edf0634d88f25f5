"""What the program does before the main window: a damaged database file is restored from the newest sound
backup through a dialog, a PC clock set back is questioned, and restoring a backup from 设置 opens the database
again."""

from __future__ import annotations

import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest
from factories import damage_pages
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from gridapp.dto import SYSTEM
from gridapp.workspace import Workspace
from ui import app as program
from ui import messages
from ui.dialogs.damaged_dialog import DamagedDialog
from ui.dialogs.first_password_dialog import FirstPasswordDialog
from ui.main_window import MainWindow


@pytest.fixture
def office(demo_village_file: Path, tmp_path: Path, monkeypatch, qapp) -> Path:
    """A demo village without passwords (it runs as its administrator), with one backup, started by main()."""
    path = tmp_path / "office.sqlite3"
    shutil.copy(demo_village_file, path)
    ws = Workspace.open(path)
    ws.backups.take("manual")
    ws.close()
    made = program.make_context
    monkeypatch.setattr(program, "make_context", lambda w, _file=None: made(w, str(tmp_path / "settings.ini")))
    monkeypatch.setattr(FirstPasswordDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)  # 暂不设置
    yield path
    qapp.setQuitOnLastWindowClosed(True)


def close_the_window(_app) -> int:
    [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    window.close()
    return 0


def restoring(offered: list[str]):
    """DamagedDialog.exec as a user answers it: reads the offer, clicks 恢复."""
    def restore_it(dialog: DamagedDialog) -> int:
        offered.append(dialog.offer.text())
        dialog.restore_button.click()
        return dialog.result()

    return restore_it


def test_a_damaged_file_is_restored_before_the_window_opens(office: Path, monkeypatch) -> None:
    office.write_bytes(b"\0" * 4096)  # a half-copied file
    offered: list[str] = []
    monkeypatch.setattr(DamagedDialog, "exec", restoring(offered))
    monkeypatch.setattr(QApplication, "exec", close_the_window)
    assert program.main(["--db", str(office)]) == 0
    assert "手动备份" in offered[0]
    assert list(office.parent.glob("office.sqlite3.damaged-*"))


def test_damaged_pages_found_after_the_window_opened_offer_the_newest_backup(office: Path, monkeypatch) -> None:
    damage_pages(office)  # the file's head and tables are sound: the start does not read further
    offered: list[str] = []
    monkeypatch.setattr(DamagedDialog, "exec", restoring(offered))
    windows: list[MainWindow] = []

    def wait_for_the_check(_app) -> int:
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        windows.append(window)
        if len(windows) == 1:  # the background check finds the damage and ends the session
            deadline = time.monotonic() + 60
            while window.isVisible() and time.monotonic() < deadline:
                QApplication.processEvents()
            return 0
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", wait_for_the_check)
    assert program.main(["--db", str(office)]) == 0
    assert len(windows) == 2 and "手动备份" in offered[0]
    assert list(office.parent.glob("office.sqlite3.damaged-*"))


def test_quitting_at_a_damaged_file_leaves_it_as_it_is(office: Path, monkeypatch) -> None:
    office.write_bytes(b"garbage" * 1000)
    monkeypatch.setattr(DamagedDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)
    assert program.main(["--db", str(office)]) == 2
    assert office.read_bytes() == b"garbage" * 1000


@pytest.mark.parametrize(("answer", "status"), [(0, 1), (1, 0)])
def test_a_clock_set_back_is_questioned_first(office: Path, monkeypatch, answer: int, status: int) -> None:
    monkeypatch.setattr(Workspace, "clock_problem", lambda _self, now=None: "这台电脑的日期是 2000年01月01日 …")
    asked: list[str] = []
    monkeypatch.setattr(messages, "choose", lambda _p, _t, text, choices, *_a: asked.append(choices[answer]) or answer)
    monkeypatch.setattr(QApplication, "exec", close_the_window)
    assert program.main(["--db", str(office)]) == status
    assert asked == [["退出，先改日期", "仍然继续（不推荐）"][answer]]


def test_restoring_a_backup_from_settings_opens_the_database_again(office: Path, monkeypatch) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    runs: list[str] = []

    def restore_then_close(_app) -> int:
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not runs:
            window.ctx.ws.grid.create(SYSTEM, None, "恢复前加的网格")
            panel = window.show_page("settings").backups
            panel.refresh()
            panel.table.selectRow(panel.rows.index(next(r for r in panel.rows if r.reason == "manual")))
            runs.append("restored")
            panel.restore_button.click()  # the session ends and the program starts over
            while panel.work.busy():  # what the event loop would be doing meanwhile
                QApplication.processEvents()
            QApplication.processEvents()
            return 0
        runs.append(", ".join(n.name for n in window.ctx.ws.query.grid_children(None)))
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", restore_then_close)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    assert program.main(["--db", str(office)]) == 0
    assert runs[0] == "restored" and "恢复前加的网格" not in runs[1]


def test_the_second_copy_is_written_at_the_first_start_of_the_day(office: Path, tmp_path: Path, monkeypatch) -> None:
    ws = Workspace.open(office)
    ws.backups.set_second_folder(SYSTEM, tmp_path / "U盘")
    ws.close()
    monkeypatch.setattr(QApplication, "exec", close_the_window)
    assert program.main(["--db", str(office)]) == 0
    [copy] = list((tmp_path / "U盘").glob("office-*-daily.sqlite3"))
    assert copy.stat().st_size > 0 and datetime.now().strftime("%Y%m%d") in copy.name

"""设置 → 备份 and the start-up dialog for a damaged file, driven through their real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gridapp import backup
from gridapp.dto import SYSTEM
from gridapp.workspace import DamagedDatabase, Workspace
from ui import file_dialogs, messages
from ui.dialogs.damaged_dialog import DamagedDialog
from ui.pages.backup_panel import BackupPanel, stale_warning


@pytest.fixture
def panel(ctx, qtbot) -> BackupPanel:
    widget = BackupPanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_back_up_then_restore_the_chosen_backup(panel: BackupPanel, ctx, qtbot, monkeypatch) -> None:
    click(qtbot, panel.backup_button)
    assert panel.table.rowCount() == 1 and panel.table.item(0, 1).text() == "手动备份"
    assert int(panel.table.item(0, 3).text()) == ctx.ws.query.stats()["households"]
    households = ctx.ws.query.stats()["households"]
    ctx.ws.grid.create(SYSTEM, None, "备份之后的网格")
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    restored: list[str] = []
    panel.restored.connect(restored.append)
    panel.table.selectRow(0)
    click(qtbot, panel.restore_button)
    assert restored and backup.parse_name(Path(restored[0])).reason == "before-restore"
    assert "已恢复" in panel.work.status.text()
    reopened = Workspace.open(ctx.ws.db_file)
    assert reopened.query.stats()["households"] == households
    assert "备份之后的网格" not in [n.name for n in reopened.query.grid_children(None)]
    reopened.close()


def test_the_second_copy_folder_and_a_full_check(panel: BackupPanel, ctx, qtbot, tmp_path: Path,
                                                 monkeypatch) -> None:
    assert not panel.second_button.isEnabled() and "还没有选择" in panel.second_label.text()
    stick = tmp_path / "U盘"
    monkeypatch.setattr(file_dialogs, "ask_folder", lambda *_args: str(stick))
    click(qtbot, panel.folder_button)
    assert str(stick) in panel.second_label.text() and stale_warning(ctx)
    click(qtbot, panel.second_button)
    assert "检查通过" in panel.work.status.text() and panel.table.item(0, 5).text() == "第二份"
    assert stale_warning(ctx) == ""
    click(qtbot, panel.check_button)
    assert panel.work.status.text() == "检查完毕，数据库文件完好。"


def test_a_damaged_file_is_restored_from_the_dialog_at_start(demo_village_file: Path, tmp_path: Path, qtbot) -> None:
    db = tmp_path / "village.sqlite3"
    db.write_bytes(demo_village_file.read_bytes())
    ws = Workspace.open(db)
    ws.backups.take("manual")
    ws.close()
    db.write_bytes(b"half a file" * 1000)
    with pytest.raises(DamagedDatabase) as refused:
        Workspace.open(db)
    dialog = DamagedDialog(refused.value)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "打不开" in dialog.findChildren(type(dialog.offer))[0].text() and "手动备份" in dialog.offer.text()
    click(qtbot, dialog.restore_button)
    assert dialog.result() == DamagedDialog.DialogCode.Accepted
    reopened = Workspace.open(db)
    assert reopened.query.stats()["households"] > 0
    reopened.close()
    assert list(tmp_path.glob("village.sqlite3.damaged-*"))

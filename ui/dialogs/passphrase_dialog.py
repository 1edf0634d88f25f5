"""设置同步口令: the county's sync passphrase, typed twice (it is never shown), kept by ``ws.sync.passphrase``
with a machine-local key that lives in the program's config folder, next to the settings file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from gridapp.errors import UserError
from gridapp.paths import SYNC_KEY_NAME
from gridapp.sync.passphrase import MIN_LENGTH, normalise
from ui import messages
from ui.context import AppContext
from ui.dialogs import ok_cancel


def key_file(ctx: AppContext) -> Path:
    """The machine-local key that keeps the stored passphrase: beside the settings INI file, outside the database
    (where the command line's gridapp.paths.sync_key_file() looks too)."""
    return Path(ctx.settings.fileName()).parent / SYNC_KEY_NAME


def passphrase_store(ctx: AppContext) -> Any:
    """This database's PassphraseStore."""
    return ctx.ws.sync.passphrase(key_file(ctx))


class PassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置同步口令"))
        self.first = QLineEdit()
        self.second = QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._update)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.buttons = ok_cancel(self, self.tr("保存"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        explain = QLabel(self.tr("同步口令由县里统一规定，全县各单位必须一致。口令不会写进同步包，"
                                 "也不会明文保存在数据库里；U盘丢失时别人没有口令就打不开同步包。"))
        explain.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(explain)
        form.addRow(self.tr("同步口令："), self.first)
        form.addRow(self.tr("再输入一遍："), self.second)
        form.addRow(self.hint)
        form.addRow(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self._update()

    def passphrase(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        first, second = self.first.text(), self.second.text()
        if not first:
            reason = self.tr("请输入县里规定的同步口令。")
        elif len(normalise(first)) < MIN_LENGTH:
            reason = self.tr("同步口令至少 {n} 位。").format(n=MIN_LENGTH)
        elif first != second:
            reason = self.tr("两次输入的口令不一致。") if second else self.tr("请再输入一遍口令。")
        else:
            reason = ""
        self.hint.setText(reason)
        self.ok_button.setEnabled(not reason)


def ask_and_store_passphrase(ctx: AppContext, parent: QWidget | None) -> bool:
    """Run the dialog and keep the passphrase; True when one was stored."""
    dialog = PassphraseDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        passphrase_store(ctx).set(ctx.actor, dialog.passphrase())
    except UserError as exc:
        messages.error(parent, str(exc))
        return False
    return True

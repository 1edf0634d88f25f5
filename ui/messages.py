"""Message boxes in one place, so every error reads the same and tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or QMessageBox.tr("无法完成"), text)


def info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.information(parent, title or QMessageBox.tr("提示"), text)


def confirm(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    answer = QMessageBox.question(parent, title or QMessageBox.tr("请确认"), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_save(parent: QWidget | None, text: str) -> str:
    """'save', 'discard' or 'cancel' for a form closed with unsaved changes."""
    box = QMessageBox(QMessageBox.Icon.Question, QMessageBox.tr("尚未保存"), text,
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.button(QMessageBox.StandardButton.Save).setText(QMessageBox.tr("保存"))
    box.button(QMessageBox.StandardButton.Discard).setText(QMessageBox.tr("不保存"))
    box.button(QMessageBox.StandardButton.Cancel).setText(QMessageBox.tr("取消"))
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
        QMessageBox.StandardButton(answer), "cancel")

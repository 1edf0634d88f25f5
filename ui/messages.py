"""Message boxes in one place, so every error reads the same and tests can answer them."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from gridapp.errors import UserError


def error(parent: QWidget | None, text: str, title: str | None = None, details: str | None = None) -> None:
    """A warning; ``details`` (a traceback for the technician) goes behind the box's 显示详细信息 button."""
    if details is None:
        QMessageBox.warning(parent, title or QMessageBox.tr("无法完成"), text)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title or QMessageBox.tr("无法完成"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(details)
    box.exec()


def failure_text(exc: BaseException) -> str:
    """What the user reads about a failed operation: a UserError's own Chinese message, otherwise one fixed
    sentence — raw sqlite/OSError text in English helps nobody at the office desk."""
    if isinstance(exc, UserError):
        return str(exc)
    return QMessageBox.tr("出错了，操作没有完成。请重试；如果一再出现，请联系技术人员，并把“详细信息”里的内容告诉他们。")


def failure_details(exc: BaseException) -> str:
    """The traceback a worker thread recorded (ui.tasks), or the exception's own one."""
    return getattr(exc, "__traceback_text__", None) or "".join(traceback.format_exception(exc))


def failure(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """Tell the user an operation failed; an unexpected error's traceback also goes to stderr and the
    box's details, so a technician can see what happened."""
    text = failure_line(exc)
    error(parent, text, title, None if isinstance(exc, UserError) else failure_details(exc))


def failure_line(exc: BaseException) -> str:
    """``failure_text`` for a status line instead of a box; an unexpected error's traceback goes to stderr."""
    if not isinstance(exc, UserError):
        print(failure_details(exc), file=sys.stderr)
    return failure_text(exc)


def info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.information(parent, title or QMessageBox.tr("提示"), text)


def confirm(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    answer = QMessageBox.question(parent, title or QMessageBox.tr("请确认"), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def choose(parent: QWidget | None, title: str, text: str, choices: list[str], default: int = 0) -> int:
    """A warning with buttons named by ``choices`` (the first one also answers Esc); the index chosen."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.RejectRole if i == 0 else QMessageBox.ButtonRole.AcceptRole)
               for i, choice in enumerate(choices)]
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[0])
    box.exec()
    return buttons.index(box.clickedButton()) if box.clickedButton() in buttons else 0


def offer_reopen(parent: QWidget | None, text: str) -> bool:
    """Someone else saved the record this form shows: True to open it again (what was typed is replaced by what
    is stored now), False to stay with the typed values on screen."""
    return choose(parent, QMessageBox.tr("别人已修改"), text + "\n\n" + QMessageBox.tr(
        "“重新打开”显示现在保存的内容，您再把修改填一次；“留在本页”保留您填的内容，便于对照。"),
        [QMessageBox.tr("留在本页"), QMessageBox.tr("重新打开")], default=1) == 1


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


def may_close(window: QWidget, dirty: bool, save: Callable[[Callable[[], None]], bool],
              question: str | None = None) -> bool:
    """Never lose typing: a window with unsaved changes asks 保存 / 不保存 / 取消 (``question``, by default one
    naming the window) before it closes. 保存 starts the save with the closing to follow it (``save(then)``), so
    the window stays open for now, and for good when the save is refused (its banner then says why)."""
    if not dirty:
        return True
    if question is None:
        text = QCoreApplication.translate("RecordForm", "{title}有未保存的修改，要保存吗？")
        question = text.format(title=window.windowTitle())
    answer = ask_save(window, question)
    if answer == "save":
        save(window.close)
    return answer == "discard"

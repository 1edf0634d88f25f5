"""Small dialogs. They only collect input; the page that opens one makes the service call."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWizard


def ok_cancel(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    """确定/取消 buttons wired to accept/reject, labelled in Chinese even without Qt's own translations."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text or QCoreApplication.translate("dialog", "确定"))
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("dialog", "取消"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def label_wizard(wizard: QWizard, commit: str | None = None) -> None:
    """The classic wizard look with its buttons in plain Chinese (上一步/下一步/完成/取消, and ``commit`` on a
    page that writes), whatever Qt's own catalogue holds."""
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
    texts = {QWizard.WizardButton.BackButton: QCoreApplication.translate("dialog", "< 上一步"),
             QWizard.WizardButton.NextButton: QCoreApplication.translate("dialog", "下一步 >"),
             QWizard.WizardButton.FinishButton: QCoreApplication.translate("dialog", "完成"),
             QWizard.WizardButton.CancelButton: QCoreApplication.translate("dialog", "取消")}
    if commit:
        texts[QWizard.WizardButton.CommitButton] = commit
    for button, text in texts.items():
        wizard.setButtonText(button, text)

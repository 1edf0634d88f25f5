"""Qt's own texts — standard buttons of message boxes, dialogs and wizards — read in Chinese."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWizard

from ui.app import make_application


def test_standard_buttons_are_chinese_after_make_application(qapp) -> None:
    make_application([])
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    question = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert question.button(QMessageBox.StandardButton.Yes).text().startswith("是")
    assert QWizard().buttonText(QWizard.WizardButton.NextButton).startswith("下一步")


def test_the_catalogue_is_installed_once(qapp) -> None:
    from PySide6.QtCore import QTranslator

    make_application([])
    make_application([])
    assert len(qapp.findChildren(QTranslator, "gridapp-language")) == 1  # Chinese: only Qt's own catalogue

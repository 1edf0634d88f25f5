"""Name a grid node: a new child (name, code, kind) or a new name for an existing one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from gridapp import codes
from ui.dialogs import ok_cancel
from ui.widgets.choice_combo import ChoiceCombo, labelled

NAME_MAX = 100


class GridNodeDialog(QDialog):
    def __init__(self, title: str, prompt: str, name: str = "", with_details: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.name_edit = QLineEdit(name)
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.selectAll()
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("可不填"))
        self.kind_combo = ChoiceCombo(labelled(codes.labels("grid_kind"), "grid_kind"))
        self.buttons = ok_cancel(self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.ok_button.setEnabled(bool(name.strip()))

        form = QFormLayout(self)
        self.prompt_label = QLabel(prompt)
        self.prompt_label.setWordWrap(True)
        form.addRow(self.prompt_label)
        form.addRow(self.tr("名称："), self.name_edit)
        if with_details:
            form.addRow(self.tr("代码："), self.code_edit)
            form.addRow(self.tr("类型："), self.kind_combo)
        form.addRow(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)

    def name(self) -> str:
        return self.name_edit.text().strip()

    def fields(self) -> dict[str, str]:
        """Keyword arguments for GridService.create besides the name."""
        return {"code": self.code_edit.text().strip(), "kind": self.kind_combo.value()}

"""Add a grid worker (网格长/网格员/网格指导员; 专职, 兼职 or 专业 from a department) to a grid."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from gridapp import codes
from ui.dialogs import ok_cancel
from ui.widgets.choice_combo import ChoiceCombo, labelled


class WorkerDialog(QDialog):
    def __init__(self, grid_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("为“{grid}”添加网格员").format(grid=grid_name))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(50)
        self.role_combo = _combo("worker_role", "网格员")
        self.kind_combo = _combo("worker_kind", "专职")
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(30)
        self.department_edit = QLineEdit()
        self.department_edit.setPlaceholderText(self.tr("专业网格员填写所在部门"))
        self.party_box = QCheckBox(self.tr("中共党员"))
        self.buttons = ok_cancel(self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.name_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))

        form = QFormLayout(self)
        form.addRow(self.tr("姓名："), self.name_edit)
        form.addRow(self.tr("职务："), self.role_combo)
        form.addRow(self.tr("类别："), self.kind_combo)
        form.addRow(self.tr("电话："), self.phone_edit)
        form.addRow(self.tr("部门："), self.department_edit)
        form.addRow(self.tr("党员："), self.party_box)
        form.addRow(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)

    def values(self) -> dict[str, Any]:
        """Keyword arguments for GridService.add_worker."""
        return {
            "name": self.name_edit.text().strip(),
            "role": self.role_combo.value(),
            "kind": self.kind_combo.value(),
            "phone": self.phone_edit.text().strip(),
            "department": self.department_edit.text().strip(),
            "party_member": self.party_box.isChecked(),
        }


def _combo(table: str, default: str) -> ChoiceCombo:
    combo = ChoiceCombo(labelled(codes.labels(table), table))
    combo.set_value(default)
    return combo

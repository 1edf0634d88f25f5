"""Choose one node of the grid tree, e.g. where to move a grid or which grid to merge it into."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeView, QVBoxLayout, QWidget

from gridapp.dto import GridNodeRow
from gridapp.workspace import Workspace
from ui.dialogs import ok_cancel
from ui.grid_tree_model import GridTreeModel, reveal
from ui.window_geometry import fit_to_screen

# Says why a node cannot be chosen ("" when it can), so the user learns the rule before pressing 确定.
Check = Callable[[GridNodeRow], str]


class ChooseNodeDialog(QDialog):
    def __init__(self, ws: Workspace, title: str, prompt: str, check: Check | None = None,
                 start_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.check = check or (lambda _row: "")
        self.model = GridTreeModel(ws, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(self._update)
        self.tree.doubleClicked.connect(self._accept_if_allowed)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.buttons = ok_cancel(self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        prompt_label = QLabel(prompt)
        prompt_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()  # sized in lines of text, so large-font mode gets a larger dialog
        fit_to_screen(self, QSize(metrics.averageCharWidth() * 50, metrics.height() * 28))
        if start_id:
            reveal(self.tree, start_id)
        self._update()

    def chosen(self) -> GridNodeRow | None:
        return self.model.node(self.tree.currentIndex())

    def _accept_if_allowed(self) -> None:
        if self.ok_button.isEnabled():
            self.accept()

    def _update(self, *_args: QModelIndex) -> None:
        row = self.chosen()
        reason = self.tr("请在上面点选一个网格。") if row is None else self.check(row)
        self.hint.setText(reason)
        self.ok_button.setEnabled(not reason)

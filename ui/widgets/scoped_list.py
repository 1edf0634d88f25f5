"""The layout every list page shares: the grid tree on the left as the scope, filters, the list and its
buttons on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QSplitter, QVBoxLayout, QWidget


def scoped_list_layout(page: QWidget, tree: QWidget, filters: QLayout, table: QWidget, count: QLabel,
                       buttons: tuple[QPushButton, ...]) -> QSplitter:
    footer = QHBoxLayout()
    footer.addWidget(count, 1)
    for button in buttons:
        footer.addWidget(button)
    right = QWidget()
    column = QVBoxLayout(right)
    column.setContentsMargins(0, 0, 0, 0)
    column.addLayout(filters)
    column.addWidget(table)
    column.addLayout(footer)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(tree)
    splitter.addWidget(right)
    splitter.setStretchFactor(1, 3)
    splitter.setSizes([320, 960])
    QVBoxLayout(page).addWidget(splitter)
    return splitter

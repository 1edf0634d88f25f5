"""网格: the grid tree with its counts and the editing of a node — details, workers, 党员中心户 and its plan map.

The tree and its buttons (新建下级, 重命名, 移动到…, 合并到…, 撤销, and drag and drop) change the tree's shape;
the tabs on the right describe the selected node. Every change is one service call through ``ui.operations``,
so the core's rules come back as a Chinese message and every page hears what changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gridapp import codes
from gridapp.changes import Changes, Outcome, Table
from gridapp.dto import GridNodeDetail, GridNodeRow
from gridapp.i18n import shown
from ui import messages
from ui.context import AppContext
from ui.dialogs.choose_node_dialog import ChooseNodeDialog
from ui.dialogs.grid_node_dialog import GridNodeDialog
from ui.grid_tree_model import GridTreeModel, reveal
from ui.operations import run_write
from ui.pages.grid_panels import NodeDetailPanel, NodePanel, PartyCentersPanel, WorkersPanel, open_dialog
from ui.pages.plan_map_panel import PlanMapPanel
from ui.permissions import offer
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.flow_layout import flow_row

LAST_LEVEL = 5  # 微网格: nothing below it
TREE_TABLES = (Table.GRID_NODES, Table.HOUSEHOLDS, Table.PERSONS)


class GridPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tree_model = GridTreeModel(ctx.ws, self)
        self.tree_model.move_node = self._drop_move
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.show_retired = QCheckBox(self.tr("显示已撤销"))
        self.show_retired.toggled.connect(self.tree_model.set_show_retired)

        self.new_button = QPushButton(self.tr("新建下级"))
        self.rename_button = QPushButton(self.tr("重命名"))
        self.move_button = QPushButton(self.tr("移动到…"))
        self.merge_button = QPushButton(self.tr("合并到…"))
        self.retire_button = QPushButton(self.tr("撤销"))
        self.new_button.setToolTip(self.tr("在选中的网格下新建一级网格"))
        self.move_button.setToolTip(self.tr("把选中的网格连同下级和住户移到另一个网格之下（也可以用鼠标拖过去）"))
        self.merge_button.setToolTip(self.tr("把选中的网格并入同一级的另一个网格，然后撤销它"))
        self.retire_button.setToolTip(self.tr("撤销已经没有下级和住户的网格"))
        for button, action in ((self.new_button, self.new_child), (self.rename_button, self.rename),
                               (self.move_button, self.move), (self.merge_button, self.merge),
                               (self.retire_button, self.retire)):
            button.clicked.connect(action)

        self.detail = NodeDetailPanel(ctx)
        self.workers = WorkersPanel(ctx)
        self.centers = PartyCentersPanel(ctx)
        self.plan_map = PlanMapPanel(ctx)
        self.panels: tuple[NodePanel, ...] = (self.detail, self.workers, self.centers, self.plan_map)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.detail, self.tr("基本信息"))
        self.tabs.addTab(self.workers, self.tr("网格员"))
        self.tabs.addTab(self.centers, self.tr("党员中心户"))
        self.tabs.addTab(self.plan_map, self.tr("地图"))

        buttons = flow_row(self.new_button, self.rename_button, self.move_button, self.merge_button,
                           self.retire_button)
        if not offer(ctx, "edit_grid", self.new_button, self.rename_button, self.move_button, self.merge_button,
                     self.retire_button):
            self.tree.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        EmptyHint(self.tree, self.tr("还没有网格。\n点上面的“新建下级”，先建最上面一级（如县、镇或村），"
                                     "再一级一级往下建到网格。"))
        hint = QLabel(self.tr("提示：用鼠标把一个网格拖到另一个网格上，就能把它移到那个网格之下。"))
        hint.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.show_retired)
        left_layout.addWidget(hint)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        QVBoxLayout(self).addWidget(splitter)

        self._reverting = False
        ctx.bus.changed.connect(self.on_changes)
        first = self.tree_model.index(0, 0)
        if first.isValid():
            self.tree.expand(first)
            self.tree.setCurrentIndex(first)
        self._show_current()

    # -- public -----------------------------------------------------------------------------------------------

    def current_node(self) -> GridNodeRow | None:
        return self.tree_model.node(self.tree.currentIndex())

    def select_node(self, node_id: str) -> bool:
        """Open the tree down to a node and select it; False if it is not shown (gone or retired)."""
        return reveal(self.tree, node_id).isValid()

    def has_unsaved_changes(self) -> bool:
        return self.detail.is_dirty()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*TREE_TABLES):
            self.tree_model.refresh_counts()
        node = self.current_node()
        for panel in self.panels:
            if changes.touches(*panel.TABLES) and not (panel is self.detail and self.detail.is_dirty()):
                panel.set_node(node)
        self._update_actions()

    # -- tree actions -----------------------------------------------------------------------------------------

    def new_child(self) -> None:
        node = self.current_node()
        level = shown(codes.label_of("grid_level", str(node.level + 1 if node else 1)) or "")
        prompt = (self.tr("在“{parent}”下新建一个{level}：").format(parent=node.name, level=level) if node
                  else self.tr("新建最上一级的{level}：").format(level=level))
        dialog = GridNodeDialog(self.tr("新建下级网格"), prompt, parent=self)
        parent_id = node.id if node else None
        open_dialog(dialog, lambda: self._apply_and_select(
            lambda: self.ctx.ws.grid.create(self.ctx.actor, parent_id, dialog.name(), **dialog.fields())))

    def rename(self) -> None:
        node = self.current_node()
        if node is None:
            return
        dialog = GridNodeDialog(self.tr("重命名"), self.tr("“{name}”的新名称：").format(name=node.name),
                                name=node.name, with_details=False, parent=self)
        open_dialog(dialog, lambda: self._apply_and_select(
            lambda: self.ctx.ws.grid.rename(self.ctx.actor, node.id, dialog.name())))

    def move(self) -> None:
        node = self.current_node()
        if node is None:
            return

        def check(target: GridNodeRow) -> str:
            if target.id == node.id:
                return self.tr("不能移到它自己之下，请选另一个网格。")
            if target.id == node.parent_id:
                return self.tr("“{name}”已经在“{target}”之下了。").format(name=node.name, target=target.name)
            if target.level >= LAST_LEVEL:
                return self.tr("微网格是最末一级，下面不能再有网格。")
            return ""

        dialog = ChooseNodeDialog(
            self.ctx.ws, self.tr("移动到…"),
            self.tr("把“{name}”（连同它的下级网格和住户）移到哪个网格之下？请点选：").format(name=node.name),
            check, start_id=node.id, parent=self)
        open_dialog(dialog, lambda: self._confirm_move(node.id, node.name, dialog.chosen()))

    def merge(self) -> None:
        node = self.current_node()
        if node is None:
            return

        def check(target: GridNodeRow) -> str:
            if target.id == node.id:
                return self.tr("不能合并到它自己，请选另一个网格。")
            if target.level != node.level:
                return self.tr("只能合并到同一级（{level}）的网格。").format(level=shown(node.level_label))
            return ""

        dialog = ChooseNodeDialog(
            self.ctx.ws, self.tr("合并到…"),
            self.tr("把“{name}”合并到哪个网格？请点选同一级的网格：").format(name=node.name),
            check, start_id=node.id, parent=self)

        def confirmed() -> None:
            target = dialog.chosen()
            text = self.tr("把“{name}”合并到“{target}”？\n“{name}”的下级网格、住户、房屋、场所和网格员都将归入"
                           "“{target}”，然后“{name}”被撤销。").format(name=node.name, target=target.name)
            if messages.confirm(self, text):
                self._apply_and_select(lambda: self.ctx.ws.grid.merge(self.ctx.actor, node.id, target.id))

        open_dialog(dialog, confirmed)

    def retire(self) -> None:
        node = self.current_node()
        if node is None:
            return
        text = self.tr("撤销“{name}”？\n撤销后它不再显示在网格树中（勾选“显示已撤销”仍可查看）。").format(name=node.name)
        if messages.confirm(self, text):
            ws, actor = self.ctx.ws, self.ctx.actor
            run_write(self.ctx, self, lambda: ws.grid.retire(actor, node.id))

    def _drop_move(self, node_id: str, target_id: str) -> bool:
        """Called by the model when a node is dropped onto another one."""
        name = self.ctx.ws.query.grid_node(node_id).name
        target = self.ctx.ws.query.grid_node(target_id)
        return self._confirm_move(node_id, name, target)

    def _confirm_move(self, node_id: str, name: str, target: GridNodeRow | GridNodeDetail) -> bool:
        text = self.tr("把“{name}”（连同它的下级网格和住户）移到“{target}”之下？").format(name=name, target=target.name)
        if not messages.confirm(self, text):
            return False
        return self._apply_and_select(lambda: self.ctx.ws.grid.move(self.ctx.actor, node_id, target.id))

    def _apply_and_select(self, op: Callable[[], Outcome]) -> bool:
        """Start the change; once it is stored, select the node it names (the new, moved or merged-into node)."""
        run_write(self.ctx, self, op, lambda outcome: outcome.id and self.select_node(outcome.id))
        return True

    # -- selection --------------------------------------------------------------------------------------------

    def _current_changed(self, _current: QModelIndex, previous: QModelIndex) -> None:
        if self._reverting:
            return
        if self.detail.is_dirty() and not self._leave_detail():
            self._reverting = True
            self.tree.setCurrentIndex(previous)
            self._reverting = False
            return
        self._show_current()

    def _leave_detail(self) -> bool:
        """Ask what to do with unsaved edits; False keeps the user on the node being edited (保存 stores them,
        then goes to the node the user chose)."""
        answer = messages.ask_save(self, self.tr("“{name}”的修改尚未保存。").format(name=self.detail.node.name))
        if answer == "save":
            wanted = self.tree_model.node(self.tree.currentIndex())
            self.detail.save(then=lambda: wanted is not None and self.select_node(wanted.id))
            return False
        return answer == "discard"

    def _show_current(self) -> None:
        node = self.current_node()
        for panel in self.panels:
            panel.set_node(node)
        self._update_actions()

    def _update_actions(self) -> None:
        node = self.current_node()
        editable = node is not None and not node.retired
        empty_tree = self.tree_model.rowCount() == 0
        self.new_button.setEnabled((editable and node.level < LAST_LEVEL) or empty_tree)
        for button in (self.rename_button, self.move_button, self.merge_button, self.retire_button):
            button.setEnabled(editable)



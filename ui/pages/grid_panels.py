"""The tabs of the 网格 page that describe the selected node: details, workers and 党员中心户."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp import codes
from gridapp.changes import Table
from gridapp.dto import PARTY_CENTER_TYPICAL, GridNodeRow, HouseholdBrief, PartyCenterView
from gridapp.i18n import shown
from ui import messages
from ui.context import AppContext
from ui.dialogs.choose_household_dialog import ChooseHouseholdDialog
from ui.dialogs.worker_dialog import WorkerDialog
from ui.operations import Operation, run_write
from ui.permissions import offer
from ui.widgets.choice_combo import ChoiceCombo, labelled
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.flow_layout import flow_row
from ui.widgets.form_scroll import FormScrollArea


def open_dialog(dialog: QDialog, on_accept: Callable[[], None]) -> None:
    """Show a dialog without blocking (window-modal) and act when the user presses 确定."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(on_accept)
    dialog.open()


class NodePanel(QWidget):
    """A tab about the selected node. It reads its data only while shown, so hidden tabs cost nothing."""

    TABLES: tuple[str, ...] = ()  # refresh when a change touches these

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.node: GridNodeRow | None = None
        self._stale = False

    def set_node(self, node: GridNodeRow | None) -> None:
        self.node = node
        if self.isVisible():
            self._stale = False
            self.load()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.set_node(self.node)

    def editable(self) -> bool:
        return self.node is not None and not self.node.retired and self.ctx.can("edit_grid")

    def load(self) -> None:
        raise NotImplementedError


class NodeDetailPanel(NodePanel):
    """代码, 层级, 类型, 名称, 四至, 网格长, 党组织, 备注 — saved together with one update call."""

    TABLES = (Table.GRID_NODES,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.code_edit = _read_only()
        self.level_edit = _read_only()
        self.kind_combo = ChoiceCombo(labelled(codes.labels("grid_kind"), "grid_kind"))
        self.edits = {key: QLineEdit() for key in ("name", "boundary_east", "boundary_south", "boundary_west",
                                                   "boundary_north", "head_name", "head_phone", "party_org")}
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.clicked.connect(lambda: self.save())
        self._loaded: dict[str, str] = {}

        form = QFormLayout()
        form.addRow(self.tr("所属："), self.path_label)
        form.addRow(self.tr("代码："), self.code_edit)
        form.addRow(self.tr("层级："), self.level_edit)
        form.addRow(self.tr("类型："), self.kind_combo)
        labels = {"name": self.tr("名称："), "boundary_east": self.tr("东至："), "boundary_south": self.tr("南至："),
                  "boundary_west": self.tr("西至："), "boundary_north": self.tr("北至："),
                  "head_name": self.tr("网格长："), "head_phone": self.tr("网格长电话："),
                  "party_org": self.tr("党组织：")}
        for key, edit in self.edits.items():
            form.addRow(labels[key], edit)
            edit.textChanged.connect(self._update_save)
        form.addRow(self.tr("备注："), self.notes_edit)
        self.kind_combo.currentTextChanged.connect(self._update_save)
        self.notes_edit.textChanged.connect(self._update_save)
        form_box = QWidget()
        column = QVBoxLayout(form_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(FormScrollArea(form_box), 1)
        layout.addLayout(buttons)
        offer(ctx, "edit_grid", self.save_button)

    def load(self) -> None:
        detail = self.ctx.ws.query.grid_node(self.node.id) if self.node else None
        self._version = detail.version if detail else None  # a save over a newer node is refused
        self.path_label.setText(" › ".join(detail.path_names[:-1]) if detail else "")
        self.code_edit.setText(detail.code if detail else "")
        self.level_edit.setText(shown(detail.level_label) if detail else "")
        self._loaded = {key: getattr(detail, key).strip() if detail else ""
                        for key in (*self.edits, "kind", "notes")}
        for key, edit in self.edits.items():
            edit.setText(self._loaded[key])
        self.kind_combo.set_value(self._loaded["kind"])
        self.notes_edit.setPlainText(self._loaded["notes"])
        for widget in (self.kind_combo, self.notes_edit, *self.edits.values()):
            widget.setEnabled(self.editable())
        self._update_save()

    def values(self) -> dict[str, str]:
        values = {key: edit.text().strip() for key, edit in self.edits.items()}
        return values | {"kind": self.kind_combo.value(), "notes": self.notes_edit.toPlainText().strip()}

    def changed(self) -> dict[str, str]:
        if not self.editable() or not self._loaded:
            return {}
        return {key: value for key, value in self.values().items() if value != self._loaded[key]}

    def is_dirty(self) -> bool:
        return bool(self.changed())

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Save every edited field in one update off the UI thread; on success the form shows what was stored,
        then ``then`` runs (a refusal is shown and the edits stay)."""
        changed, node, ws, actor, version = self.changed(), self.node, self.ctx.ws, self.ctx.actor, self._version
        if not changed:
            if then is not None:
                then()
            return

        def saved(_outcome: Any) -> None:
            self.load()
            if then is not None:
                QTimer.singleShot(0, then)

        self.save_button.setEnabled(False)
        Operation(self.ctx, self, lambda _progress: ws.grid.update(actor, node.id, version, **changed)).success(saved) \
            .failure(self._refused).run()

    def _refused(self, exc: Exception) -> None:
        messages.failure(self, exc)
        self._update_save()

    def _update_save(self) -> None:
        self.save_button.setEnabled(self.is_dirty())


class WorkersPanel(NodePanel):
    """The grid's workers (网格长/网格员/网格指导员), added with a small dialog."""

    TABLES = (Table.GRID_WORKERS, Table.GRID_ASSIGNMENTS, Table.GRID_NODES)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        headers = [self.tr("姓名"), self.tr("职务"), self.tr("类别"), self.tr("电话"), self.tr("部门"), self.tr("党员")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("添加…"))
        self.remove_button = QPushButton(self.tr("移除"))
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.empty_hint = EmptyHint(self.table, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(flow_row(self.add_button, self.remove_button))
        offer(ctx, "edit_grid", self.add_button, self.remove_button)

    def load(self) -> None:
        workers = self.ctx.ws.query.grid_workers(self.node.id) if self.node else []
        self.table.setRowCount(len(workers))
        for r, w in enumerate(workers):
            cells = (w.name, shown(w.role), shown(w.kind), w.phone, w.department, self.tr("是") if w.party_member else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, w.id)
                self.table.setItem(r, c, item)
        self.empty_hint.set_texts(self.tr("“{grid}”还没有网格员。\n点下面的“添加…”登记网格长、网格员。").format(
            grid=self.node.name) if self.editable() else "")
        self._update_buttons()

    def add(self) -> None:
        node = self.node
        dialog = WorkerDialog(node.name, self)
        ws, actor = self.ctx.ws, self.ctx.actor
        open_dialog(dialog, lambda: run_write(self.ctx, self, lambda: ws.grid.add_worker(actor, node.id,
                                                                                         **dialog.values())))

    def remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        item = self.table.item(row, 0)
        worker_id, node = item.data(Qt.ItemDataRole.UserRole), self.node
        if messages.confirm(self, self.tr("把“{worker}”从“{grid}”的网格员中移除？").format(worker=item.text(),
                                                                                       grid=node.name)):
            ws, actor = self.ctx.ws, self.ctx.actor
            run_write(self.ctx, self, lambda: ws.grid.remove_worker(actor, node.id, worker_id))

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.editable())
        self.remove_button.setEnabled(self.editable() and self.table.currentRow() >= 0)


CENTER_ROLE = Qt.ItemDataRole.UserRole + 1
HOUSEHOLD_ROLE = Qt.ItemDataRole.UserRole + 2


class PartyCentersPanel(NodePanel):
    """The 党员中心户 of the subtree, each with the households it looks after (usually 5–10)."""

    TABLES = (Table.PARTY_CENTERS, Table.PARTY_CENTER_LINKS, Table.HOUSEHOLDS, Table.PERSONS, Table.GRID_NODES)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.views: list[PartyCenterView] = []
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("中心户 / 联系户"), self.tr("党员"), self.tr("地址"), self.tr("联系户数")])
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.add_center_button = QPushButton(self.tr("设为中心户…"))
        self.remove_center_button = QPushButton(self.tr("取消中心户"))
        self.link_button = QPushButton(self.tr("添加联系户…"))
        self.unlink_button = QPushButton(self.tr("移除联系户"))
        self.add_center_button.clicked.connect(self.add_center)
        self.remove_center_button.clicked.connect(self.remove_center)
        self.link_button.clicked.connect(self.link)
        self.unlink_button.clicked.connect(self.unlink)
        offer(ctx, "edit_grid", self.add_center_button, self.remove_center_button, self.link_button,
              self.unlink_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(flow_row(self.add_center_button, self.remove_center_button, self.link_button,
                                  self.unlink_button))
        self.empty_hint = EmptyHint(self.tree, "")

    def load(self) -> None:
        keep = self.selected()
        self.views = self.ctx.ws.query.party_centers(self.node.id) if self.node else []
        self.tree.clear()
        low, high = PARTY_CENTER_TYPICAL
        for view in self.views:
            count = self.tr("{n}户").format(n=len(view.served))
            if not view.typical_size:
                count = self.tr("{count}（一般{low}–{high}户）").format(count=count, low=low, high=high)
            top = QTreeWidgetItem([self._name(view.household), view.member_name, view.household.address,
                                   count])
            top.setData(0, CENTER_ROLE, view.id)
            for h in view.served:
                child = QTreeWidgetItem([self._name(h), "", h.address, ""])
                child.setData(0, CENTER_ROLE, view.id)
                child.setData(0, HOUSEHOLD_ROLE, h.id)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        self.empty_hint.set_texts(self.tr("这里还没有党员中心户。\n点下面的“设为中心户…”，选一户有党员的住户。")
                                  if self.editable() else "")
        self.summary.setText(self.tr("共 {n} 个党员中心户，联系 {m} 户。").format(
            n=len(self.views), m=sum(len(v.served) for v in self.views)))
        self.select(*keep)
        self._update_buttons()

    def selected(self) -> tuple[str | None, str | None]:
        """(center id, served household id) of the current line."""
        item = self.tree.currentItem()
        return (item.data(0, CENTER_ROLE), item.data(0, HOUSEHOLD_ROLE)) if item else (None, None)

    def select(self, center_id: str | None, household_id: str | None = None) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, CENTER_ROLE) != center_id:
                continue
            children = [top.child(j) for j in range(top.childCount())]
            self.tree.setCurrentItem(next((c for c in children if c.data(0, HOUSEHOLD_ROLE) == household_id), top))
            return

    def center(self, center_id: str | None) -> PartyCenterView | None:
        return next((v for v in self.views if v.id == center_id), None)

    def add_center(self) -> None:
        node = self.node
        dialog = ChooseHouseholdDialog(
            self.ctx.ws, node.id, self.tr("设为党员中心户"),
            self.tr("在“{grid}”中选一户有党员的住户作为党员中心户：").format(grid=node.name),
            unavailable=self._taken(), parent=self)

        ws, actor = self.ctx.ws, self.ctx.actor
        open_dialog(dialog, lambda: run_write(self.ctx, self, lambda: ws.grid.add_party_center(
            actor, dialog.chosen_ids()[0]), lambda outcome: self.select(outcome.id)))

    def remove_center(self) -> None:
        view = self.center(self.selected()[0])
        if view is None:
            return
        text = self.tr("取消“{center}”的党员中心户？\n它联系的 {n} 户将不再有党员中心户。").format(
            center=self._name(view.household), n=len(view.served))
        if messages.confirm(self, text):
            ws, actor = self.ctx.ws, self.ctx.actor
            run_write(self.ctx, self, lambda: ws.grid.remove_party_center(actor, view.id))

    def link(self) -> None:
        view, node = self.center(self.selected()[0]), self.node
        if view is None:
            return
        dialog = ChooseHouseholdDialog(
            self.ctx.ws, node.id, self.tr("添加联系户"),
            self.tr("勾选“{center}”要联系的住户（一般{low}–{high}户）：").format(
                center=self._name(view.household), low=PARTY_CENTER_TYPICAL[0], high=PARTY_CENTER_TYPICAL[1]),
            multiple=True, unavailable=self._taken(), parent=self)
        open_dialog(dialog, lambda: self._link_all(view, dialog.chosen_ids()))

    def _link_all(self, view: PartyCenterView, household_ids: list[str]) -> None:
        """Link them all in one change, warning first if the center would serve too many."""
        total, high = len(view.served) + len(household_ids), PARTY_CENTER_TYPICAL[1]
        if total > high and not messages.confirm(self, self.tr(
                "党员中心户一般联系{low}–{high}户，添加后“{center}”将联系{n}户。仍要添加吗？").format(
                low=PARTY_CENTER_TYPICAL[0], high=high, center=self._name(view.household), n=total)):
            return
        ws, actor = self.ctx.ws, self.ctx.actor
        run_write(self.ctx, self, lambda: ws.grid.link_households(actor, view.id, household_ids),
                  lambda _outcome: self.select(view.id))

    def unlink(self) -> None:
        center_id, household_id = self.selected()
        if household_id:
            ws, actor = self.ctx.ws, self.ctx.actor
            run_write(self.ctx, self, lambda: ws.grid.unlink_household(actor, center_id, household_id))

    def _taken(self) -> dict[str, str]:
        """Households that cannot be picked, with the reason shown next to them."""
        taken = {}
        for view in self.views:
            taken[view.household.id] = self.tr("已是党员中心户")
            for h in view.served:
                taken[h.id] = self.tr("已由{center}联系").format(center=self._name(view.household))
        return taken

    def _name(self, household: HouseholdBrief) -> str:
        """“0012号 张三” — how people name a household."""
        if not household.number:
            return household.head_name
        return self.tr("{number}号 {head}").format(number=household.number, head=household.head_name).strip()

    def _update_buttons(self, *_args: Any) -> None:
        center_id, household_id = self.selected()
        editable = self.editable()
        self.add_center_button.setEnabled(editable)
        self.remove_center_button.setEnabled(editable and center_id is not None and household_id is None)
        self.link_button.setEnabled(editable and center_id is not None)
        self.unlink_button.setEnabled(editable and household_id is not None)


def _read_only() -> QLineEdit:
    edit = QLineEdit()
    edit.setReadOnly(True)
    return edit

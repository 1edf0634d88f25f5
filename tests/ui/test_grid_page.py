"""The 网格 page on the demo village, driven through its buttons, dialogs, detail tabs and drag and drop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from ui_helpers import elsewhere

from gridapp.dto import GridNodeRow
from ui import messages
from ui.dialogs.choose_household_dialog import ChooseHouseholdDialog
from ui.dialogs.choose_node_dialog import ChooseNodeDialog
from ui.dialogs.grid_node_dialog import GridNodeDialog
from ui.dialogs.worker_dialog import WorkerDialog
from ui.grid_tree_model import reveal
from ui.pages.grid_page import GridPage


@pytest.fixture
def page(ctx, qtbot) -> GridPage:
    grid_page = GridPage(ctx)
    qtbot.addWidget(grid_page)
    grid_page.show()
    return grid_page


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    """Every confirmation is answered yes; error messages are collected instead of shown."""
    shown: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    monkeypatch.setattr(messages, "error", lambda _parent, text, *_args: shown.append(text))
    return shown


def village_grids(ctx) -> dict[str, GridNodeRow]:
    [county] = ctx.ws.query.grid_children(None)
    [town] = ctx.ws.query.grid_children(county.id)
    [village] = ctx.ws.query.grid_children(town.id)
    return {"幸福村": village} | {g.name: g for g in ctx.ws.query.grid_children(village.id)}


def micro_grids(ctx, grid: GridNodeRow) -> dict[str, GridNodeRow]:
    return {m.name: m for m in ctx.ws.query.grid_children(grid.id)}


def shown_children(page: GridPage, node_id: str) -> dict[str, str]:
    """What the page's tree shows under a node: id -> text."""
    parent = page.tree_model.index_for(node_id)
    if page.tree_model.canFetchMore(parent):
        page.tree_model.fetchMore(parent)
    rows = [page.tree_model.index(r, 0, parent) for r in range(page.tree_model.rowCount(parent))]
    return {page.tree_model.node(i).id: i.data() for i in rows}


def visible_dialog(page: GridPage, kind: type[QDialog]):
    [dialog] = [d for d in page.findChildren(kind) if d.isVisible()]
    return dialog


def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_moving_a_node_through_the_dialog(page, ctx, qtbot, errors) -> None:
    grids = village_grids(ctx)
    micro = micro_grids(ctx, grids["第一网格"])["第一微网格"]
    assert page.select_node(micro.id)
    click(qtbot, page.move_button)
    dialog = visible_dialog(page, ChooseNodeDialog)
    assert dialog.chosen().id == micro.id and not dialog.ok_button.isEnabled()
    assert dialog.hint.text() == "不能移到它自己之下，请选另一个网格。"
    reveal(dialog.tree, grids["第二网格"].id)
    click(qtbot, dialog.ok_button)

    assert errors == []
    assert shown_children(page, grids["第二网格"].id)[micro.id] == (
        f"第一微网格（{micro.household_count}户 / {micro.person_count}人）")
    assert micro.id not in shown_children(page, grids["第一网格"].id)
    after = {g.name: g for g in ctx.ws.query.grid_children(grids["幸福村"].id)}
    assert after["第一网格"].household_count == grids["第一网格"].household_count - micro.household_count
    assert after["第二网格"].household_count == grids["第二网格"].household_count + micro.household_count
    assert page.current_node().id == micro.id
    assert page.detail.path_label.text().endswith("幸福村 › 第二网格")


def test_dragging_a_node_onto_another_moves_it(page, ctx, errors) -> None:
    grids = village_grids(ctx)
    micro = micro_grids(ctx, grids["第三网格"])["第二微网格"]
    model = page.tree_model
    assert page.tree.dragEnabled() and page.tree.acceptDrops()
    source, target = model.index_for(micro.id), model.index_for(grids["第四网格"].id)
    data = model.mimeData([source])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target)  # between rows: no
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)

    assert errors == []
    assert ctx.ws.query.grid_node(micro.id).path_names[-2] == "第四网格"
    assert micro.id in shown_children(page, grids["第四网格"].id)
    assert page.current_node().id == micro.id


def test_dropping_a_node_onto_its_own_descendant_is_refused(page, ctx, errors) -> None:
    grids = village_grids(ctx)
    micro = micro_grids(ctx, grids["第一网格"])["第二微网格"]
    model = page.tree_model
    before = shown_children(page, grids["幸福村"].id)
    data = model.mimeData([model.index_for(grids["第一网格"].id)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_for(micro.id))  # the core refuses it

    assert errors == ["不能把“第一网格”移到它自己或它的下级“第二微网格”之下。"]
    assert shown_children(page, grids["幸福村"].id) == before
    assert ctx.ws.query.grid_node(micro.id).path_names[-2:] == ("第一网格", "第二微网格")


def test_creating_a_child_node(page, ctx, qtbot, errors) -> None:
    grid = village_grids(ctx)["第五网格"]
    page.select_node(grid.id)
    click(qtbot, page.new_button)
    dialog = visible_dialog(page, GridNodeDialog)
    assert dialog.prompt_label.text() == "在“第五网格”下新建一个微网格："
    assert not dialog.ok_button.isEnabled()
    dialog.name_edit.setText("第三微网格")  # QTest types ASCII only
    qtbot.keyClicks(dialog.code_edit, "4114231010010503")
    dialog.kind_combo.setCurrentText("专属网格")
    click(qtbot, dialog.ok_button)

    node = page.current_node()
    assert (node.name, node.level_label, node.kind, node.code) == ("第三微网格", "微网格", "专属网格", "4114231010010503")
    assert shown_children(page, grid.id)[node.id] == "第三微网格（0户 / 0人）"
    assert page.detail.level_edit.text() == "微网格"
    assert page.detail.kind_combo.currentText() == "专属网格"
    assert not page.new_button.isEnabled()  # nothing goes below a micro-grid


def test_renaming_through_the_detail_panel(page, ctx, qtbot, errors) -> None:
    grid = village_grids(ctx)["第二网格"]
    page.select_node(grid.id)
    detail = page.detail
    assert detail.edits["name"].text() == "第二网格" and not detail.save_button.isEnabled()
    detail.edits["name"].setText("和平网格")
    detail.edits["boundary_east"].setText("幸福河")
    detail.edits["head_phone"].setText("13900001111")
    assert detail.save_button.isEnabled()
    click(qtbot, detail.save_button)

    saved = ctx.ws.query.grid_node(grid.id)
    assert (saved.name, saved.boundary_east, saved.head_phone) == ("和平网格", "幸福河", "13900001111")
    assert page.tree.currentIndex().data() == f"和平网格（{grid.household_count}户 / {grid.person_count}人）"
    assert not detail.save_button.isEnabled() and not page.has_unsaved_changes()


def test_unsaved_details_are_not_lost_when_choosing_another_node(page, ctx, qtbot, monkeypatch) -> None:
    grids = village_grids(ctx)
    page.select_node(grids["第一网格"].id)
    page.detail.edits["party_org"].setText("第一党小组")
    answers = iter(["cancel", "save"])
    monkeypatch.setattr(messages, "ask_save", lambda *_args: next(answers))
    page.select_node(grids["第三网格"].id)
    assert page.current_node().id == grids["第一网格"].id
    assert page.detail.edits["party_org"].text() == "第一党小组"
    page.select_node(grids["第三网格"].id)  # 保存: stored, then the chosen node is shown
    qtbot.waitUntil(lambda: page.current_node().id == grids["第三网格"].id)
    assert ctx.ws.query.grid_node(grids["第一网格"].id).party_org == "第一党小组"


def test_retiring_an_empty_node_and_refusing_a_full_one(page, ctx, qtbot, errors) -> None:
    grids = village_grids(ctx)
    page.select_node(grids["第六网格"].id)
    click(qtbot, page.retire_button)
    assert len(errors) == 1 and errors[0].startswith("“第六网格”下还有2个下级网格")
    assert grids["第六网格"].id in shown_children(page, grids["幸福村"].id)

    empty = elsewhere(ctx, lambda: ctx.ws.grid.create(ctx.actor, grids["第六网格"].id, "空微网格")).id
    assert page.select_node(empty)
    click(qtbot, page.retire_button)
    assert len(errors) == 1
    assert empty not in shown_children(page, grids["第六网格"].id)
    assert page.current_node().id != empty

    page.show_retired.setChecked(True)
    assert shown_children(page, grids["第六网格"].id)[empty] == "空微网格（0户 / 0人）（已撤销）"
    page.select_node(empty)
    assert not page.retire_button.isEnabled() and not page.detail.edits["name"].isEnabled()


def test_merging_a_grid_into_another(page, ctx, qtbot, errors) -> None:
    grids = village_grids(ctx)
    source, target = grids["第五网格"], grids["第六网格"]
    page.select_node(source.id)
    click(qtbot, page.merge_button)
    dialog = visible_dialog(page, ChooseNodeDialog)
    reveal(dialog.tree, micro_grids(ctx, target)["第一微网格"].id)
    assert not dialog.ok_button.isEnabled() and dialog.hint.text() == "只能合并到同一级（网格）的网格。"
    reveal(dialog.tree, target.id)
    click(qtbot, dialog.ok_button)

    assert errors == []
    shown = shown_children(page, grids["幸福村"].id)
    assert source.id not in shown
    merged = {g.id: g for g in ctx.ws.query.grid_children(grids["幸福村"].id)}[target.id]
    assert merged.household_count == source.household_count + target.household_count
    assert shown[target.id] == f"第六网格（{merged.household_count}户 / {merged.person_count}人）"
    assert page.current_node().id == target.id


def test_adding_and_removing_a_worker(page, ctx, qtbot, errors) -> None:
    grid = village_grids(ctx)["第三网格"]
    page.select_node(grid.id)
    page.tabs.setCurrentWidget(page.workers)
    table = page.workers.table
    before = table.rowCount()
    click(qtbot, page.workers.add_button)
    dialog = visible_dialog(page.workers, WorkerDialog)
    dialog.name_edit.setText("李卫国")
    dialog.role_combo.setCurrentText("网格长")
    dialog.kind_combo.setCurrentText("兼职")
    qtbot.keyClicks(dialog.phone_edit, "13700002222")
    dialog.party_box.setChecked(True)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))

    assert table.rowCount() == before + 1
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert ["李卫国", "网格长", "兼职", "13700002222", "", "是"] in rows
    table.selectRow(rows.index(["李卫国", "网格长", "兼职", "13700002222", "", "是"]))
    click(qtbot, page.workers.remove_button)
    assert table.rowCount() == before
    assert "李卫国" not in [w.name for w in ctx.ws.query.grid_workers(grid.id)]


def _free_households(ctx, grid_id: str) -> tuple[list[str], list[str]]:
    """(party households, other households) of a subtree that are neither a center nor served by one."""
    taken = {h.id for v in ctx.ws.query.party_centers(grid_id) for h in (v.household, *v.served)}
    party, others = [], []
    for hid in ctx.ws.query.household_ids(grid_id):
        if hid not in taken:
            members = ctx.ws.query.household(hid).members
            (party if any(m.political_status == "中共党员" for m in members) else others).append(hid)
    return party, others


def test_adding_a_party_center_with_served_households(page, ctx, qtbot, errors) -> None:
    grid = village_grids(ctx)["第四网格"]
    page.select_node(grid.id)
    page.tabs.setCurrentWidget(page.centers)
    panel = page.centers
    existing = ctx.ws.query.party_centers(grid.id)
    assert panel.tree.topLevelItemCount() == len(existing) > 0
    party, others = _free_households(ctx, grid.id)
    center_home, served = party[0], others[:5]

    click(qtbot, panel.add_center_button)
    chooser = visible_dialog(panel, ChooseHouseholdDialog)
    qtbot.keyClicks(chooser.search, ctx.ws.query.household(center_home).number)
    assert not chooser.item_for(center_home).isHidden()
    assert any(chooser.list.item(i).isHidden() for i in range(chooser.list.count()))
    chooser.list.setCurrentItem(chooser.item_for(center_home))
    click(qtbot, chooser.ok_button)
    assert errors == []
    assert panel.tree.topLevelItemCount() == len(existing) + 1
    [new] = [v for v in panel.views if v.household.id == center_home]
    assert panel.selected() == (new.id, None)

    click(qtbot, panel.link_button)
    chooser = visible_dialog(panel, ChooseHouseholdDialog)
    assert chooser.item_for(center_home).text().endswith("（已是党员中心户）")
    taken = existing[0].served[0]
    center_name = f"{existing[0].household.number}号 {existing[0].household.head_name}"
    assert chooser.item_for(taken.id).text().endswith(f"（已由{center_name}联系）")
    for hid in [*served, taken.id]:
        qtbot.mouseClick(chooser.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=chooser.list.visualItemRect(chooser.item_for(hid)).center())
    assert chooser.count_label.text() == "已选 5 户"
    click(qtbot, chooser.ok_button)

    assert errors == []
    [view] = [v for v in ctx.ws.query.party_centers(grid.id) if v.id == new.id]
    assert sorted(h.id for h in view.served) == sorted(served)
    top = panel.tree.currentItem()
    assert (top.childCount(), top.text(1), top.text(3)) == (5, view.member_name, "5户")

    panel.tree.setCurrentItem(top.child(0))
    click(qtbot, panel.unlink_button)
    top = panel.tree.currentItem()
    assert (top.childCount(), top.text(3)) == (4, "4户（一般5–10户）")
    click(qtbot, panel.remove_center_button)
    assert panel.tree.topLevelItemCount() == len(existing)
    assert [v.id for v in ctx.ws.query.party_centers(grid.id)] == [v.id for v in existing]


def test_counts_refresh_in_place_keeping_expanded_branches(page, ctx) -> None:
    grids = village_grids(ctx)
    page.select_node(micro_grids(ctx, grids["第二网格"])["第二微网格"].id)
    selected = page.current_node()
    expanded = page.tree_model.index_for(grids["第二网格"].id)
    assert page.tree.isExpanded(expanded)
    household = ctx.ws.query.household_ids(selected.id)[0]
    persons = len([m for m in ctx.ws.query.household(household).members if m.status == "在册"])
    elsewhere(ctx, lambda: ctx.ws.recycle.delete(ctx.actor, "household", household))

    assert page.tree.isExpanded(page.tree_model.index_for(grids["第二网格"].id))
    assert page.current_node().id == selected.id
    assert page.tree.currentIndex().data() == (
        f"第二微网格（{selected.household_count - 1}户 / {selected.person_count - persons}人）")

"""The main window, driven as a user would: navigation, the grid tree and the household list."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt


def _texts(model, parent=None) -> list[str]:
    parent = parent or QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_window_shows_office_user_and_navigation(window, ctx) -> None:
    assert ctx.ws.office.name in window.windowTitle()
    assert window.office_label.text() == f"单位：{ctx.ws.office.name}"
    assert window.user_label.text() == "当前用户：管理员（管理员，范围：全部）"
    order = ["首页", "网格", "住户", "房屋", "场所", "事件", "走访", "考核", "台账", "同步", "回收站", "用户", "日志", "设置"]
    assert [title for title in window.page_titles() if title in order] == order
    assert window.stack.currentWidget() is window.pages["home"]


def test_only_the_home_page_is_built_at_start_and_each_other_page_on_first_show(window, ctx) -> None:
    from ui.pages.premises_pages import HousesPage

    assert list(window.pages) == ["home"]
    assert window.stack.count() == len(window.page_keys())  # a placeholder stands for each page not built
    assert window.findChildren(HousesPage) == []
    window.nav.setCurrentRow(window.page_keys().index("houses"))  # a click on 房屋
    houses = window.pages["houses"]
    assert isinstance(houses, HousesPage) and window.stack.currentWidget() is houses
    assert houses.model.rowCount() == len(ctx.ws.query.house_ids(None))
    assert window.stack.indexOf(houses) == window.page_keys().index("houses")
    assert window.show_page("home") is window.pages["home"]
    assert window.show_page("houses") is houses and window.findChildren(HousesPage) == [houses]  # built once
    assert set(window.pages) == {"home", "houses"}


def test_a_page_built_late_still_hears_other_workstations(window, ctx) -> None:
    from ui_helpers import elsewhere

    from gridapp.dto import SYSTEM

    places = window.show_page("places")
    before = places.model.rowCount()
    grid = places.tree_model.node(places.tree.currentIndex()).id
    elsewhere(ctx, lambda: ctx.ws.places.create(SYSTEM, grid, name="幸福村新开超市", type="商超"))
    assert places.model.rowCount() == before + 1


def test_household_list_follows_the_selected_grid_node(window, ctx) -> None:
    page = window.show_page("households")
    tree, table = page.tree_model, page.model
    [county] = _texts(tree)
    assert county.startswith("宁陵县（") and "户 /" in county
    total = table.rowCount()
    assert 250 <= total <= 400
    assert page.count_label.text() == f"宁陵县：共 {total} 户"

    index = tree.index(0, 0)
    for _ in range(3):  # open the tree down to the first grid, as a user clicking the arrows would
        page.tree.expand(index)
        index = tree.index(0, 0, index)
    page.tree.setCurrentIndex(index)
    grid = tree.node(index)
    assert grid.level_label == "网格"
    assert table.rowCount() == grid.household_count < total
    assert page.count_label.text() == f"{grid.name}：共 {grid.household_count} 户"

    some_id = ctx.ws.query.household_ids(grid.id)[0]
    household = ctx.ws.query.household(some_id)
    row = table.row_of(some_id)
    assert table.index(row, 0).data() == household.number
    assert table.index(row, 1).data() == household.members[0].name


def test_sorting_by_a_column_reorders_the_list(window) -> None:
    page = window.show_page("households")
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    numbers = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert numbers == sorted(numbers, reverse=True)


def test_filters_narrow_the_list_and_update_the_count(window, ctx) -> None:
    page = window.show_page("households")
    total = page.model.rowCount()
    colour = page.filters["colour"]
    colour.setCurrentIndex(colour.findData("红"))
    reds = page.model.rowCount()
    assert 0 < reds < total
    assert page.count_label.text().endswith(f"共 {reds} 户")
    assert {page.model.index(r, 7).data() for r in range(reds)} == {"红"}
    colour.setCurrentIndex(0)
    assert page.model.rowCount() == total


def test_smoke_start_exits_zero(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "ui", "--smoke", "--db", str(tmp_path / "smoke.sqlite3")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "smoke ok" in done.stdout


def test_lang_en_starts_the_program_in_english(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "ui", "--smoke", "--lang", "en", "--db", str(tmp_path / "en.sqlite3")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "interface en" in done.stdout


def test_first_paint_start_prints_the_time_of_the_first_paint_and_ends(tmp_path: Path) -> None:
    from gridapp.workspace import Workspace
    from ui.first_paint import MARK

    db = tmp_path / "office.sqlite3"
    Workspace.open(db).init_office("测试村村民委员会", "411423")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-m", "ui", "--first-paint", "--db", str(db)], capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    [line] = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    assert float(line.removeprefix(MARK)) > 0


def test_closing_the_window_asks_about_an_unsaved_household_form(window, ctx, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from ui import messages
    from ui.forms.household_form import HouseholdForm

    hid = ctx.ws.query.household_ids(None)[0]
    window.open_household(hid)
    [form] = [w for w in QApplication.topLevelWidgets() if isinstance(w, HouseholdForm) and w.isVisible()]
    qtbot.keyClicks(form.number, "X")
    asked = []
    monkeypatch.setattr(messages, "ask_save", lambda _parent, text: asked.append(text) or "cancel")
    assert not window.close()
    assert asked and form.isVisible() and window.isVisible()
    monkeypatch.setattr(messages, "ask_save", lambda _parent, text: "discard")
    assert window.close()
    assert ctx.ws.query.household(hid).number == ctx.ws.query.household_rows([hid])[0].number
    assert not ctx.ws.query.household(hid).number.endswith("X")

"""首次使用: an office sets itself up from the official codes by typing names and pinyin initials, plans its grids,
and finds them in the tree with their official names and codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import empty_workspace
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from ui_helpers import context_for

from ui.dialogs.setup_wizard import SetupWizard


@pytest.fixture
def blank_ctx(tmp_path: Path, qapp):
    ws = empty_workspace(tmp_path / "new.sqlite3")
    ctx = context_for(ws, tmp_path)
    yield ctx
    ctx.tasks.wait()
    ws.close()


def type_text(qtbot, edit, text: str) -> None:
    """Keys for Latin letters; Chinese arrives from the input method as committed text."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def go_down(qtbot, wizard: SetupWizard, typed: str, expected: str) -> None:
    page = wizard.place_page
    type_text(qtbot, page.filter, typed)
    assert page.list.currentItem().text() == expected
    qtbot.keyClick(page.filter, Qt.Key.Key_Return)


def give_admin_a_password(qtbot, wizard: SetupWizard, password: str = "dongjie2026") -> None:
    """第5步: the administrator's password, typed twice; 下一步 waits until both agree."""
    page, next_button = wizard.admin_page, wizard.button(QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is page and not next_button.isEnabled()
    qtbot.keyClicks(page.new_password.first, password)
    qtbot.keyClicks(page.new_password.second, password[:-1] + "x")
    assert not next_button.isEnabled() and page.new_password.hint.text() == "两次输入的密码不一致。"
    page.new_password.second.clear()
    qtbot.keyClicks(page.new_password.second, password)
    assert next_button.isEnabled()
    next_button.click()


def tree(ws, parent=None, depth=0) -> list[tuple[int, str, str]]:
    rows = []
    for node in ws.query.grid_children(parent):
        rows.append((depth, node.name, node.code))
        rows += tree(ws, node.id, depth + 1)
    return rows


def test_a_community_sets_itself_up_with_three_grids_of_two_micro_grids(blank_ctx, qtbot) -> None:
    wizard = SetupWizard(blank_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # a province cannot be an office
    go_down(qtbot, wizard, "河南", "河南省")
    go_down(qtbot, wizard, "sqs", "商丘市")
    go_down(qtbot, wizard, "nlx", "宁陵县")
    assert next_button.isEnabled()  # a county office could stop here
    go_down(qtbot, wizard, "城关", "城关回族镇")
    qtbot.keyClicks(wizard.place_page.filter, "XQ")  # initials in any case
    assert wizard.place_page.list.currentItem().text() == "新区居委会"
    assert "河南省商丘市宁陵县城关回族镇新区居委会" in wizard.place_page.choice.text()
    next_button.click()

    assert wizard.name_page.name.text() == "新区社区居民委员会"
    next_button.click()

    grids = wizard.grids_page
    grids.micro_count.setValue(2)
    assert grids.names.topLevelItemCount() == 3
    grids.names.topLevelItem(2).setText(0, "幸福网格")  # names can be changed before they are made
    next_button.click()
    next_button.click()  # no passphrase yet: 以后在设置页填写
    give_admin_a_password(qtbot, wizard)
    assert wizard.done_page.title() == "第6步：确认并建立"
    assert "网格：3 个（第一网格、第二网格、幸福网格），微网格 6 个" in wizard.done_page.summary.text()
    assert "管理员：用户名 admin，密码已设置" in wizard.done_page.summary.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()

    ws = blank_ctx.ws
    assert not ws.users.is_open()  # from now on the program opens with a log-in
    assert wizard.actor is not None and wizard.actor.role == "管理员"
    assert ws.users.login("admin", "dongjie2026").user_id == wizard.actor.user_id
    assert ws.office.name == "新区社区居民委员会" and ws.office.county_code == "411423"
    assert tree(ws)[:6] == [(0, "宁陵县", "411423000000"), (1, "城关回族镇", "411423100000"),
                            (2, "新区社区", "411423100001"), (3, "第一网格", "41142310000101"),
                            (4, "第一微网格", "4114231000010101"), (4, "第二微网格", "4114231000010102")]
    assert [(d, n) for d, n, _c in tree(ws) if d == 3] == [(3, "第一网格"), (3, "第二网格"), (3, "幸福网格")]
    assert len(tree(ws)) == 3 + 3 + 6
    assert ws.query.grid_node(ws.office.node_id).name == "新区社区"


def test_a_town_office_takes_its_official_villages_and_a_passphrase(blank_ctx, qtbot) -> None:
    wizard = SetupWizard(blank_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.place_page.open_code("411423")
    qtbot.keyClicks(wizard.place_page.filter, "cghzz")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    next_button.click()
    assert wizard.name_page.name.text() == "城关回族镇人民政府"
    next_button.click()
    assert wizard.grids_page.official.isChecked() and "10 个村（社区）" in wizard.grids_page.official.text()
    next_button.click()
    page = wizard.passphrase_page
    type_text(qtbot, page.first, "宁陵县2026同步")
    assert not next_button.isEnabled() and "再输入一遍" in page.hint.text()
    type_text(qtbot, page.second, "宁陵县2026同步")
    assert next_button.isEnabled()
    next_button.click()
    give_admin_a_password(qtbot, wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()

    ws = blank_ctx.ws
    town = ws.query.grid_node(ws.office.node_id)
    assert (town.name, town.code) == ("城关回族镇", "411423100000")
    villages = ws.query.grid_children(town.id)
    assert len(villages) == 10 and villages[0].code == "411423100001"
    from ui.dialogs.passphrase_dialog import passphrase_store

    assert passphrase_store(blank_ctx).load() == "宁陵县2026同步"


def test_going_back_keeps_the_name_typed(blank_ctx, qtbot) -> None:
    wizard = SetupWizard(blank_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.place_page.open_code("411423100")
    type_text(qtbot, wizard.place_page.filter, "东街")
    wizard.next()
    wizard.name_page.name.setText("东街村两委")
    wizard.back()
    wizard.next()
    assert wizard.name_page.name.text() == "东街村两委"

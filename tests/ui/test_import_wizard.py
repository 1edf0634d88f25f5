"""The 从Excel导入 wizard, driven through its real pages: file → sheet and header → columns → check → import."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from factories import valid_id
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from gridapp.changes import Table
from gridapp.excel import importer
from ui import file_dialogs, messages
from ui.dialogs.import_wizard import ImportWizard
from ui.pages.household_page import HouseholdPage

HEAD = valid_id("65010219650302101")
WIFE = valid_id("65010219670405102")
SON = valid_id("65010219900101101")
BAD = HEAD[:-1] + ("0" if HEAD[-1] != "0" else "1")  # a wrong check digit


def roster(path: Path) -> Path:
    """A sheet as villages keep them: a title, a header with a column the synonyms do not know, a bad ID,
    a 合计 row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["天山村人口花名册"])
    sheet.append(["户号", "姓名", "关系", "身份证号", "民族", "联络方式", "特殊人群"])
    sheet.append(["T01", "阿依古丽", "户主", HEAD, "维吾尔", "13800001234", "低保户"])
    sheet.append(["T01", "买买提", "妻", WIFE, "维吾尔族", None])
    sheet.append(["T01", "小明", "子", SON, "汉", None])
    sheet.append(["T02", "错号人", "户主", BAD, "汉族", None])
    sheet.append(["合计", "4人"])
    sheet.merge_cells("A1:F1")
    book.save(path)
    return path


def first_grid(ctx: Any) -> str:
    node = ctx.ws.query.grid_children(None)[0]
    while node.child_count:
        node = ctx.ws.query.grid_children(node.id)[0]
    return node.id


def click_next(qtbot: Any, wizard: ImportWizard, button: QWizard.WizardButton = QWizard.WizardButton.NextButton) -> None:
    target = wizard.button(button)
    qtbot.waitUntil(target.isEnabled, timeout=60_000)
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def test_the_wizard_walks_a_real_sheet_from_file_to_report(ctx, qtbot, tmp_path: Path, monkeypatch) -> None:
    grid = first_grid(ctx)
    households_before = len(ctx.ws.query.household_ids(grid))
    path = roster(tmp_path / "花名册.xlsx")
    monkeypatch.setattr(file_dialogs, "ask_open_path", lambda *_a: str(path))
    infos: list[str] = []
    monkeypatch.setattr(messages, "info", lambda _p, text, *_a: infos.append(text))
    published: list[Any] = []
    ctx.bus.changed.connect(published.append)

    wizard = ImportWizard(ctx, grid_id=grid)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path_edit.text() == str(path)
    click_next(qtbot, wizard)

    # The header below the merged title row is found and shown in bold; the 合计 row is not a person.
    page = wizard.sheet_page
    qtbot.waitUntil(lambda: wizard.sheet is not None, timeout=60_000)
    assert page.sheet_combo.currentData() == "花名册"
    assert page.header_spin.value() == 2
    assert page.table.item(1, 1).text() == "姓名" and page.table.item(1, 1).font().bold()
    assert "共 4 行有人员数据" in page.work.status.text()
    click_next(qtbot, wizard)

    # 联络方式 is not a known header: the user maps it to 联系电话 by hand.
    mapping = wizard.mapping_page
    assert mapping.combos[3].currentData() == "id_number"
    assert mapping.combos[5].currentData() is None
    mapping.combos[5].setCurrentIndex(mapping.combos[5].findData("phone"))
    assert wizard.mapping.column_of("phone") == 5
    # Taking the required 姓名 away blocks the way on, with the reason in words.
    mapping.combos[1].setCurrentIndex(0)
    assert "姓名" in mapping.status.text() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    mapping.combos[1].setCurrentIndex(mapping.combos[1].findData("name"))
    click_next(qtbot, wizard)

    # The dry run: one household of three people can come in, the bad ID is refused with its row and reason.
    check = wizard.check_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=60_000)
    assert check.counts.item(0, 0).text() == "1" and check.counts.item(1, 0).text() == "3"
    assert check.counts.item(1, 5).text() == "1"
    rows = {check.problems.item(r, 0).text(): check.problems.item(r, 2).text() for r in range(check.problems.rowCount())}
    assert "校验码" in rows["6"]
    assert "合计" in rows["7"]
    assert not _registered(ctx, HEAD)  # nothing is written before the last step

    report = tmp_path / "问题清单.xlsx"
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *_a: str(report))
    qtbot.mouseClick(check.report_button, Qt.MouseButton.LeftButton)
    reported = list(load_workbook(report).active.iter_rows(values_only=True))
    assert any(BAD in [str(v) for v in row] for row in reported)

    click_next(qtbot, wizard, QWizard.WizardButton.CommitButton)
    applied = wizard.apply_page
    qtbot.waitUntil(lambda: applied.done, timeout=60_000)
    assert "导入完成：新增 1 户、3 人" in applied.work.status.text()
    assert "逐条留底" in applied.work.status.text() and wizard.result.backup is None  # small: no file copy
    assert _registered(ctx, HEAD) and _registered(ctx, SON)
    assert any(c.touches(Table.HOUSEHOLDS) and c.touches(Table.PERSON_TAGS) for c in published)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    # 撤销这次导入, confirmed: the household is gone again, and open pages hear of it.
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, text, *_a: asked.append(text) or True)
    published.clear()
    assert applied.undo_button.isVisible()
    qtbot.mouseClick(applied.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已撤销" in applied.work.status.text(), timeout=60_000)
    assert "花名册.xlsx（花名册）" in asked[0]
    assert not _registered(ctx, HEAD) and not _registered(ctx, SON)
    assert len(ctx.ws.query.household_ids(grid)) == households_before
    assert any(c.touches(Table.HOUSEHOLDS) for c in published) and not applied.undo_button.isVisible()


def test_the_same_layout_again_remembers_the_columns_and_imports_nothing_twice(ctx, qtbot, tmp_path: Path,
                                                                               monkeypatch) -> None:
    path = roster(tmp_path / "花名册.xlsx")
    grid = first_grid(ctx)
    for attempt in range(2):
        wizard = ImportWizard(ctx, grid_id=grid)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.file_page.path_edit.setText(str(path))
        click_next(qtbot, wizard)
        click_next(qtbot, wizard)
        combos = wizard.mapping_page.combos
        if attempt == 0:
            combos[5].setCurrentIndex(combos[5].findData("phone"))
            click_next(qtbot, wizard)
            click_next(qtbot, wizard, QWizard.WizardButton.CommitButton)
            qtbot.waitUntil(lambda w=wizard: w.apply_page.done, timeout=60_000)
        else:
            assert combos[5].currentData() == "phone"
            assert "沿用上次" in wizard.mapping_page.status.text()
            click_next(qtbot, wizard)
            qtbot.waitUntil(lambda w=wizard: w.plan is not None, timeout=60_000)
            assert wizard.check_page.counts.item(1, 2).text() == "3"  # already registered, the same
            assert "没有需要导入的新内容" in wizard.check_page.work.status.text()
            assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_a_file_that_is_not_a_workbook_is_refused_on_the_first_page(ctx, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_text("姓名,身份证号\n张三,1\n", encoding="utf-8")
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    qtbot.waitUntil(lambda: wizard.file_page.error.text() != "", timeout=60_000)
    assert "不是有效的Excel工作簿" in wizard.file_page.error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.currentPage() is wizard.file_page


def test_cancelling_the_import_waits_for_the_rollback_and_says_so(threaded_ctx, qtbot, tmp_path: Path,
                                                                  monkeypatch) -> None:
    ctx, started = threaded_ctx, []

    def slow_apply(_ws: Any, _plan: Any, _actor: Any, progress: Any) -> None:
        started.append(True)
        for step in range(10**9):  # stands in for a long import: reports until the user cancels
            progress.report(step, 10**9)

    monkeypatch.setattr(importer, "apply", slow_apply)
    infos: list[str] = []
    monkeypatch.setattr(messages, "info", lambda _p, text, *_a: infos.append(text))
    wizard = ImportWizard(ctx, grid_id=first_grid(ctx))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(roster(tmp_path / "花名册.xlsx")))
    for _ in range(3):
        click_next(qtbot, wizard)
    click_next(qtbot, wizard, QWizard.WizardButton.CommitButton)
    applying = wizard.apply_page
    qtbot.waitUntil(lambda: bool(started), timeout=60_000)
    wizard.reject()  # closing while the import runs is refused with a word on how to stop it
    assert wizard.isVisible() and "取消" in infos[-1]
    qtbot.mouseClick(applying.work.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: applying.done, timeout=60_000)
    assert "导入已取消，数据库没有任何改动" in applying.work.status.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_the_household_page_opens_the_wizard_on_its_grid_and_saves_a_template(ctx, qtbot, tmp_path: Path,
                                                                              monkeypatch) -> None:
    page = HouseholdPage(ctx)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = page.wizard
    assert wizard.isVisible() and wizard.grid_id == page.scope_id()
    template = tmp_path / "模板.xlsx"
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *_a: str(template))
    monkeypatch.setattr(messages, "info", lambda *_a: None)
    qtbot.mouseClick(wizard.file_page.template_button, Qt.MouseButton.LeftButton)
    top = {value for row in load_workbook(template).active.iter_rows(max_row=3, values_only=True) for value in row}
    assert {"公民身份号码", "姓名*", "与户主关系*"} <= top
    wizard.reject()


def _registered(ctx: Any, id_number: str) -> bool:
    return any(hit.id_number == id_number for hit in ctx.ws.search(id_number))


def test_a_template_that_cannot_be_written_says_why_in_chinese(ctx, qtbot, tmp_path: Path, monkeypatch) -> None:
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    errors: list[str] = []
    monkeypatch.setattr(messages, "error", lambda _p, text, *_a: errors.append(text))
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *_a: str(tmp_path / "拔掉的U盘" / "模板.xlsx"))
    qtbot.mouseClick(wizard.file_page.template_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "无法写入" in errors[0] and "写保护" in errors[0]


def test_the_first_page_is_not_left_before_the_file_has_been_opened(threaded_ctx, qtbot, tmp_path: Path) -> None:
    wizard = ImportWizard(threaded_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(roster(tmp_path / "花名册.xlsx")))
    wizard.next()  # what Enter does, before the background check has answered
    assert wizard.currentPage() is wizard.file_page  # the answer arrives through the event loop, not yet run
    qtbot.waitUntil(lambda: wizard.path is not None, timeout=60_000)
    wizard.next()
    assert wizard.currentPage() is wizard.sheet_page


def test_grids_the_sheet_names_are_created_only_when_the_box_is_ticked(ctx, qtbot, tmp_path: Path) -> None:
    office = ctx.ws.query.office_node()
    book = Workbook()
    sheet = book.active
    sheet.append(["户号", "姓名", "与户主关系", "所属网格"])
    sheet.append(["N01", "新户主", "户主", "第九网格"])
    sheet.append(["N01", "新成员", "子", "第九网格"])
    book.save(tmp_path / "新网格.xlsx")
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(tmp_path / "新网格.xlsx"))
    for _ in range(3):
        click_next(qtbot, wizard)
    check = wizard.check_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=60_000)
    assert check.create_grids.isVisible() and not check.create_grids.isChecked()
    assert f"{' / '.join(office.path_names)} / 第九网格（表中2行）" in check.missing_grids.text()
    assert check.counts.item(1, 5).text() == "2"  # refused while the grid does not exist
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()

    check.create_grids.click()  # as a click on its box or its text
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.result.create_grids, timeout=60_000)
    assert check.counts.item(1, 0).text() == "2"
    assert "第九网格" not in {g.name for g in ctx.ws.query.grid_children(office.id)}
    click_next(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.apply_page.done, timeout=60_000)
    assert "新建了 1 个网格" in wizard.apply_page.work.status.text()
    assert "第九网格" in {g.name for g in ctx.ws.query.grid_children(office.id)}


def test_the_file_dialog_offers_every_kind_of_spreadsheet(ctx, qtbot, monkeypatch) -> None:
    patterns: list[str] = []
    monkeypatch.setattr(file_dialogs, "ask_open_path", lambda _p, _t, pattern: patterns.append(pattern) or "")
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    first = patterns[0].split(";;")[0]
    assert all(f"*.{suffix}" in first for suffix in ("xlsx", "xls", "ods", "csv"))


def test_a_household_saved_while_an_import_runs_waits_for_it_and_is_stored(threaded_ctx, qtbot, tmp_path: Path,
                                                                           monkeypatch) -> None:
    """One writer: the save queues behind the import and says so — no "another program" lock message."""
    from gridapp.excel import import_apply
    from ui.forms.household_form import HouseholdForm

    ctx, holding, release = threaded_ctx, threading.Event(), threading.Event()
    write = import_apply._Writer.write

    def slow_write(self: Any, plans: Any) -> None:  # the import's transaction is open: it holds the database
        holding.set()
        release.wait(30)
        write(self, plans)

    monkeypatch.setattr(import_apply._Writer, "write", slow_write)
    failures: list[str] = []
    monkeypatch.setattr(messages, "failure", lambda _parent, exc, *_a: failures.append(repr(exc)))
    wizard = ImportWizard(ctx, grid_id=first_grid(ctx))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(roster(tmp_path / "花名册.xlsx")))
    for _ in range(3):
        click_next(qtbot, wizard)
    click_next(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert holding.wait(30)

    household = ctx.ws.query.household(ctx.ws.query.household_ids(None)[0])
    form = HouseholdForm(ctx, household_id=household.id)
    qtbot.addWidget(form)
    form.show()
    form.phone.setText("13912340000")
    form.phone.textEdited.emit("13912340000")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.save_button.isEnabled()
    assert "正在导入花名册" in form.banner.text() and "自动保存" in form.banner.text()  # it waits, visibly
    release.set()
    qtbot.waitUntil(lambda: wizard.apply_page.done, timeout=60_000)
    qtbot.waitUntil(lambda: form.banner.text() == "已保存。", timeout=60_000)
    assert ctx.ws.query.household(household.id).phone == "13912340000"
    assert "导入完成" in wizard.apply_page.work.status.text()
    assert failures == [] and form.save_button.isEnabled()

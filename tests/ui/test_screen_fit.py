"""Every window fits the screens offices have: on a 1024×768 or 1366×768 screen (the taskbar takes 40 pixels,
the frame its border and title) the main window and every dialog and form open inside the screen and can be
made that small, in the normal and the large-font mode. Big windows come back where they were left, clamped
to the screen they open on."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QDialog, QWidget

from gridapp.cases import workflow
from gridapp.sync.dto import ConflictField, ConflictView
from ui import window_geometry
from ui.dialogs.action_dialog import ActionDialog
from ui.dialogs.case_window import CaseWindow
from ui.dialogs.choose_household_dialog import ChooseHouseholdDialog
from ui.dialogs.choose_node_dialog import ChooseNodeDialog
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.dialogs.grid_node_dialog import GridNodeDialog
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.passphrase_dialog import PassphraseDialog
from ui.dialogs.register_case_dialog import RegisterCaseDialog
from ui.dialogs.worker_dialog import WorkerDialog
from ui.forms.house_form import HouseForm
from ui.forms.household_form import HouseholdForm
from ui.forms.place_form import PlaceForm
from ui.forms.visit_form import VisitForm
from ui.pages.settings_page import LARGE_FONT_KEY, apply_font_mode
from ui.window_geometry import DEFAULT_FRAME

TASKBAR = 40
SCREENS = {"1024x768": QSize(1024, 768), "1366x768": QSize(1366, 768)}


def free_area(screen: QSize) -> QRect:
    return QRect(0, 0, screen.width(), screen.height() - TASKBAR)


@pytest.fixture(params=list(SCREENS))
def screen(request, monkeypatch) -> QRect:
    """The screen's free area, as the windows see it."""
    area = free_area(SCREENS[request.param])
    monkeypatch.setattr(window_geometry, "available_geometry", lambda _widget: area)
    return area


@pytest.fixture(params=["normal", "large"])
def font_mode(request, ctx):
    """The font mode as the settings page leaves it (the main window applies it when it opens)."""
    large = request.param == "large"
    ctx.settings.setValue(LARGE_FONT_KEY, "true" if large else "false")
    apply_font_mode(large)
    yield request.param
    apply_font_mode(False)


def leaf_grid(ws) -> str:
    node = ws.query.grid_children(None)[0]
    while node.child_count:
        node = ws.query.grid_children(node.id)[0]
    return node.id


def conflict() -> ConflictView:
    fields = tuple(ConflictField(f"field{i}", f"项目{i}", f"本单位的值{i}", f"镇里的值{i}") for i in range(8))
    return ConflictView(1, "households", "住户", "c" * 32, "幸福村1组001号 王建国", datetime(2026, 11, 22, 2), "open",
                        "", "清河镇人民政府", "", "幸福村村民委员会", "", fields)


def every_window(ctx) -> dict[str, QWidget]:
    """The main window and one of every dialog and form, built as the program builds them."""
    from ui.main_window import MainWindow

    ws = ctx.ws
    grid = leaf_grid(ws)
    biggest = max(ws.query.household_rows(ws.query.household_ids(None)), key=lambda r: r.member_count)
    busiest = max(ws.query.case_ids(now=ctx.now()), key=lambda cid: len(ws.query.case(cid, ctx.now()).timeline))
    action = max(workflow.ACTIONS.values(), key=lambda a: len(a.fields))
    return {
        "main window": MainWindow(ctx),
        "household form": HouseholdForm(ctx, household_id=biggest.id),
        "new household form": HouseholdForm(ctx, grid_id=grid),
        "house form": HouseForm(ctx, None, grid),
        "place form": PlaceForm(ctx, None, grid),
        "visit form": VisitForm(ctx, grid),
        "case window": CaseWindow(ctx, busiest),
        "register case": RegisterCaseDialog(ctx, grid),
        "case action": ActionDialog(action, "村口垃圾堆积"),
        "choose household": ChooseHouseholdDialog(ws, grid, "选择住户", "走访哪一户？", multiple=True),
        "choose grid": ChooseNodeDialog(ws, "移动到…", "移到哪个网格之下？"),
        "conflict": ConflictDialog(conflict(), "清河镇人民政府"),
        "new grid": GridNodeDialog("新建下级网格", "在“幸福村”下新建一个网格："),
        "worker": WorkerDialog("第一网格"),
        "passphrase": PassphraseDialog(),
        "import wizard": ImportWizard(ctx, grid_id=grid),
    }


def minimum(window: QWidget) -> QSize:
    window.ensurePolished()
    if window.layout() is not None:
        window.layout().activate()
    return window_geometry.minimum_of(window)


def test_every_window_opens_inside_the_screen_and_can_be_made_that_small(ctx, qtbot, screen, font_mode) -> None:
    room = screen.marginsRemoved(DEFAULT_FRAME)
    too_big = []
    for name, window in every_window(ctx).items():
        qtbot.addWidget(window)
        least = minimum(window)
        if least.width() > room.width() or least.height() > room.height():
            too_big.append(f"{name}: needs at least {least.width()}×{least.height()}")
        size = window.size()
        if size.width() > room.width() or size.height() > room.height():
            too_big.append(f"{name}: opens at {size.width()}×{size.height()}")
        if not isinstance(window, QDialog) and not room.contains(window.geometry()):
            too_big.append(f"{name}: opens at {window.geometry()}")
    assert too_big == [], f"room {room.width()}×{room.height()}"


def test_every_step_of_the_import_wizard_fits(ctx, qtbot, screen, font_mode) -> None:
    room = screen.marginsRemoved(DEFAULT_FRAME)
    wizard = ImportWizard(ctx, grid_id=leaf_grid(ctx.ws))
    qtbot.addWidget(wizard)
    wizard.show()  # a wizard works out its minimum from its pages when it is shown
    least = wizard.minimumSize()
    assert least.width() <= room.width() and least.height() <= room.height()
    for page_id in wizard.pageIds():  # the title and the buttons take the rest
        least = wizard.page(page_id).minimumSizeHint()
        assert least.width() <= room.width() and least.height() <= room.height() * 3 // 4, page_id


def test_the_main_window_fills_a_small_screen(ctx, qtbot, screen) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert screen.contains(window.geometry())


def test_the_main_window_opens_at_its_preferred_size_on_a_large_screen(ctx, qtbot, monkeypatch) -> None:
    from ui.main_window import PREFERRED_SIZE, MainWindow

    monkeypatch.setattr(window_geometry, "available_geometry", lambda _widget: QRect(0, 0, 1920, 1040))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert not window.windowState() & Qt.WindowState.WindowMaximized
    assert window.size() == PREFERRED_SIZE
    assert window.geometry().center().x() in range(950, 971)  # centred


def test_a_form_comes_back_where_it_was_left(ctx, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(window_geometry, "available_geometry", lambda _widget: QRect(0, 0, 1920, 1040))
    household = ctx.ws.query.household_ids(None)[0]
    form = HouseholdForm(ctx, household_id=household)
    form.show()
    left_at = QRect(130, 90, 900, 640)
    form.setGeometry(left_at)
    assert form.close()
    again = HouseholdForm(ctx, household_id=household)
    qtbot.addWidget(again)
    assert again.geometry() == left_at


def test_a_place_remembered_on_a_bigger_screen_is_clamped_to_a_small_one(ctx, qtbot, monkeypatch) -> None:
    ctx.settings.setValue("geometry/household_form", QRect(1500, 700, 1280, 820))
    area = free_area(SCREENS["1024x768"])
    monkeypatch.setattr(window_geometry, "available_geometry", lambda _widget: area)
    form = HouseholdForm(ctx, household_id=ctx.ws.query.household_ids(None)[0])
    qtbot.addWidget(form)
    assert area.marginsRemoved(DEFAULT_FRAME).contains(form.geometry())
    assert form.width() == area.width() - DEFAULT_FRAME.left() - DEFAULT_FRAME.right()


def test_the_main_window_remembers_being_maximized(ctx, qtbot, monkeypatch) -> None:
    from ui.main_window import MainWindow

    monkeypatch.setattr(window_geometry, "available_geometry", lambda _widget: QRect(0, 0, 1920, 1040))
    window = MainWindow(ctx)
    window.show()
    window.showMaximized()
    assert window.close()
    assert str(ctx.settings.value("geometry/main_window_maximized")) == "true"
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.windowState() & Qt.WindowState.WindowMaximized
    assert again.geometry().size() == window.normalGeometry().size()


def test_clamping_keeps_the_size_that_fits_and_moves_the_window_on_screen() -> None:
    room = QRect(8, 31, 1008, 689)
    assert window_geometry.clamped(QRect(100, 100, 800, 500), room, QSize(300, 200)) == QRect(100, 100, 800, 500)
    assert window_geometry.clamped(QRect(900, 600, 800, 500), room, QSize(300, 200)) == QRect(216, 220, 800, 500)
    assert window_geometry.clamped(QRect(-50, -50, 2000, 900), room, QSize(300, 200)) == room
    assert window_geometry.clamped(QRect(0, 0, 100, 100), room, QSize(300, 200)).size() == QSize(300, 200)


def test_the_household_form_shows_a_members_details_without_sideways_scrolling(ctx, qtbot, screen,
                                                                               font_mode) -> None:
    biggest = max(ctx.ws.query.household_rows(ctx.ws.query.household_ids(None)), key=lambda r: r.member_count)
    form = HouseholdForm(ctx, household_id=biggest.id)
    qtbot.addWidget(form)
    form.show()
    assert form.scroll.viewport().width() >= form.stack.minimumSizeHint().width()

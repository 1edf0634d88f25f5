"""GUI tests run offscreen; each gets a private demo village and a private settings file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from ui_helpers import context_for

from ui.app import make_application


@pytest.fixture(scope="session", autouse=True)
def program_application(qapp):
    """The QApplication as the program sets it up: its font, and Qt's own texts in Chinese."""
    return make_application([])


@pytest.fixture
def ctx(demo_ws, tmp_path, qapp):
    """A private demo village; background tasks run at once (see ui_helpers.context_for)."""
    context = context_for(demo_ws, tmp_path)
    yield context
    context.tasks.wait()


@pytest.fixture
def threaded_ctx(demo_ws, tmp_path, qapp):
    """The same, with real worker threads: for what happens while work is still running."""
    context = context_for(demo_ws, tmp_path, threaded=True)
    yield context
    context.tasks.wait()


@pytest.fixture
def window(ctx, qtbot):
    from ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


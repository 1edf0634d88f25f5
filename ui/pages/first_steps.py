"""The first steps of a new office, shown on the 首页 while the database is still empty: 建立网格, then 导入花名册
or 登记第一户, and 设置同步口令 — each a large button with one line on why, in words for people who do not use
computers every day. A step already done carries a ✓."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from gridapp.queries import Queries
from ui.display import scaled

# (key, button, why); the order is the order of the work
STEPS = (
    ("grid", QT_TRANSLATE_NOOP("FirstSteps", "建立网格"),
     QT_TRANSLATE_NOOP("FirstSteps", "先把本单位的村（社区）和下面的网格建起来，住户、房屋和事件都登记在网格里。")),
    ("import", QT_TRANSLATE_NOOP("FirstSteps", "导入花名册"),
     QT_TRANSLATE_NOOP("FirstSteps", "村里已经有Excel花名册的，一次导进来，不用一户一户重新打字。")),
    ("household", QT_TRANSLATE_NOOP("FirstSteps", "登记第一户"),
     QT_TRANSLATE_NOOP("FirstSteps", "没有花名册的，照着纸质采集簿，一户一户登记。")),
    ("passphrase", QT_TRANSLATE_NOOP("FirstSteps", "设置同步口令"),
     QT_TRANSLATE_NOOP("FirstSteps", "用U盘和镇里、县里交换数据要用它，口令由县里统一规定。")),
)
DONE_STYLE = "QPushButton { color: #1e6b30; }"


@dataclass(frozen=True)
class SetupState:
    """How far a new office has come."""

    has_grid: bool
    households: int
    passphrase_set: bool

    @property
    def started(self) -> bool:
        """A grid and a first household: from then on the home page shows the day's work instead."""
        return self.has_grid and self.households > 0

    def done(self, step: str) -> bool:
        if step == "grid":
            return self.has_grid
        if step == "passphrase":
            return self.passphrase_set
        return self.households > 0


def setup_state(query: Queries, passphrases: Any) -> SetupState:
    """Read off the UI thread: the grid roots carry the household counts of the whole tree."""
    roots = query.grid_children(None)
    return SetupState(bool(roots), sum(r.household_count for r in roots), passphrases.is_set())


class FirstSteps(QWidget):
    """``actions`` maps each step's key to what its button does; a step without one (the user's role cannot
    do it) is left out."""

    def __init__(self, actions: Mapping[str, Callable[[], None]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("第一次使用？请按下面的步骤开始："))
        self.buttons: dict[str, QPushButton] = {}
        self.notes: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, (key, title, why) in enumerate(s for s in STEPS if s[0] in actions):
            button = self.buttons[key] = QPushButton(_translated(title))
            button.setObjectName(f"step_{key}")
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, k=key: actions[k]())
            note = self.notes[key] = QLabel(_translated(why))
            note.setWordWrap(True)
            grid.addWidget(button, row, 0)
            grid.addWidget(note, row, 1, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        self._scale_fonts()

    def show_state(self, state: SetupState) -> None:
        for key, title, why in STEPS:
            if key not in self.buttons:
                continue
            done = state.done(key)
            self.buttons[key].setText(self.tr("{title} ✓").format(title=_translated(title)) if done
                                      else _translated(title))
            self.buttons[key].setStyleSheet(DONE_STYLE if done else "")
            note = _translated(why)
            if done and key in ("import", "household"):
                note = self.tr("已完成：已登记 {n} 户。").format(n=state.households)
            elif done:
                note = self.tr("已完成。") + note
            self.notes[key].setText(note)

    def _scale_fonts(self) -> None:
        """Buttons a size up from the page's font, so the large-font mode enlarges them as well."""
        self.title.setFont(scaled(self.font(), 1.2, bold=True))
        big = scaled(self.font(), 1.4)
        for button in self.buttons.values():
            button.setFont(big)
            metrics = button.fontMetrics()
            button.setMinimumHeight(metrics.height() * 2 + metrics.height() // 2)
            button.setMinimumWidth(metrics.horizontalAdvance("设置同步口令 ✓") + 4 * metrics.averageCharWidth())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._scale_fonts()


def _translated(text: str) -> str:
    return QCoreApplication.translate("FirstSteps", text)

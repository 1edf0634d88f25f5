"""The household page of the 采集簿 as a window: the household's own fields, its members, and the selected
member's details — saved as one service call, so the page is stored whole or not at all.

Nothing typed is ever lost: a refused save leaves every field as it was and says why in a banner at the top;
closing with unsaved changes asks first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QCloseEvent, QIntValidator, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp import codes
from gridapp.changes import Outcome
from gridapp.dto import HouseholdInput, HouseholdView, MonitorCause
from gridapp.i18n import shown
from gridapp.services.people_rules import HEAD, former_head_relation
from ui import messages
from ui.context import AppContext
from ui.form_saver import FormSaver
from ui.forms.person_editor import PersonEditor
from ui.permissions import read_only
from ui.punctuation import clauses, label_value
from ui.widgets.banner import Banner
from ui.widgets.choice_combo import ChoiceCombo, labelled
from ui.widgets.code_combo import CodeCombo
from ui.widgets.date_edit import checked
from ui.widgets.flow_layout import flow_row
from ui.window_geometry import keep_geometry

PREFERRED_SIZE = QSize(1280, 820)  # smaller screens get the whole screen
COLUMNS = (
    QT_TRANSLATE_NOOP("HouseholdForm", "姓名"), QT_TRANSLATE_NOOP("HouseholdForm", "与户主关系"),
    QT_TRANSLATE_NOOP("HouseholdForm", "身份证号"), QT_TRANSLATE_NOOP("HouseholdForm", "性别"),
    QT_TRANSLATE_NOOP("HouseholdForm", "出生日期"), QT_TRANSLATE_NOOP("HouseholdForm", "年龄"),
    QT_TRANSLATE_NOOP("HouseholdForm", "人口类别"), QT_TRANSLATE_NOOP("HouseholdForm", "状态"),
    QT_TRANSLATE_NOOP("HouseholdForm", "医疗保险"), QT_TRANSLATE_NOOP("HouseholdForm", "在校情况"),
    QT_TRANSLATE_NOOP("HouseholdForm", "人群标签"),
)
WATER = [("", None), (QT_TRANSLATE_NOOP("HouseholdForm", "安全"), True),
         (QT_TRANSLATE_NOOP("HouseholdForm", "不安全"), False)]
# the override combo's empty choice: the monitoring rules decide the colour
BY_RULES = QT_TRANSLATE_NOOP("HouseholdForm", "按规则")
MOST_INCOME = 9_999_999  # 元 a year per person; more is a typing slip


def colour_style(colour: str) -> str:
    """The computed colour's label painted in the colour itself (the code table's hex), white text."""
    item = codes.match("monitor_colour", colour)
    hex_ = item.extra.get("hex", "#777777") if item else "#777777"
    return f"background: {hex_}; color: white; font-weight: bold; padding: 2px 10px;"


def _cause_text(cause: MonitorCause) -> str:
    """Why the rules gave the colour: the rule's own sentence with the household's numbers in it, or, when the
    interface is not Chinese, the rule's cause in the interface's language."""
    return shown(cause.cause) if shown(cause.cause) != cause.cause else cause.reason


class HouseholdForm(QWidget):
    """New household (``grid_id``) or an existing one (``household_id``), in a window of its own."""

    def __init__(self, ctx: AppContext, household_id: str | None = None, grid_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        if (household_id is None) == (grid_id is None):
            raise ValueError("HouseholdForm needs either household_id or grid_id")
        self.ctx = ctx
        self.household_id = household_id
        self._version: str | None = None  # what the page read (None: a new household)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editors: list[PersonEditor] = []
        self._dirty = False
        self._build()
        if household_id:
            self._load(ctx.ws.query.household(household_id))
        else:
            self._grid_id, self._house_id = grid_id, None
            self.grid_path.setText(" › ".join(ctx.ws.query.grid_node(grid_id).path_names))
            self.add_member(relation=HEAD)
        self._update_title()
        self._fill_houses()
        self._set_dirty(False)
        if not ctx.can("edit_households"):
            read_only(self, keep=(self.close_button,))
        keep_geometry(self, ctx.settings, "household_form", PREFERRED_SIZE)
        self._share_width()
        self.number.setFocus()

    # -- building ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = Banner()
        self.grid_path = QLabel()
        self.number = QLineEdit()
        self.address = QLineEdit()
        self.house = QComboBox()
        self.kind = CodeCombo("household_kind", required=True)
        self.kind.set_value("户籍户")
        self.phone = QLineEdit()
        self.income = QLineEdit()
        self.income.setValidator(QIntValidator(0, MOST_INCOME, self.income))
        self.income.setPlaceholderText(self.tr("元/年，未调查留空"))
        self.water = ChoiceCombo([(self.tr(text), value) for text, value in WATER])
        self.colour_shown = QLabel()
        self.colour_shown.setObjectName("monitorColour")
        self.colour_reasons = QLabel()
        self.colour_reasons.setWordWrap(True)
        self.colour_reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.colour = ChoiceCombo([(self.tr(BY_RULES), ""), *labelled(codes.labels("monitor_colour"))])
        self.colour_reason = QLineEdit()
        self.colour_reason.setPlaceholderText(self.tr("人工认定时必填，例如：户主突发重病住院"))
        self._show_colour(None)
        shown = QHBoxLayout()
        shown.setContentsMargins(0, 0, 0, 0)
        shown.addWidget(self.colour_shown)
        shown.addWidget(self.colour_reasons, 1)
        shown_box = QWidget()
        shown_box.setLayout(shown)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 2 + 12)

        header = QGridLayout()
        cells = [
            (0, 0, self.tr("所属网格"), self.grid_path, 5), (1, 0, self.tr("户号"), self.number, 1),
            (1, 2, self.tr("地址"), self.address, 3), (2, 0, self.tr("户类别"), checked(self.kind), 1),
            (2, 2, self.tr("联系电话"), self.phone, 1), (2, 4, self.tr("房屋"), self.house, 1),
            (3, 0, self.tr("人均纯收入（元）"), self.income, 1), (3, 2, self.tr("饮水安全"), self.water, 1),
            (4, 0, self.tr("监测颜色"), shown_box, 5),
            (5, 0, self.tr("人工认定"), self.colour, 1), (5, 2, self.tr("认定理由"), self.colour_reason, 3),
            (6, 0, self.tr("备注"), self.notes, 5),
        ]
        for row, col, label, field, span in cells:
            header.addWidget(QLabel(label), row, col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            header.addWidget(field, row, col + 1, 1, span)
        for col in (1, 3, 5):
            header.setColumnStretch(col, 1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_member(row))

        self.add_button = QPushButton(self.tr("添加成员"))
        self.add_button.setToolTip(self.tr("Ctrl+N"))
        self.remove_button = QPushButton(self.tr("删除成员"))
        self.up_button = QPushButton(self.tr("上移"))
        self.down_button = QPushButton(self.tr("下移"))
        self.head_button = QPushButton(self.tr("设为户主"))
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button.clicked.connect(self.remove_member)
        self.up_button.clicked.connect(lambda: self.move_member(-1))
        self.down_button.clicked.connect(lambda: self.move_member(1))
        self.head_button.clicked.connect(self.make_head)
        member_buttons = flow_row(*self.member_buttons())

        self.stack = QStackedWidget()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.stack)

        members = QWidget()
        members_layout = QVBoxLayout(members)
        members_layout.setContentsMargins(0, 0, 0, 0)
        members_layout.addWidget(QLabel(self.tr("家庭成员")))
        members_layout.addWidget(self.table, 1)
        members_layout.addLayout(member_buttons)
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(members)
        splitter.addWidget(self.scroll)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        self.save_button = QPushButton(self.tr("保存（Ctrl+S）"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save())
        self.saver = FormSaver(self.ctx, self, self.save_button)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.add_member)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        for edit in (self.number, self.address, self.phone, self.income, self.colour_reason):
            edit.textEdited.connect(self._mark_dirty)
        for combo in (self.kind, self.water, self.colour):
            combo.edited.connect(self._mark_dirty)
        self.house.activated.connect(self._house_chosen)
        self.notes.textChanged.connect(self._mark_dirty)

    def _share_width(self) -> None:
        """The member's details get three fifths of the width, more if they need it (a narrow screen or large
        font would otherwise scroll them sideways); the member list takes the rest."""
        margins = self.layout().contentsMargins()
        total = self.width() - margins.left() - margins.right() - self.splitter.handleWidth()
        chrome = self.scroll.verticalScrollBar().sizeHint().width() + 2 * self.scroll.frameWidth()
        needed = max(self.stack.minimumSizeHint().width(), min(self.stack.sizeHint().width(), total * 3 // 5))
        details = needed + chrome
        self.splitter.setSizes([total - details, details])

    def member_buttons(self) -> list[QPushButton]:
        return [self.add_button, self.remove_button, self.up_button, self.down_button, self.head_button]

    def _load(self, view: HouseholdView) -> None:
        """Show a stored household (one query made by the caller; members come with it)."""
        self.household_id, self._grid_id, self._house_id = view.id, view.grid_id, view.house_id
        self._version = view.version
        self.grid_path.setText(" › ".join(view.grid_path))
        self.number.setText(view.number)
        self.address.setText(view.address)
        self.kind.set_value(view.kind)
        self.phone.setText(view.phone)
        self.income.setText("" if view.income_per_capita is None else str(view.income_per_capita))
        self.water.set_value(view.drinking_water_safe)
        self.colour.set_value(view.colour_override)
        self.colour_reason.setText(view.colour_override_reason)
        self._show_colour(view)
        self.notes.setPlainText(view.notes)
        for editor in self.editors:
            self.stack.removeWidget(editor)
            editor.deleteLater()
        self.editors = []
        self.table.setRowCount(0)
        for member in view.members:
            self._append(PersonEditor(self.ctx, view.id, member))
        self.table.setCurrentCell(0, 0)
        self._update_title()

    def _show_colour(self, view: HouseholdView | None) -> None:
        """The colour in force with its reasons, read-only: what the rules computed, or the 人工认定."""
        if view is None:
            self.colour_shown.setText(self.tr("待计算"))
            self.colour_shown.setStyleSheet(colour_style(""))
            self.colour_reasons.setText(self.tr("保存后按监测规则计算"))
            return
        self.colour_shown.setText(shown(view.colour))
        self.colour_shown.setStyleSheet(colour_style(view.colour))
        computed = clauses(map(_cause_text, view.causes))
        if view.colour_override:
            by_rules = label_value(shown(view.colour_computed), computed) if computed else shown(view.colour_computed)
            text = self.tr("人工认定：{reason}（按规则为{colour}）").format(reason=view.colour_override_reason,
                                                                    colour=by_rules)
        else:
            text = computed or self.tr("各项指标正常")
        self.colour_reasons.setText(text)

    def _fill_houses(self) -> None:
        """The houses of the household's grid to choose from (one query); a linked house elsewhere stays linked."""
        self.house.addItem(self.tr("（未指定）"), None)
        for house in self.ctx.ws.query.houses(self._grid_id):
            self.house.addItem(house.address, house.id)
        if self._house_id and self.house.findData(self._house_id) < 0:
            self.house.addItem(self.tr("（其他网格的房屋）"), self._house_id)
        self.house.setCurrentIndex(self.house.findData(self._house_id))

    def _house_chosen(self, _index: int) -> None:
        self._house_id = self.house.currentData()
        if self._house_id and not self.address.text().strip():
            self.address.setText(self.house.currentText())
        self._mark_dirty()

    # -- members ----------------------------------------------------------------------------------------------

    def add_member(self, relation: str = "") -> PersonEditor:
        """Add an empty member row, select it and put the cursor in its 姓名."""
        editor = self._append(PersonEditor(self.ctx, self.household_id, relation=relation))
        self.table.setCurrentCell(len(self.editors) - 1, 0)
        editor.name.setFocus()
        self._mark_dirty()
        return editor

    def remove_member(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        name = self.editors[row].name.text().strip()
        if name and not messages.confirm(self, self.tr("把{name}从本户删除？保存后可在回收站找回。").format(name=name)):
            return
        editor = self.editors.pop(row)
        self.stack.removeWidget(editor)
        editor.deleteLater()
        self.table.removeRow(row)
        self._mark_dirty()

    def move_member(self, step: int) -> None:
        row = self.current_row()
        target = row + step
        if row < 0 or not 0 <= target < len(self.editors):
            return
        self._reorder(row, target)
        self._mark_dirty()

    def make_head(self) -> None:
        """设为户主: the member becomes head and moves to the top; the former head gets a guessed relation."""
        row = self.current_row()
        if row < 0 or self.editors[row].is_head():
            return
        new_head = self.editors[row]
        guessed = []
        for editor in self.editors:
            if editor.is_head():
                relation = former_head_relation(new_head.relation.value(), editor.sex.value())
                editor.set_relation(relation)
                guessed.append(self.tr("{name}改为“{relation}”").format(name=editor.name.text(), relation=relation))
        new_head.set_relation(HEAD)
        self._reorder(row, 0)
        for i in range(len(self.editors)):
            self._refresh_row(i)
        changes = self.tr("{changes}。").format(changes=clauses(guessed)) if guessed else ""
        self.show_banner(self.tr("已把{name}设为户主。{changes}请核对每位成员的“与户主关系”。").format(
            name=new_head.name.text(), changes=changes), "notice")
        self._mark_dirty()

    def select_person(self, person_id: str) -> None:
        for row, editor in enumerate(self.editors):
            if editor.person_id == person_id:
                self.table.setCurrentCell(row, 0)
                return

    def current_row(self) -> int:
        return self.table.currentRow()

    def current_editor(self) -> PersonEditor | None:
        row = self.current_row()
        return self.editors[row] if 0 <= row < len(self.editors) else None

    def _append(self, editor: PersonEditor) -> PersonEditor:
        self.editors.append(editor)
        self.stack.addWidget(editor)
        self.table.insertRow(self.table.rowCount())
        editor.changed.connect(lambda: self._member_changed(editor))
        self._refresh_row(len(self.editors) - 1)
        return editor

    def _reorder(self, row: int, target: int) -> None:
        self.editors.insert(target, self.editors.pop(row))
        for i in range(min(row, target), max(row, target) + 1):
            self._refresh_row(i)
        self.table.setCurrentCell(target, 0)

    def _refresh_row(self, row: int) -> None:
        for col, text in enumerate(self.editors[row].row_texts()):
            self.table.setItem(row, col, QTableWidgetItem(text))

    def _member_changed(self, editor: PersonEditor) -> None:
        self._refresh_row(self.editors.index(editor))
        self._mark_dirty()

    def _show_member(self, row: int) -> None:
        if 0 <= row < len(self.editors):
            self.stack.setCurrentWidget(self.editors[row])

    # -- saving -----------------------------------------------------------------------------------------------

    def value(self) -> HouseholdInput:
        return HouseholdInput(
            grid_id=self._grid_id, members=[e.value() for e in self.editors], number=self.number.text().strip(),
            kind=self.kind.value(), address=self.address.text().strip(), phone=self.phone.text().strip(),
            house_id=self._house_id, colour=self.colour.value(), colour_reason=self.colour_reason.text().strip(),
            notes=self.notes.toPlainText().strip(), version=self._version,
            income_per_capita=int(self.income.text()) if self.income.text().strip() else None,
            drinking_water_safe=self.water.value(),
        )

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Check every field, then store the whole page in one transaction off the UI thread (``then`` follows a
        success); on refusal everything typed stays. False when the save could not even start."""
        if self.saver.busy():
            return False
        problems = self._problems()
        if problems:
            widget, _text = problems[0]
            self.show_banner(self.tr("还不能保存，请先改正：") + "\n" + "\n".join(t for _w, t in problems), "error")
            widget.setFocus()
            return False
        service, actor, value, household_id = self.ctx.ws.households, self.ctx.actor, self.value(), self.household_id
        self.saver.run(lambda: service.update(actor, household_id, value) if household_id
                       else service.create(actor, value), self._saved, then)
        return True

    def _saved(self, outcome: Outcome) -> None:
        row, focus = self.current_row(), self._focus_index()
        self._load(self.ctx.ws.query.household(outcome.id or self.household_id))
        self.table.setCurrentCell(min(max(row, 0), len(self.editors) - 1), 0)
        self._restore_focus(focus)
        self._set_dirty(False)
        self.show_banner(self.tr("已保存。"), "notice")

    def reopen(self) -> None:
        """Show what is stored now, after another workstation saved this household (the user types again)."""
        self._load(self.ctx.ws.query.household(self.household_id))
        self._fill_houses()
        self._set_dirty(False)
        self.show_banner(self.tr("已重新打开，显示的是现在保存的内容。请把您的修改再填一次，然后保存。"), "notice")

    def _problems(self) -> list[tuple[QWidget, str]]:
        """Every error the fields show, member errors named by member; selects the first faulty member."""
        found: list[tuple[QWidget, str]] = [(self.kind, error)] if (error := self.kind.check()) else []
        if self.colour.value() and not self.colour_reason.text().strip():
            found.append((self.colour_reason, self.tr("人工认定监测颜色时请写明认定理由。")))
        if not self.editors:
            found.append((self.add_button, self.tr("一户至少要有一名成员（户主）。")))
        for row, editor in enumerate(self.editors):
            errors = editor.errors()
            if errors and not found:
                self.table.setCurrentCell(row, 0)
            who = editor.name.text().strip() or self.tr("第{n}名成员").format(n=row + 1)
            found += [(widget, label_value(who, text)) for widget, text in errors]
        return found

    def is_dirty(self) -> bool:
        return self._dirty

    def _mark_dirty(self) -> None:
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.setWindowModified(dirty)

    def _update_title(self) -> None:
        title = self.tr("住户 {number}").format(number=self.number.text()) if self.household_id \
            else self.tr("新建住户")
        self.setWindowTitle(title + "[*]")

    def show_banner(self, text: str, kind: str) -> None:
        self.banner.show_text(text, kind)

    def closeEvent(self, event: QCloseEvent) -> None:
        if messages.may_close(self, self._dirty, self.save, self.tr("这一户的修改还没有保存。要保存吗？")):
            event.accept()
        else:
            event.ignore()

    # -- keyboard: the paper page's order, Enter moves on like Tab ----------------------------------------------

    def focus_order(self) -> list[QWidget]:
        editor = self.current_editor()
        return [self.number, self.address, self.kind, self.phone, self.house, self.income, self.water, self.colour,
                self.colour_reason, self.notes, *(editor.focus_order() if editor else []), self.table, *self.member_buttons(),
                self.save_button, self.close_button]

    def _stops(self) -> list[QWidget]:
        return [w for w in self.focus_order() if w.isVisible() and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not getattr(w, "isReadOnly", lambda: False)()]

    def _focus_index(self, widgets: list[QWidget] | None = None) -> int:
        """Position of the focused field among ``widgets`` (the focus order), or -1."""
        focus = QApplication.focusWidget()
        widgets = self.focus_order() if widgets is None else widgets
        if focus is None:
            return -1
        return next((i for i, w in enumerate(widgets) if w is focus or w.isAncestorOf(focus)), -1)

    def _restore_focus(self, index: int) -> None:
        order = self.focus_order()
        if 0 <= index < len(order):
            order[index].setFocus()

    def focusNextPrevChild(self, forward: bool) -> bool:
        stops = self._stops()
        current = self._focus_index(stops)
        if current < 0:
            return super().focusNextPrevChild(forward)
        target = stops[(current + (1 if forward else -1)) % len(stops)]
        target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        if self.scroll.isAncestorOf(target):
            self.scroll.ensureWidgetVisible(target)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field that does not use it (a line edit, a combo box) moves on, as on the paper form."""
        focus = QApplication.focusWidget()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(focus, QLineEdit | QComboBox):
            self.focusNextPrevChild(True)
            return
        super().keyPressEvent(event)

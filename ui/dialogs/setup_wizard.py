"""首次使用: the set-up wizard a new office meets on its first start.

The office finds its place among the official division codes (省 → 市 → 县 → 乡镇/街道 → 村/社区, typing a name or
its pinyin initials to narrow each list), confirms the name proposed for it, plans its grids (a village or
community) or takes the official villages/towns below it (a town or county), may type the county's sync
passphrase, and gives the administrator a password (while the database has none). Nothing is written before the
last page; then ``ws.setup.create`` builds it all in one transaction, the password is set right after it, and
the administrator is logged in with it (``SetupWizard.actor``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from gridapp import divisions
from gridapp.divisions import Division
from gridapp.dto import Actor, GridPlan
from gridapp.errors import UserError
from gridapp.services.users import ADMIN
from gridapp.sync.passphrase import MIN_LENGTH, normalise
from ui import messages
from ui.context import AppContext
from ui.dialogs import label_wizard
from ui.dialogs.passphrase_dialog import key_file
from ui.display import scaled
from ui.operations import Operation
from ui.punctuation import listed
from ui.widgets.banner import Banner
from ui.widgets.new_password import NewPassword
from ui.window_geometry import fit_to_screen

OFFICE_LEVELS = ("县级", "乡级", "村级")  # an office stands for a county, a town/street or a village/community
MAX_GRIDS = 30
MAX_MICRO_GRIDS = 9


class SetupWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None  # the administrator, logged in once the password is set
        self.setWindowTitle(self.tr("首次使用：建立本单位"))
        label_wizard(self)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.place_page = PlacePage(self)
        self.name_page = NamePage(self)
        self.grids_page = GridsPage(self)
        self.passphrase_page = PassphrasePage(self)
        self.admin_page = AdminPage(self) if ctx.ws.users.is_open() else None
        self.done_page = DonePage(self)
        pages = (self.place_page, self.name_page, self.grids_page, self.passphrase_page, self.admin_page,
                 self.done_page)
        for page in pages:
            if page is not None:
                self.addPage(page)
        metrics = self.fontMetrics()  # in text units, so the large-font mode gets a larger window
        fit_to_screen(self, QSize(metrics.averageCharWidth() * 100, metrics.height() * 30))

    @property
    def division(self) -> Division | None:
        return self.place_page.chosen()

    def accept(self) -> None:
        """Create everything off the UI thread; the wizard closes once it is stored, and on a refusal stays on
        the last page with the reason, so nothing typed is lost."""
        self.done_page.create(then=super().accept)


class PlacePage(QWizardPage):
    """One list at a time, drilling down: double-click (or Enter) opens a place, the path above goes back up."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("第1步：本单位在哪里"))
        self.setSubTitle(self.tr("从省开始一级一级选到本单位：县（市、区）、乡镇（街道）或村（社区）。"
                                 "可以在框里输入名称或拼音首字母（例如“宁陵县”输入 nlx）来查找。"))
        self.path: list[Division] = []
        self.crumbs = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("输入名称或拼音首字母查找"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemDoubleClicked.connect(self._open)
        self.list.setFont(scaled(self.font(), 1.2))  # names to pick from, readable for older eyes
        self.list.setSpacing(2)
        for widget in (self.filter, self.list):  # Enter opens the place instead of pressing 下一步
            widget.installEventFilter(self)
        self.list.currentItemChanged.connect(lambda *_: self._show_choice())
        self.open_button = QPushButton(self.tr("打开下一级 >"))
        self.open_button.clicked.connect(self._open_selected)
        self.choice = QLabel()
        self.choice.setWordWrap(True)
        self.choice.setFont(scaled(self.font(), 1.2, bold=True))
        layout = QVBoxLayout(self)
        layout.addLayout(self.crumbs)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self._show_level()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_selected()
            return True
        return super().eventFilter(watched, event)

    def chosen(self) -> Division | None:
        """The highlighted place if it can be an office, else the place whose list is shown."""
        item = self.list.currentItem()
        candidate = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if candidate is not None and candidate.level in OFFICE_LEVELS:
            return candidate
        return self.path[-1] if self.path and self.path[-1].level in OFFICE_LEVELS else None

    def isComplete(self) -> bool:
        return self.chosen() is not None

    def open_code(self, code: str) -> None:
        """Show the list below ``code`` (a test and the 上一级 buttons jump this way)."""
        self.path = divisions.chain(code)
        self._show_level()

    def _open(self, item: QListWidgetItem) -> None:
        place: Division = item.data(Qt.ItemDataRole.UserRole)
        if place.level == "村级":  # nothing below a village: opening it means choosing it
            self.wizard().next()
            return
        self.path.append(place)
        self._show_level()

    def _open_selected(self) -> None:
        item = self.list.currentItem()
        if item is None and self.list.count() == 1:
            item = self.list.item(0)
        if item is not None:
            self._open(item)

    def _show_level(self) -> None:
        while self.crumbs.count():
            widget = self.crumbs.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        top = QPushButton(self.tr("全国"))
        top.clicked.connect(lambda: self.open_code(""))
        self.crumbs.addWidget(top)
        for place in self.path:
            button = QPushButton(place.name)
            button.clicked.connect(lambda _checked=False, c=place.code: self.open_code(c))
            self.crumbs.addWidget(QLabel("›"))
            self.crumbs.addWidget(button)
        self.crumbs.addStretch(1)
        self.list.clear()
        for place in divisions.children(self.path[-1].code if self.path else None):
            item = QListWidgetItem(place.name)
            item.setData(Qt.ItemDataRole.UserRole, place)
            item.setToolTip(place.full_code)
            self.list.addItem(item)
        self.filter.clear()
        self.filter.setFocus()
        self._show_choice()

    def _apply_filter(self, text: str) -> None:
        text = text.strip()
        first_shown = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(text) and not divisions.matches(item.data(Qt.ItemDataRole.UserRole), text)
            item.setHidden(hidden)
            if not hidden and first_shown is None:
                first_shown = item
        self.list.setCurrentItem(first_shown if text else None)

    def _show_choice(self) -> None:
        place = self.chosen()
        item = self.list.currentItem()
        below = item is not None and item.data(Qt.ItemDataRole.UserRole).level != "村级"
        self.open_button.setEnabled(below)
        if place is None:
            self.choice.setText(self.tr("请继续选择，直到本单位所在的县、乡镇或村。"))
        else:
            names = "".join(p.name for p in divisions.chain(place.code))
            self.choice.setText(self.tr("本单位：{names}（代码 {code}）").format(names=names, code=place.full_code))
        self.completeChanged.emit()


class NamePage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("第2步：本单位名称"))
        self.setSubTitle(self.tr("这个名称印在台账的抬头和同步包上。可以按本单位的公章改写。"))
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.name.textChanged.connect(lambda: self.completeChanged.emit())
        self.place = QLabel()
        self.place.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("所在地："), self.place)
        form.addRow(self.tr("单位名称："), self.name)
        self._proposed_for: str | None = None

    def initializePage(self) -> None:
        place = self.wizard().division
        self.place.setText("".join(p.name for p in divisions.chain(place.code)))
        if self._proposed_for != place.code:  # keep what the user typed when they come back
            self._proposed_for = place.code
            self.name.setText(self.wizard().ctx.ws.setup.propose_office_name(place.code))

    def isComplete(self) -> bool:
        return bool(self.name.text().strip())


class GridsPage(QWizardPage):
    """A village or community plans its grids; a town or county may take the official places below it."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("第3步：建立网格"))
        self.grid_count = QSpinBox()
        self.grid_count.setRange(0, MAX_GRIDS)
        self.grid_count.setValue(3)
        self.micro_count = QSpinBox()
        self.micro_count.setRange(0, MAX_MICRO_GRIDS)
        self.grid_count.valueChanged.connect(self._rebuild)
        self.micro_count.valueChanged.connect(self._rebuild)
        self.names = QTreeWidget()
        self.names.setHeaderLabels([self.tr("名称（双击可修改）")])
        self.names.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.official = QCheckBox()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.counts = QWidget()
        form = QFormLayout(self.counts)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("网格个数："), self.grid_count)
        form.addRow(self.tr("每个网格分几个微网格："), self.micro_count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.counts)
        layout.addWidget(self.names, 1)
        layout.addWidget(self.official)
        self._village: bool | None = None

    def initializePage(self) -> None:
        place = self.wizard().division
        village = place.level == "村级"
        self.counts.setVisible(village)
        self.names.setVisible(village)
        self.official.setVisible(not village)
        if village:
            self.setSubTitle(self.tr("把本村（社区）划成几个网格，需要时每个网格再分微网格。名称可以双击修改，"
                                     "以后也可以在“网格”页增减。"))
            self.note.setText(self.tr("网格编码接着本单位的代码 {code} 自动编排。").format(code=place.full_code))
            if self._village is not True:
                self._rebuild()
        else:
            below = divisions.children(place.code)
            kind = self.tr("村（社区）") if place.level == "乡级" else self.tr("乡镇（街道）")
            self.setSubTitle(self.tr("乡镇和县的网格一般由各村（社区）自己建立，再用U盘同步上来。"))
            self.note.setText(self.tr("{name}下共有 {n} 个{kind}。").format(name=place.name, n=len(below), kind=kind))
            self.official.setText(self.tr("同时建立这 {n} 个{kind}（使用统计用区划代码和名称）").format(
                n=len(below), kind=kind))
            self.official.setChecked(True)
        self._village = village

    def plans(self) -> list[GridPlan]:
        """The grids to create (a village or community only)."""
        if not self._village:
            return []
        plans = []
        for row in range(self.names.topLevelItemCount()):
            grid = self.names.topLevelItem(row)
            micro = tuple(grid.child(i).text(0).strip() for i in range(grid.childCount()))
            plans.append(GridPlan(grid.text(0).strip(), micro))
        return plans

    def official_children(self) -> bool:
        """A town or county also takes the official places below it."""
        return self._village is False and self.official.isChecked()

    def validatePage(self) -> bool:
        names = [p.name for p in self.plans()]
        if any(not n for n in names) or any(not m for p in self.plans() for m in p.micro_grids):
            messages.error(self, self.tr("网格名称不能为空。"))
            return False
        if len(set(names)) != len(names):
            messages.error(self, self.tr("有两个网格的名称相同，请改成不同的名称。"))
            return False
        return True

    def _rebuild(self) -> None:
        setup = self.wizard().ctx.ws.setup
        self.names.clear()
        micro_names = setup.grid_names(self.micro_count.value(), "微网格")
        for name in setup.grid_names(self.grid_count.value()):
            grid = QTreeWidgetItem([name])
            grid.setFlags(grid.flags() | Qt.ItemFlag.ItemIsEditable)
            for micro in micro_names:
                child = QTreeWidgetItem([micro])
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsEditable)
                grid.addChild(child)
            self.names.addTopLevelItem(grid)
        self.names.expandAll()


class PassphrasePage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("第4步：同步口令（可以跳过）"))
        self.setSubTitle(self.tr("用U盘和乡镇、县交换数据时，同步包用县里统一规定的口令加密。"
                                 "现在不知道口令，可以留空，以后在“设置”页填写。"))
        self.first = QLineEdit()
        self.second = QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(lambda: self.completeChanged.emit())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("同步口令："), self.first)
        form.addRow(self.tr("再输入一遍："), self.second)
        form.addRow(self.hint)

    def passphrase(self) -> str | None:
        return self.first.text() or None

    def problem(self) -> str:
        first, second = self.first.text(), self.second.text()
        if not first and not second:
            return ""
        if len(normalise(first)) < MIN_LENGTH:
            return self.tr("同步口令至少 {n} 位。").format(n=MIN_LENGTH)
        if first != second:
            return self.tr("两次输入的口令不一致。") if second else self.tr("请再输入一遍口令。")
        return ""

    def isComplete(self) -> bool:
        self.hint.setText(self.problem())
        return not self.problem()


class AdminPage(QWizardPage):
    """The first administrator's password, typed twice: from now on the program opens with a log-in."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("第5步：管理员密码"))
        self.setSubTitle(self.tr("本程序保存着群众的身份证号、电话等个人信息，每次打开都要登录。请给管理员设置密码，"
                                 "记牢或写下来锁好。以后可以在“用户”页给网格员等开设各自的账号。"))
        form = QFormLayout(self)
        form.addRow(self.tr("管理员用户名："), QLabel(ADMIN))
        self.new_password = NewPassword(form, self.tr("密码："))
        self.new_password.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return not self.new_password.problem()


class DonePage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = Banner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wiz: SetupWizard = self.wizard()
        self.setTitle(self.tr("第{n}步：确认并建立").format(n=len(wiz.pageIds())))
        place = wiz.division
        lines = [self.tr("单位名称：{name}").format(name=wiz.name_page.name.text().strip()),
                 self.tr("所在地：{path}（{code}）").format(
                     path="".join(p.name for p in divisions.chain(place.code)), code=place.full_code)]
        plans = wiz.grids_page.plans()
        if plans:
            micro = sum(len(p.micro_grids) for p in plans)
            lines.append(self.tr("网格：{n} 个（{names}），微网格 {m} 个").format(
                n=len(plans), names=listed(p.name for p in plans), m=micro))
        elif wiz.grids_page.official_children():
            lines.append(wiz.grids_page.official.text())
        lines.append(self.tr("同步口令：已填写") if wiz.passphrase_page.passphrase()
                     else self.tr("同步口令：以后在“设置”页填写"))
        if wiz.admin_page is not None:
            lines.append(self.tr("管理员：用户名 {admin}，密码已设置").format(admin=ADMIN))
        lines.append("")
        lines.append(self.tr("点“完成”建立本单位。"))
        self.summary.setText("\n".join(lines))
        self.banner.show_text("")

    def create(self, then: Callable[[], None]) -> None:
        wiz: SetupWizard = self.wizard()
        ctx, grids, passphrase = wiz.ctx, wiz.grids_page, wiz.passphrase_page.passphrase()
        password = wiz.admin_page.new_password.password() if wiz.admin_page is not None else ""
        code, name, plans, official = wiz.division.code, wiz.name_page.name.text().strip(), grids.plans(), \
            grids.official_children()
        finish = wiz.button(QWizard.WizardButton.FinishButton)
        finish.setEnabled(False)
        self.banner.show_text(self.tr("正在建立，请稍候…"), "notice")

        def refused(exc: Exception) -> None:
            finish.setEnabled(True)
            self.banner.show_text(self.tr("没有建立：") + messages.failure_text(exc), "error")
            if not isinstance(exc, UserError):
                messages.failure(wiz, exc)

        def create(_progress) -> Actor | None:
            ctx.ws.setup.create(ctx.actor, code, name, plans, official_children=official, passphrase=passphrase,
                                key_file=key_file(ctx) if passphrase else None)
            if not password:
                return None
            ctx.ws.users.set_first_password(password)
            return ctx.ws.users.login(ADMIN, password)

        def created(actor: Actor | None) -> None:
            wiz.actor = actor
            then()

        Operation(ctx, wiz, create).success(created).failure(refused).run()

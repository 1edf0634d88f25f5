"""设置: readability (large-font mode and the interface language, remembered between runs), this office, the user's password and the idle
lock, the sync passphrase, which database this PC opens (file or server) and its backups — each part shown to the roles that may change it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.dialogs.passphrase_dialog import ask_and_store_passphrase, passphrase_store
from ui.dialogs.password_dialogs import ChangePasswordDialog
from ui.idle import IDLE_MINUTES_KEY, MAX_IDLE_MINUTES, idle_minutes
from ui.language import LANGUAGES, chosen_language, remember_language
from ui.pages.backup_panel import BackupPanel
from ui.pages.database_panel import DatabasePanel
from ui.widgets.form_scroll import PageScrollArea

LARGE_FONT_KEY = "ui/large_font"
NORMAL_POINT_SIZE = 11
LARGE_POINT_SIZE = 15


def apply_font_mode(large: bool) -> None:
    """Set the application font size; every widget follows because no page hard-codes a size."""
    app = QApplication.instance()
    font = app.font()
    font.setPointSize(LARGE_POINT_SIZE if large else NORMAL_POINT_SIZE)
    app.setFont(font)


def large_font_enabled(ctx: AppContext) -> bool:
    return str(ctx.setting(LARGE_FONT_KEY, "false")).lower() == "true"


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.large_font = QCheckBox(self.tr("大字体（适合老花眼，字号放大）"))
        self.large_font.setChecked(large_font_enabled(ctx))
        self.large_font.toggled.connect(self.set_large_font)

        readability = QGroupBox(self.tr("显示"))
        shown = QFormLayout(readability)
        shown.addRow(self.large_font)
        shown.addRow(self.tr("界面语言："), self._language_combo())
        self.language_note = QLabel(self.tr("换了语言，下次打开程序时生效。"))
        self.language_note.setVisible(False)
        shown.addRow(self.language_note)

        office = QGroupBox(self.tr("本单位"))
        form = QFormLayout(office)
        info = ctx.ws.office
        form.addRow(self.tr("单位名称："), QLabel(info.name if info else self.tr("（未设置）")))

        database = QGroupBox(self.tr("数据库"))
        self.database = DatabasePanel(ctx)
        QVBoxLayout(database).addWidget(self.database)

        security = self._security_box()

        sync = QGroupBox(self.tr("同步口令"))
        self.passphrase_label = QLabel()
        self.passphrase_label.setWordWrap(True)
        self.passphrase_button = QPushButton(self.tr("设置同步口令…"))
        self.passphrase_button.clicked.connect(self.set_passphrase)
        sync_box = QVBoxLayout(sync)
        sync_box.addWidget(self.passphrase_label)
        sync_box.addWidget(self.passphrase_button)
        self.show_passphrase_state()

        backups = QGroupBox(self.tr("备份和恢复"))
        self.backups = BackupPanel(ctx)
        QVBoxLayout(backups).addWidget(self.backups)

        sync.setVisible(ctx.can("sync"))
        backups.setVisible(ctx.can("settings"))

        layout = QVBoxLayout()
        layout.addWidget(readability)
        layout.addWidget(office)
        layout.addWidget(database)
        layout.addWidget(security)
        layout.addWidget(sync)
        layout.addWidget(backups, 1)
        if not ctx.can("settings"):
            layout.addStretch(1)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(PageScrollArea(layout))  # the large-font mode on a 768-pixel screen scrolls

    def _security_box(self) -> QGroupBox:
        """修改密码 for whoever logged in; the idle lock for those who may change settings."""
        box = QGroupBox(self.tr("密码和锁屏"))
        form = QFormLayout(box)
        self.password_button = QPushButton(self.tr("修改密码…"))
        self.password_button.clicked.connect(self.change_password)
        if self.ctx.username:
            form.addRow(self.tr("当前用户：{name}").format(name=self.ctx.actor.name), self.password_button)
        else:
            self.password_button.hide()
            note = QLabel(self.tr("这个数据库还没有设置密码，下次打开程序时会请管理员设置。"))
            note.setWordWrap(True)
            form.addRow(note)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, MAX_IDLE_MINUTES)
        self.idle_minutes.setSuffix(self.tr(" 分钟"))
        self.idle_minutes.setSpecialValueText(self.tr("从不锁定"))
        self.idle_minutes.setValue(idle_minutes(self.ctx))
        self.idle_minutes.setEnabled(self.ctx.can("settings"))
        self.idle_minutes.valueChanged.connect(self.set_idle_minutes)
        form.addRow(self.tr("无人操作多久后锁屏："), self.idle_minutes)
        return box

    def change_password(self) -> None:
        if ChangePasswordDialog(self.ctx, self).exec():
            messages.info(self, self.tr("密码已修改，下次登录请用新密码。"))

    def set_idle_minutes(self, minutes: int) -> None:
        self.ctx.settings.setValue(IDLE_MINUTES_KEY, minutes)
        self.ctx.settings.sync()

    def _language_combo(self) -> QComboBox:
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(chosen_language(self.ctx.settings)))
        self.language.currentIndexChanged.connect(self.set_language)
        return self.language

    def set_language(self) -> None:
        """Remembered for the next start: the pages already built keep the words they were made with."""
        remember_language(self.ctx.settings, self.language.currentData())
        self.language_note.setVisible(True)

    def set_large_font(self, large: bool) -> None:
        self.ctx.settings.setValue(LARGE_FONT_KEY, "true" if large else "false")
        self.ctx.settings.sync()
        apply_font_mode(large)

    def show_passphrase_state(self) -> None:
        self.passphrase_label.setText(
            self.tr("已设置。U盘同步包用它加密，全县各单位必须一致；口令不显示，也不明文保存。")
            if passphrase_store(self.ctx).is_set()
            else self.tr("尚未设置。导出和导入同步包之前，请输入县里统一规定的同步口令。"))

    def set_passphrase(self) -> None:
        if ask_and_store_passphrase(self.ctx, self):
            self.show_passphrase_state()

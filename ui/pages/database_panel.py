"""设置 → 数据库: which database this PC opens — the embedded file, or a county server (host, port, database, user,
password, TLS) tried with 测试连接 off the UI thread before it is saved.

The choice lives in the program's settings (QSettings, keys under ``database/``) with the password sealed by the
machine key (gridapp.machine_key, the key file beside the settings); ``--db`` and GRIDAPP_DB still win. It takes
effect at the next start, or at once with 立即重新打开 (the session opens the database again).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridapp import paths
from gridapp.connection import ServerAddress, ServerInfo, check, describe
from gridapp.machine_key import seal, unseal
from ui.context import AppContext

KIND_KEY = "database/kind"  # "file" (the embedded database) or "server"
HOST_KEY, PORT_KEY, NAME_KEY = "database/host", "database/port", "database/name"
USER_KEY, PASSWORD_KEY, TLS_KEY = "database/user", "database/password", "database/tls"
PASSWORD_AAD = b"gridapp server password"


def key_file(settings: QSettings) -> Path:
    """The machine key beside the settings file (the one that seals the sync passphrase)."""
    return Path(settings.fileName()).parent / paths.SYNC_KEY_NAME


def saved_server(settings: QSettings) -> ServerAddress | None:
    """The server chosen in 设置 → 数据库, None when this PC opens its embedded file. A password that cannot be
    unsealed (another PC's settings) is left empty: the connection then says the password is wrong."""
    if settings.value(KIND_KEY, "file") != "server":
        return None
    password = ""
    sealed = str(settings.value(PASSWORD_KEY, "") or "")
    if sealed:
        try:
            password = unseal(key_file(settings), base64.b64decode(sealed), PASSWORD_AAD).decode("utf-8")
        except ValueError:
            password = ""
    return ServerAddress(str(settings.value(HOST_KEY, "")), int(settings.value(PORT_KEY, 5432)),
                         str(settings.value(NAME_KEY, "gridapp")), str(settings.value(USER_KEY, "gridapp")),
                         password, str(settings.value(TLS_KEY, "true")).lower() == "true")


def startup_location(explicit: str | None, settings: QSettings) -> str | None:
    """What the program opens: ``--db``, else GRIDAPP_DB, else the server saved here, else the default file."""
    if explicit or os.environ.get(paths.DB_ENV):
        return explicit
    server = saved_server(settings)
    return server.url() if server is not None else None


def save_choice(settings: QSettings, server: ServerAddress | None) -> None:
    if server is None:
        settings.setValue(KIND_KEY, "file")
    else:
        sealed = seal(key_file(settings), server.password.encode("utf-8"), PASSWORD_AAD) if server.password else b""
        for key, value in ((KIND_KEY, "server"), (HOST_KEY, server.host), (PORT_KEY, server.port),
                           (NAME_KEY, server.database), (USER_KEY, server.user),
                           (PASSWORD_KEY, base64.b64encode(sealed).decode("ascii")),
                           (TLS_KEY, "true" if server.tls else "false")):
            settings.setValue(key, value)
    settings.sync()


class DatabasePanel(QWidget):
    reopen_requested = Signal()  # 立即重新打开: open the database just saved

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current = QLineEdit(describe(ctx.ws.url))  # a long path scrolls and can be copied
        self.current.setReadOnly(True)
        self.current.setCursorPosition(0)
        self.file_choice = QRadioButton(self.tr("本机数据库文件"))
        self.server_choice = QRadioButton(self.tr("服务器数据库（县、乡镇的 PostgreSQL 服务器）"))
        group = QButtonGroup(self)
        group.addButton(self.file_choice)
        group.addButton(self.server_choice)
        saved = saved_server(ctx.settings)
        (self.server_choice if saved else self.file_choice).setChecked(True)
        address = saved or ServerAddress("")
        self.host = QLineEdit(address.host)
        self.host.setPlaceholderText(self.tr("例如 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(address.port)
        self.database = QLineEdit(address.database)
        self.user = QLineEdit(address.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self._saved_password = address.password
        self.password.setPlaceholderText(self.tr("已保存（不显示）") if address.password else "")
        self.tls = QCheckBox(self.tr("加密连接（TLS）"))
        self.tls.setChecked(address.tls)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.test_button = QPushButton(self.tr("测试连接"))
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.clicked.connect(self.save)
        self.reopen_button = QPushButton(self.tr("立即重新打开"))
        self.reopen_button.clicked.connect(self.reopen_requested.emit)
        self.reopen_button.setEnabled(False)

        form = QFormLayout()
        form.addRow(self.tr("服务器地址："), self.host)
        form.addRow(self.tr("端口："), self.port)
        form.addRow(self.tr("数据库名："), self.database)
        form.addRow(self.tr("用户名："), self.user)
        form.addRow(self.tr("密码："), self.password)
        form.addRow("", self.tls)
        self.server_fields = QWidget()
        self.server_fields.setLayout(form)
        buttons = QHBoxLayout()
        for button in (self.test_button, self.save_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        current = QFormLayout()
        current.addRow(self.tr("当前数据库："), self.current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(current)
        layout.addWidget(self.file_choice)
        layout.addWidget(self.server_choice)
        layout.addWidget(self.server_fields)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        if os.environ.get(paths.DB_ENV):
            self.status.setText(self.tr("注意：环境变量 GRIDAPP_DB 指定了数据库，它优先于这里保存的设置。"))
        self.server_choice.toggled.connect(self._show_fields)
        self._show_fields()
        self.setEnabled(ctx.can("settings"))

    def _show_fields(self) -> None:
        self.server_fields.setEnabled(self.server_choice.isChecked())
        self.test_button.setEnabled(self.server_choice.isChecked())

    def address(self) -> ServerAddress:
        """The server as typed; an empty password field keeps the saved password."""
        return ServerAddress(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                             self.user.text().strip(), self.password.text() or self._saved_password,
                             self.tls.isChecked())

    def test_connection(self) -> None:
        address = self.address()
        if not address.host:
            self.status.setText(self.tr("请填写服务器地址。"))
            return
        self.test_button.setEnabled(False)
        self.status.setText(self.tr("正在连接 {host}…").format(host=address.host))
        self.ctx.tasks.start(lambda _progress: check(address.url()), self._tested, self._failed)

    def _tested(self, info: ServerInfo) -> None:
        self.test_button.setEnabled(True)
        if info.revision is None:
            held = self.tr("这是一个空数据库，请先用 gridapp server init 建立（见 docs/server.md）。")
        else:
            held = self.tr("{households}户，{persons}人。").format(households=info.counts.get("households", 0),
                                                               persons=info.counts.get("persons", 0))
        self.status.setText(self.tr("连接成功：PostgreSQL {version}。").format(version=info.version) + held)

    def _failed(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        self.status.setText(str(exc))

    def save(self) -> None:
        server = self.address() if self.server_choice.isChecked() else None
        if server is not None and not (server.host and server.database and server.user):
            self.status.setText(self.tr("请填写服务器地址、数据库名和用户名。"))
            return
        save_choice(self.ctx.settings, server)
        self.status.setText(self.tr("已保存。下次启动程序时生效，也可以点“立即重新打开”。"))
        self.reopen_button.setEnabled(True)

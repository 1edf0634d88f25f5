"""The 帮助 menu of the main window: 本页帮助 (F1) for the page on screen, 使用手册 (the printable manual) and
关于 (version, data sources, licences)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QTextBrowser, QVBoxLayout, QWidget

from gridapp import about, i18n
from gridapp.help_texts import help_markdown
from gridapp.resources import manual_path
from gridapp.version import program_version

HELP_POINT_SIZE_INCREASE = 3  # the help is read by people who find small print hard


class TextDialog(QDialog):
    """A titled text in a large, readable font, with a close button."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        font = self.browser.font()
        font.setPointSize(font.pointSize() + HELP_POINT_SIZE_INCREASE)
        self.browser.setFont(font)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 520)


class HelpDialog(TextDialog):
    """The help of one page (its ``help_topic``)."""

    def __init__(self, topic: str, page_title: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("帮助 — {page}").format(page=page_title), parent)
        self.topic = topic
        self.browser.setMarkdown(help_markdown(topic, i18n.language()))  # in the interface's language


class AboutDialog(TextDialog):
    """关于: the version, where the division data comes from, the bundled font, Qt and the libraries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("关于"), parent)
        self.browser.setHtml(self.about_html())

    def about_html(self) -> str:
        def credits(rows) -> str:
            return "".join(f"<li>{escape(c.name)} — {escape(c.publisher)}，{escape(c.terms)}</li>" for c in rows)

        libraries = "".join(f"<tr><td>{escape(n)}</td><td>{escape(v)}</td><td>{escape(lic)}</td></tr>"
                            for n, v, lic in about.dependency_licences())
        return (f"<h2>{escape(QCoreApplication.translate('app', '网格化管理综合信息采集簿'))}</h2>"
                + "<p>" + self.tr("版本：{version}").format(version=escape(program_version())) + "</p>"
                + "<h3>" + self.tr("数据来源") + f"</h3><ul>{credits(about.DATA_SOURCES)}</ul>"
                + "<h3>" + self.tr("字体") + f"</h3><ul>{credits(about.FONTS)}</ul>"
                + "<h3>" + self.tr("界面库") + f"</h3><ul>{credits([about.QT])}</ul>"
                + "<h3>" + self.tr("其他程序库") + "</h3><table cellpadding='3'><tr><th>"
                + self.tr("名称") + "</th><th>" + self.tr("版本") + "</th><th>" + self.tr("许可") + "</th></tr>"
                + libraries + "</table>"
                + "<p>" + self.tr("完整的许可文本在：{folder}").format(folder=escape(about.licences_folder()))
                + "</p>")


def manual_url() -> QUrl:
    """The manual PDF when it is bundled or built, otherwise the folder of its markdown sources."""
    path = manual_path()
    return QUrl.fromLocalFile(str(path if path.is_file() else path.parent))


def install_help_menu(window: QMainWindow) -> None:
    """Add 帮助 to the window's menu bar; the window has ``stack`` (the pages, each with a ``help_topic``) and
    ``page_title(page)``."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("help", "帮助"))
    page_help = menu.addAction(QCoreApplication.translate("help", "本页帮助"))
    page_help.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    page_help.triggered.connect(lambda: show_page_help(window))
    menu.addAction(QCoreApplication.translate("help", "使用手册")).triggered.connect(
        lambda: QDesktopServices.openUrl(manual_url()))
    menu.addAction(QCoreApplication.translate("help", "关于")).triggered.connect(
        lambda: AboutDialog(window).exec())
    window.help_menu = menu


def show_page_help(window: QMainWindow) -> HelpDialog:
    """Open the help of the page on screen (not modal: the user can follow the steps beside it), in place of
    the help of a page shown before."""
    for earlier in window.findChildren(HelpDialog):
        earlier.close()
        earlier.deleteLater()
    page = window.stack.currentWidget()
    dialog = HelpDialog(page.help_topic, window.page_title(page), window)
    dialog.show()
    return dialog

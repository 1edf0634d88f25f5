"""The layout pieces that keep windows inside small screens: rows that wrap, and scroll areas that scroll only
when the room is below what the form or page needs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from ui.widgets.flow_layout import flow_row
from ui.widgets.form_scroll import FormScrollArea, PageScrollArea


def test_a_flow_row_wraps_when_narrow_and_is_as_narrow_as_its_widest_button(qtbot) -> None:
    buttons = [QPushButton(text) for text in ("新建下级", "重命名", "移动到…", "合并到…", "撤销")]
    row = flow_row(*buttons)
    holder = QWidget()
    holder.setLayout(row)
    qtbot.addWidget(holder)
    widest = max(b.sizeHint().width() for b in buttons)
    assert row.minimumSize().width() == widest
    one_line = row.heightForWidth(row.sizeHint().width())
    assert one_line == max(b.sizeHint().height() for b in buttons)
    assert row.heightForWidth(widest) > 3 * one_line  # one button a line
    holder.resize(widest, row.heightForWidth(widest))
    holder.show()
    tops = {b.geometry().top() for b in buttons}
    assert len(tops) == len(buttons) and all(b.geometry().right() < widest for b in buttons)


def page_with_list() -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    label = QLabel("同步包只包含对方还没有的变化；给新单位或需要重新核对时选“全部数据”。")
    label.setWordWrap(True)
    column.addWidget(label)
    column.addWidget(QListWidget(), 1)
    column.addWidget(QPushButton("导出到U盘"))
    return page


def test_a_page_gives_up_its_list_height_before_it_scrolls(qtbot) -> None:
    page = page_with_list()
    area = PageScrollArea(page)
    qtbot.addWidget(area)
    least, wanted = area.least_height(400), page.layout().totalHeightForWidth(400)
    assert page.minimumSizeHint().height() <= least < wanted  # the wrapped label's lines count
    area.resize(400, (least + wanted) // 2)
    area.show()
    assert area.verticalScrollBar().maximum() == 0 and page.height() == area.viewport().height()
    area.resize(400, least // 2)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    assert page.height() == area.least_height(page.width())


def test_a_form_asks_for_all_its_fields_but_can_be_made_small(qtbot) -> None:
    form = page_with_list()
    area = FormScrollArea(form)
    qtbot.addWidget(area)
    assert area.sizeHint().height() >= form.sizeHint().height()
    assert area.minimumSizeHint().height() <= area.fontMetrics().lineSpacing() * 8
    assert area.minimumSizeHint().width() >= form.minimumSizeHint().width()

"""处理冲突: two offices changed the same record before they synced. Both versions stand side by side, one row
per differing field; the user picks a version per field (or one for all) and 保存 writes the combination."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridapp.sync.dto import ConflictView
from ui.dialogs import ok_cancel

# The content columns a conflict can show, in words a grid worker knows; any other column shows its own name.
FIELD_LABELS = {
    "name": "名称/姓名", "number": "编号", "kind": "类别", "address": "地址", "phone": "电话", "notes": "备注",
    "grid_id": "所属网格", "house_id": "房屋", "household_id": "所属住户", "colour": "监测颜色",
    "colour_reason": "颜色原因", "relation": "与户主关系", "id_number": "身份证号", "sex": "性别",
    "birth_date": "出生日期", "ethnicity": "民族", "political_status": "政治面貌", "education": "文化程度",
    "marital_status": "婚姻状况", "occupation": "职业", "employer": "工作单位", "residence_kind": "人口类别",
    "origin": "户籍地", "arrival_date": "来本地日期", "status": "状态", "sort_order": "排序", "deleted": "已删除",
    "parent_id": "上级网格", "level": "层级", "code": "编码", "boundary_east": "东至", "boundary_south": "南至",
    "boundary_west": "西至", "boundary_north": "北至", "head_name": "负责人", "head_phone": "负责人电话",
    "party_org": "党组织", "plan_image": "平面图", "retired": "已撤销", "department": "部门",
    "party_member": "党员", "role": "职务", "use": "用途", "structure": "结构", "area": "面积", "floors": "层数",
    "safety_rating": "安全等级", "owner_name": "房主", "owner_phone": "房主电话", "owner_id_number": "房主身份证号",
    "rent_purpose": "出租用途", "rent_start": "租期开始", "rent_end": "租期结束", "tenant_count": "租住人数",
    "type": "类型", "contact_name": "联系人", "contact_phone": "联系电话", "licence_no": "证照号",
    "risk_level": "风险等级", "category": "类别", "details": "详情", "since": "开始日期", "until": "结束日期",
    "title": "标题", "description": "情况描述", "content": "内容", "findings": "发现问题", "follow_up": "后续跟进",
    "visited_on": "走访日期", "step": "环节", "urgency": "紧急程度", "deadline": "办理期限",
    "satisfaction": "满意度",
}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def show_value(value: Any) -> str:
    """A stored value as the user reads it: 是/否, dates as on the form, （空） for nothing."""
    if value is None or value == "":
        return QWidget.tr("（空）")
    if isinstance(value, bool):
        return QWidget.tr("是") if value else QWidget.tr("否")
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class ConflictDialog(QDialog):
    """Column 1 is the version in the database now, column 2 the one that lost the automatic merge."""

    def __init__(self, conflict: ConflictView, local_office: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(self.tr("处理冲突：{title}").format(title=conflict.title))
        kept = self._version_title(conflict.kept_office_name, local_office, self.tr("现在的版本"))
        lost = self._version_title(conflict.lost_office_name, local_office, self.tr("另一版本"))
        intro = QLabel(self.tr("{table}“{title}”在两个单位都被修改过。下面列出不同的内容，请逐项点选要保留的值；"
                               "自动合并时采用的是左边一栏。").format(table=conflict.table_label, title=conflict.title))
        intro.setWordWrap(True)

        self.table = QTableWidget(len(conflict.fields), 3)
        self.table.setHorizontalHeaderLabels([self.tr("项目"), kept, lost])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.kept_buttons: list[QRadioButton] = []
        self.lost_buttons: list[QRadioButton] = []
        for row, item in enumerate(conflict.fields):
            self.table.setItem(row, 0, QTableWidgetItem(field_label(item.name)))
            group = QButtonGroup(self)
            for column, value, buttons in ((1, item.kept, self.kept_buttons), (2, item.lost, self.lost_buttons)):
                button = QRadioButton(show_value(value))
                button.setToolTip(show_value(value))
                group.addButton(button)
                buttons.append(button)
                self.table.setCellWidget(row, column, button)
            self.kept_buttons[-1].setChecked(True)
        self.table.resizeRowsToContents()

        self.all_kept = QPushButton(self.tr("全部用左边"))
        self.all_lost = QPushButton(self.tr("全部用右边"))
        self.all_kept.clicked.connect(lambda: self._choose_all(self.kept_buttons))
        self.all_lost.clicked.connect(lambda: self._choose_all(self.lost_buttons))
        self.buttons = ok_cancel(self, self.tr("保存"))
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        row = QHBoxLayout()
        row.addWidget(self.all_kept)
        row.addWidget(self.all_lost)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 100, metrics.height() * (len(conflict.fields) * 2 + 12))

    def _version_title(self, office: str, local_office: str, fallback: str) -> str:
        if not office:
            return fallback
        if office == local_office:
            return self.tr("本机版本（{office}）").format(office=office)
        return self.tr("对方版本（{office}）").format(office=office)

    def _choose_all(self, buttons: list[QRadioButton]) -> None:
        for button in buttons:
            button.setChecked(True)

    def values(self) -> dict[str, Any]:
        """The fields to write for resolve_conflict: only those taken from the losing version ({} keeps all)."""
        return {item.name: item.lost for item, button in zip(self.conflict.fields, self.lost_buttons, strict=True)
                if button.isChecked()}

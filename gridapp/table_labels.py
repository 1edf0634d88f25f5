"""The Chinese names of the tables and a few words for one of their records: what a person reads wherever a
record's kind is named (the sync review, the audit log)."""

from __future__ import annotations

from typing import Any

LABELS = {
    "grid_nodes": "网格", "grid_workers": "网格员", "grid_assignments": "网格员分工", "houses": "实有房屋",
    "households": "住户", "persons": "人员", "person_tags": "特殊人群标签", "person_moves": "迁移记录",
    "places": "场所", "party_centers": "党员中心户", "party_center_links": "联系户", "visits": "走访记录",
    "cases": "事件", "case_steps": "事件流程", "case_links": "事件关联", "attachments": "附件", "map_pins": "平面图标注",
    "users": "用户", "audit_log": "操作日志", "settings": "设置", "sync_conflicts": "同步冲突",
    "sync_duplicates": "重复人员", "colour_changes": "监测颜色变化", "monitor_warnings": "监测预警",
    "sync_arrivals": "同步到达记录", "sync_peers": "同步对方单位", "sync_history": "同步包记录", "offices": "单位",
    "imports": "导入记录",
}


def label(name: str) -> str:
    return LABELS.get(name, name)


def title(name: str, values: dict[str, Any]) -> str:
    """A few words that let a person recognise a record in a list."""
    for key in ("name", "title", "number", "address", "category", "filename", "content", "label"):
        if values.get(key):
            return str(values[key])[:40]
    return f"{label(name)} {str(values.get('id', ''))[:8]}"

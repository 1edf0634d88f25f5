"""场所 form: one whole record edited in a non-modal window (see ui.forms.record_form)."""

from __future__ import annotations

from typing import Any

from ui.forms.record_form import Field, RecordForm, Section


class PlaceForm(RecordForm):
    def _what(self) -> str:
        return self.tr("场所")

    def _sections(self) -> list[Section]:
        return [
            Section("place", self.tr("基本情况"), (
                Field("name", self.tr("名称")),
                Field("type", self.tr("类型"), "code", "place_type", default="其他", required=True),
                Field("address", self.tr("地址")),
                Field("licence_no", self.tr("营业执照号"), hint=self.tr("统一社会信用代码")),
                Field("risk_level", self.tr("风险等级"), "code", "risk_level", default="低", required=True),
                Field("contact_name", self.tr("联系人")),
                Field("contact_phone", self.tr("联系电话")),
                Field("notes", self.tr("备注"), "notes"),
            )),
        ]

    def _service(self) -> Any:
        return self.ctx.ws.places

    def _fetch(self, record_id: str) -> Any:
        return self.ctx.ws.query.place(record_id)

    def _title(self, view: Any) -> str:
        return view.name

"""一事五单: one case as its five sheets, each filled from the case and the steps of its timeline that belong
to it — 集单 (事项受理), 议单 (分类转办, 改派, 上报), 办单 (跟踪问效, 督促落实, 结果反馈), 晒单 (信息公示) and
评单 (打分评价, then 归档销号) — and closed by a line for the signature of whoever answers for it."""

from __future__ import annotations

from datetime import datetime

from gridapp.cases.workflow import ACTIONS
from gridapp.dto import CaseView, TimelineEntry
from gridapp.ledgers.model import Column, Section
from gridapp.privacy import mask_phone
from gridapp.services.cases import LINKS

WHEN = Column("时间", 26, "center")
ACTION = Column("环节", 16, "center")
ACTOR = Column("经办人", 18, "center")
ARCHIVE = "归档"


def sheets(view: CaseView, mask: bool) -> list[Section]:
    """The five sheets of ``view``; ``mask`` hides the reporter's phone (numbers in notes are masked by the
    caller, like every ledger's)."""
    entries: dict[str, list[TimelineEntry]] = {}
    for entry in view.timeline:
        entries.setdefault(entry.sheet or entry.action, []).append(entry)
    return [
        collect(view, entries.get("集单", []), mask),
        discuss(view, entries.get("议单", [])),
        handle(view, entries.get("办单", [])),
        show(view, entries.get("晒单", [])),
        rate(view, entries.get("评单", []), entries.get(ARCHIVE, [])),
    ]


def collect(view: CaseView, entries: list[TimelineEntry], mask: bool) -> Section:
    row = view.row
    accepted = entries[0] if entries else None
    first_deadline = accepted.data.get("deadline") if accepted else None  # before any 督办 moved it
    phone = mask_phone(view.reporter_phone) if mask and view.reporter_phone else view.reporter_phone
    fields = (
        ("事件编号", row.number), ("受理时间", when(row.accepted_at)),
        ("事件标题", row.title), ("事件类别", f"{row.category}/{row.subtype}" if row.subtype else row.category),
        ("事件来源", row.source), ("紧急程度", row.urgency),
        ("发生时间", when(view.occurred_at)), ("发生地点", view.place_text),
        ("所属网格", " / ".join(view.grid_path)), ("办理时限", when(first_deadline)),
        ("反映人", view.reporter_name), ("联系电话", phone),
    )
    links = "、".join(f"{LINKS[link.kind][1]}：{link.title}" for link in view.links)
    texts = (("事件描述", view.description), ("关联对象", links), ("受理意见", accepted.note if accepted else ""),
             ("附件", _files(entries)))
    return _sheet("集单", "事项受理", fields, texts, "受理人")


def discuss(view: CaseView, entries: list[TimelineEntry]) -> Section:
    row = view.row
    fields = (("承办层级", row.handling_level), ("承办部门", row.department),
              ("办结期限", when(row.deadline)), ("转办次数", f"{len(entries)}次"))
    table = (WHEN, ACTION, ACTOR, Column("承办单位", 40), Column("转办意见", 60))
    rows = tuple((when(e.at), ACTIONS[e.action].label, e.actor_name,
                  "/".join(filter(None, (e.data.get("level", ""), e.data.get("department", "")))), e.note)
                 for e in entries)
    return _sheet("议单", "分类转办", fields, (), "审批人", table, rows)


def handle(view: CaseView, entries: list[TimelineEntry]) -> Section:
    row = view.row
    results = [e for e in entries if e.action == "反馈结果"]
    fields = (("当前环节", row.step), ("办理时效", row.timeliness),
              ("办结时间", when(row.resolved_at)), ("督办次数", f"{row.supervisions}次"))
    table = (WHEN, ACTION, ACTOR, Column("办理情况", 100))
    rows = tuple((when(e.at), ACTIONS[e.action].label, e.actor_name, _progress(e)) for e in entries)
    texts = (("办理结果", results[-1].note if results else ""), ("附件", _files(entries)))
    return _sheet("办单", "跟踪问效、督促落实、结果反馈", fields, texts, "承办人", table, rows)


def show(view: CaseView, entries: list[TimelineEntry]) -> Section:
    published = entries[-1] if entries else None
    fields = (("公示时间", when(published.at if published else None)),
              ("公示人", published.actor_name if published else ""))
    texts = (("公示内容", view.public_summary), ("附件", _files(entries)))
    return _sheet("晒单", "信息公示", fields, texts, "审核人")


def rate(view: CaseView, entries: list[TimelineEntry], archived: list[TimelineEntry]) -> Section:
    row = view.row
    closed = archived[-1] if archived else None
    fields = (("满意度", row.satisfaction), ("退回重办", f"{row.reopened}次"),
              ("归档销号", when(closed.at if closed else None)), ("归档人", closed.actor_name if closed else ""))
    table = (WHEN, Column("评价人", 18, "center"), Column("满意度", 16, "center"), Column("评价意见", 90))
    rows = tuple((when(e.at), e.actor_name, e.data.get("rating", ""), e.note) for e in entries)
    return _sheet("评单", "打分评价、归档销号", fields, (), "评价人", table, rows)


def when(moment: datetime | str | None) -> str:
    """2026-05-20 09:30; a timeline entry's data keeps its moments as ISO text."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""


def _progress(entry: TimelineEntry) -> str:
    """A 办单 step: its note, with the new deadline of a 督办 and whether a result came in time."""
    extra = ""
    if entry.action == "督办" and entry.data.get("deadline"):
        extra = f"（办结期限：{when(entry.data['deadline'])}）"
    elif entry.action == "反馈结果" and "on_time" in entry.data:
        extra = "（按期办结）" if entry.data["on_time"] else "（超期办结）"
    return entry.note + extra


def _files(entries: list[TimelineEntry]) -> str:
    return "、".join(a.filename for e in entries for a in e.attachments)


def _sheet(name: str, steps: str, fields: tuple[tuple[str, str], ...], texts: tuple[tuple[str, str], ...],
           signer: str, columns: tuple[Column, ...] = (), rows: tuple[tuple[str, ...], ...] = ()) -> Section:
    """One sheet; its table of timeline steps only when there are some, its 附件 line only with files."""
    return Section(f"{name}（{steps}）", columns if rows else (), rows, fields,
                   tuple((label, value) for label, value in texts if value or label != "附件"),
                   signature=f"{signer}（签字）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日", sheet=name)

"""The case service: registering (受理), numbering, attachments, every action through the database."""

from __future__ import annotations

import shutil
import threading
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import backends
import pytest
from factories import empty_workspace, family
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select

from gridapp.access import Forbidden
from gridapp.cases import numbering
from gridapp.cases.workflow import ACTIONS, ARCHIVED, available_actions
from gridapp.changes import Table
from gridapp.dto import SYSTEM, Actor, AttachmentInput, CaseInput
from gridapp.errors import NotFound, RuleViolation
from gridapp.models import Attachment, Case, CaseStep
from gridapp.services.cases import attachment_store
from gridapp.workspace import Workspace

NOW = datetime(2026, 3, 10, 9, 30)
WORKER = Actor("王网格员", role="网格员")
CHIEF = Actor("李支书", role="村(社区)管理员")


def case_input(grid_id: str, **fields) -> CaseInput:
    return CaseInput(**{"grid_id": grid_id, "title": "3组12号门前垃圾堆积", "category": "环境保护",
                        "subtype": "垃圾清运", **fields})


def steps_of(ws: Workspace, case_id: str) -> list[CaseStep]:
    with ws.read() as s:
        return list(s.scalars(select(CaseStep).where(CaseStep.case_id == case_id).order_by(CaseStep.ordinal)))


def test_register_validates_and_stores_a_case_with_its_first_timeline_entry(ws: Workspace, tree) -> None:
    outcome = ws.cases.register(WORKER, case_input(tree.grid1, urgency="紧急", source="12345", note="现场拍照",
                                                   reporter_name="张三丰", reporter_phone="13912345678"), NOW)
    assert outcome.changes.touches(Table.CASES, Table.CASE_STEPS)
    view = ws.query.case(outcome.id, NOW)
    row = view.row
    assert (row.step, row.source, row.urgency, row.category, row.subtype) == ("事项受理", "热线", "紧急", "环境保护",
                                                                           "垃圾清运")
    assert row.accepted_at == NOW and row.deadline == NOW + timedelta(days=3)
    assert view.grid_path == ("宁陵县", "清河镇", "幸福村", "第一网格")
    [entry] = view.timeline
    assert (entry.action, entry.sheet, entry.step_before, entry.step_after) == ("受理", "集单", None, "事项受理")
    assert (entry.actor_name, entry.actor_role, entry.note) == ("王网格员", "网格员", "现场拍照")
    assert entry.data == {"urgency": "紧急", "deadline": "2026-03-13T09:30"}


@pytest.mark.parametrize("fields, message", [
    ({"title": "  "}, "请填写事件标题"),
    ({"category": "天气"}, "事件类别"),
    ({"subtype": "违章搭建"}, "不是“环境保护”的小类"),
    ({"source": "托梦"}, "事件来源"),
    ({"urgency": "一般般"}, "紧急程度"),
])
def test_register_refuses_bad_input_and_writes_nothing(ws: Workspace, tree, fields, message) -> None:
    with pytest.raises(RuleViolation, match=message):
        ws.cases.register(WORKER, case_input(tree.grid1, **fields), NOW)
    assert ws.query.cases() == []


def test_grid_is_required_and_links_must_exist(ws: Workspace, tree) -> None:
    with pytest.raises(NotFound, match="网格"):
        ws.cases.register(WORKER, case_input(""), NOW)
    with pytest.raises(NotFound, match="住户"):
        ws.cases.register(WORKER, case_input(tree.grid1, household_ids=["nope"]), NOW)
    ws.grid.retire(SYSTEM, tree.grid2)
    with pytest.raises(RuleViolation, match="已撤销"):
        ws.cases.register(WORKER, case_input(tree.grid2), NOW)


def test_subtypes_accept_aliases_and_codes(ws: Workspace, tree) -> None:
    first = ws.cases.register(WORKER, case_input(tree.grid1, category="公共安全", subtype="火灾隐患"), NOW).id
    second = ws.cases.register(WORKER, case_input(tree.grid1, category="02", subtype="0202"), NOW).id
    assert [r.subtype for r in ws.query.case_rows([first, second])] == ["消防安全", "出租屋安全"]


# -- numbering ----------------------------------------------------------------------------------------------------

def test_numbers_are_grid_code_year_office_tag_and_a_sequence(ws: Workspace, tree) -> None:
    tag = numbering.office_tag(ws.office.id)
    numbers = [ws.query.case_rows([ws.cases.register(WORKER, case_input(grid), at).id])[0].number
               for grid, at in ((tree.grid1, NOW), (tree.grid1, NOW), (tree.grid2, NOW),
                                (tree.grid1, NOW.replace(year=2027)), (tree.micro, NOW))]
    assert numbers == [f"41142310100101-2026-{tag}-0001", f"41142310100101-2026-{tag}-0002",
                       f"41142310100102-2026-{tag}-0001", f"41142310100101-2027-{tag}-0001",
                       f"41142310100101-2026-{tag}-0003"]  # the micro-grid has no code of its own


def test_the_office_tag_is_stable_and_differs_between_offices() -> None:
    tags = {numbering.office_tag(f"{i:032x}") for i in range(2000)}
    assert numbering.office_tag("a" * 32) == numbering.office_tag("a" * 32)
    assert len(tags) > 1990 and all(len(t) == 4 and set(t) <= set(numbering.CROCKFORD) for t in tags)


def test_two_offices_registering_in_the_same_grid_never_share_a_number(ws: Workspace, tree, tmp_path) -> None:
    ws.close()
    other = Workspace.open(backends.database_at(tmp_path / "town.sqlite3", copy_of=backends.location(ws)))
    backends.execute(other, "UPDATE offices SET id = :id, name = '清河镇' WHERE is_local", id=uuid.uuid4().hex)
    try:
        mine = {ws.query.case_rows([ws.cases.register(WORKER, case_input(tree.grid1), NOW).id])[0].number
                for _ in range(3)}
        theirs = {other.query.case_rows([other.cases.register(WORKER, case_input(tree.grid1), NOW).id])[0].number
                  for _ in range(3)}
    finally:
        other.close()
    assert len(mine) == len(theirs) == 3 and not mine & theirs


def test_concurrent_registrations_get_consecutive_unique_numbers(ws: Workspace, tree) -> None:
    errors: list[BaseException] = []

    def register_many() -> None:
        mine = Workspace.open(ws.url)
        try:
            for _ in range(8):
                mine.cases.register(WORKER, case_input(tree.grid1), NOW)
        except BaseException as exc:  # reported below; a thread must not swallow it
            errors.append(exc)
        finally:
            mine.close()

    threads = [threading.Thread(target=register_many) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(r.number for r in ws.query.cases())
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == list(range(1, 25))


# -- attachments --------------------------------------------------------------------------------------------------

def test_attachments_are_stored_once_by_content_next_to_the_database(ws: Workspace, tree, tmp_path: Path) -> None:
    photo = b"\xff\xd8\xff\xe0 a photo of rubbish"
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG another picture")
    first = ws.cases.register(WORKER, case_input(tree.grid1, attachments=[
        AttachmentInput("现场.jpg", data=photo), AttachmentInput("扫描件.png", path=str(scan))]), NOW).id
    second = ws.cases.register(WORKER, case_input(tree.grid1, attachments=[AttachmentInput("又一张.jpg", photo)]),
                               NOW).id
    views = [ws.query.case(cid, NOW).timeline[0].attachments for cid in (first, second)]
    assert [a.filename for a in views[0]] == ["现场.jpg", "扫描件.png"]
    assert [a.mime for a in views[0]] == ["image/jpeg", "image/png"]
    same = views[0][0].sha256
    assert views[1][0].sha256 == same and views[1][0].size == len(photo)
    store = attachment_store(ws).root
    assert Path(views[0][0].path) == store / same[:2] / same
    assert Path(views[0][0].path).read_bytes() == photo
    assert sorted(p.name for p in store.rglob("*") if p.is_file()) == sorted({same, views[0][1].sha256})
    with ws.read() as s:
        assert s.scalar(select(func.count()).select_from(Attachment).where(Attachment.sha256 == same)) == 2


def test_an_unreadable_attachment_or_one_on_the_wrong_action_changes_nothing(ws: Workspace, tree) -> None:
    with pytest.raises(RuleViolation, match="无法读取附件"):
        ws.cases.register(WORKER, case_input(tree.grid1, attachments=[AttachmentInput("x.jpg", path="/no/such")]),
                          NOW)
    assert ws.query.cases() == []
    case_id = ws.cases.register(WORKER, case_input(tree.grid1), NOW).id
    with pytest.raises(RuleViolation, match="不能附加照片"):
        ws.cases.act(CHIEF, case_id, "转办", {"level": "村(社区)"}, [AttachmentInput("a.jpg", b"x")], NOW)
    assert len(steps_of(ws, case_id)) == 1
    ws.cases.act(CHIEF, case_id, "转办", {"level": "村(社区)"}, now=NOW)
    ws.cases.act(WORKER, case_id, "进展", {"note": "已清理一半"}, [AttachmentInput("a.jpg", b"half")], NOW)
    assert [len(t.attachments) for t in ws.query.case(case_id, NOW).timeline] == [0, 0, 1]


# -- acting on a case ---------------------------------------------------------------------------------------------

def test_a_public_summary_may_not_name_linked_people(ws: Workspace, tree) -> None:
    household = ws.households.create(SYSTEM, family(tree.grid1)).id
    case_id = ws.cases.register(WORKER, case_input(tree.grid1, household_ids=[household]), NOW).id
    for action, values in (("转办", {"level": "网格自办"}), ("反馈结果", {"note": "已清运"}), ("评价", {"rating": "满意"})):
        ws.cases.act(CHIEF, case_id, action, values, now=NOW)
    with pytest.raises(RuleViolation, match="张小龙"):
        ws.cases.act(CHIEF, case_id, "公示", {"summary": "张小龙家门前垃圾已清运"}, now=NOW)
    ws.cases.act(CHIEF, case_id, "公示", {"summary": "3组门前垃圾已清运"}, now=NOW)
    assert ws.query.case(case_id, NOW).public_summary == "3组门前垃圾已清运"


def test_details_can_be_corrected_until_archived(ws: Workspace, tree) -> None:
    household = ws.households.create(SYSTEM, family(tree.grid1)).id
    case_id = ws.cases.register(WORKER, case_input(tree.grid1, household_ids=[household]), NOW).id
    number = ws.query.case_rows([case_id])[0].number
    ws.cases.update(WORKER, case_id, case_input(tree.grid2, title="门前垃圾和杂物", place_text="3组路口"))
    view = ws.query.case(case_id, NOW)
    assert (view.row.title, view.place_text, view.links) == ("门前垃圾和杂物", "3组路口", ())
    assert (view.row.grid_id, view.row.number) == (tree.grid2, number)
    assert len(view.timeline) == 1  # a correction is not a step of the loop
    for action, values in (("转办", {"level": "网格自办"}), ("反馈结果", {"note": "已清运"}), ("评价", {"rating": "满意"}),
                           ("公示", {"summary": "已清运"}), ("归档", {})):
        ws.cases.act(CHIEF, case_id, action, values, now=NOW)
    with pytest.raises(RuleViolation, match="已归档"):
        ws.cases.update(WORKER, case_id, case_input(tree.grid1, title="改"))


class ServiceMachine(RuleBasedStateMachine):
    """Random actions through the service: one CaseStep per accepted action, none for a refused one, and an
    archived case's row stays exactly as it was."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.folder = tempfile.mkdtemp()
        self.ws = empty_workspace(Path(self.folder) / "m.sqlite3")
        self.ws.init_office("测试村")
        county = self.ws.grid.create(SYSTEM, None, "宁陵县", code="411423").id
        self.case_id = self.ws.cases.register(WORKER, case_input(county), NOW).id
        self.now = NOW
        self.accepted = 1
        self.archived_row: tuple | None = None

    def teardown(self) -> None:
        self.ws.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(hours=st.integers(0, 200))
    def time_passes(self, hours: int) -> None:
        self.now += timedelta(hours=hours)

    @rule(action=st.sampled_from(list(ACTIONS)), role=st.sampled_from(("网格员", "网格长", "管理员")),
          rating=st.sampled_from(("满意", "不满意")))
    def anyone_tries_anything(self, action: str, role: str, rating: str) -> None:
        self.attempt(action, role, rating)

    @rule(data=st.data(), rating=st.sampled_from(("满意", "不满意")))
    def an_administrator_moves_the_case_on(self, data: st.DataObject, rating: str) -> None:
        offered = available_actions(self.ws.query.case(self.case_id).state, "管理员", now=self.now)
        if offered:
            self.attempt(data.draw(st.sampled_from([a.code for a in offered])), "管理员", rating)

    def attempt(self, action: str, role: str, rating: str) -> None:
        values = {"受理": {"urgency": "一般"}, "转办": {"level": "村(社区)"},
                  "改派": {"level": "镇(街道)", "note": "换"}, "上报": {"level": "镇(街道)", "note": "难"},
                  "评价": {"rating": rating, "note": "回访"}, "公示": {"summary": "已办结"}}.get(action, {"note": "记"})
        try:
            self.ws.cases.act(Actor("某人", role=role), self.case_id, action, values, now=self.now)
        except (RuleViolation, Forbidden):  # not now, or never for this role
            return
        self.accepted += 1

    @precondition(lambda self: self.archived_row is not None)
    @rule()
    def an_archived_case_refuses_corrections(self) -> None:
        with pytest.raises(RuleViolation):
            self.ws.cases.update(WORKER, self.case_id, case_input(self.ws.query.case(self.case_id).row.grid_id))

    @invariant()
    def one_entry_per_accepted_action(self) -> None:
        view = self.ws.query.case(self.case_id, self.now)
        assert [t.ordinal for t in view.timeline] == list(range(1, self.accepted + 1))
        assert view.timeline[-1].step_after == view.row.step
        if view.row.step == ARCHIVED:
            with self.ws.read() as s:
                row = tuple(s.execute(select(Case.__table__).where(Case.id == self.case_id)).one())
            self.archived_row = self.archived_row or row
            assert row == self.archived_row
            assert available_actions(view.state, "管理员", now=self.now) == []


ServiceMachine.TestCase.settings = settings(max_examples=12, stateful_step_count=30, deadline=None,
                                            suppress_health_check=[HealthCheck.too_slow])
test_random_actions_through_the_service = ServiceMachine.TestCase

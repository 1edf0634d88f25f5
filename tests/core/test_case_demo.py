"""The demo's cases and visits: every state, timelines the workflow itself would write, the same for a seed."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import backends
from sqlalchemy import select

from gridapp.cases import numbering, workflow
from gridapp.demo import TODAY, generate
from gridapp.demo.cases import SIZES
from gridapp.dto import Actor, CaseState
from gridapp.models import Case, CaseLink, CaseStep, GridNode, Household, MonitorWarning, Person, Place, Visit
from gridapp.services.cases import STATE_FIELDS
from gridapp.workspace import Workspace

DEMO_NOW = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=10)
FORM_KEYS = {"受理": ("urgency",), "转办": ("level", "department", "note"), "改派": ("level", "department", "note"),
             "上报": ("level", "department", "note"), "评价": ("rating", "note"), "公示": ("summary",)}


def _values(step: CaseStep) -> dict:
    """The form values a timeline entry was made from."""
    keys = FORM_KEYS.get(step.action, ("note",))
    merged = {**step.data, "note": step.note}
    return {key: merged.get(key, "") for key in keys}


def test_cases_are_in_every_state_and_replay_through_the_workflow(demo_ws: Workspace) -> None:
    with demo_ws.read() as s:
        warned = set(s.scalars(select(MonitorWarning.case_id)))
        cases = [c for c in s.scalars(select(Case)) if c.id not in warned]
        steps: dict[str, list[CaseStep]] = {}
        for step in s.scalars(select(CaseStep).order_by(CaseStep.case_id, CaseStep.ordinal)):
            steps.setdefault(step.case_id, []).append(step)
        codes = dict(s.execute(select(GridNode.id, GridNode.code)).all())
    assert len(cases) == SIZES["village"][0]
    assert set(Counter(c.step for c in cases)) == set(workflow.STEPS)
    assert len({c.number for c in cases}) == len(cases)
    for case in cases:
        assert case.number.startswith(f"{codes[case.grid_id]}-{case.accepted_at.year}-")
        state = CaseState()
        times = [step.at for step in steps[case.id]]
        assert times == sorted(times) and times[-1] <= DEMO_NOW
        for ordinal, step in enumerate(steps[case.id], start=1):
            assert step.ordinal == ordinal
            state = workflow.apply(state, step.action, Actor(step.actor_name, role=step.actor_role), step.at,
                                   _values(step)).state
        assert {f: getattr(state, f) for f in STATE_FIELDS} == {f: getattr(case, f) for f in STATE_FIELDS}
    assert any(c.reopened for c in cases) and any(c.supervisions for c in cases)
    assert any(demo_ws.query.case_rows([c.id], DEMO_NOW)[0].overdue for c in cases)


def test_links_and_visits_point_at_real_records(demo_ws: Workspace) -> None:
    with demo_ws.read() as s:
        known = {"household": set(s.scalars(select(Household.id))), "person": set(s.scalars(select(Person.id))),
                 "place": set(s.scalars(select(Place.id))), "grid": set(s.scalars(select(GridNode.id)))}
        homes = dict(s.execute(select(Household.id, Household.grid_id)).all())
        members = dict(s.execute(select(Person.id, Person.household_id)).all())
        links = s.execute(select(CaseLink.target_kind, CaseLink.target_id)).all()
        visits = s.scalars(select(Visit)).all()
        from_visits = s.execute(select(Case.title, Visit.findings, Case.grid_id, Visit.grid_id)
                                .join(Visit, Visit.id == Case.visit_id)).all()
    assert links and all(target in known[kind] for kind, target in links)
    assert len(visits) == SIZES["village"][1]
    for v in visits:
        assert v.target_id in known[v.target_kind]
        assert TODAY - timedelta(days=366) <= v.visited_on <= TODAY
        if v.target_kind == "household":
            assert v.household_id == v.target_id and v.grid_id == homes[v.target_id]
        if v.target_kind == "person":
            assert v.household_id == members[v.target_id] and v.grid_id == homes[v.household_id]
    assert Counter(v.kind for v in visits).keys() == {"入户走访", "电话回访", "巡查"}
    assert from_visits and all(title == findings and a == b for title, findings, a, b in from_visits)


def test_the_due_list_of_the_demo_has_work_but_not_everyone(demo_ws: Workspace) -> None:
    due = demo_ws.query.due_visits(None, TODAY)
    assert {d.rule_code for d in due} == {"watch", "special", "quarterly"}
    assert 10 < len({d.household_id for d in due}) < 200


def test_the_same_seed_gives_the_same_cases_and_visits(demo_ws: Workspace, tmp_path: Path) -> None:
    again = Workspace.open(backends.database_at(tmp_path / "again.sqlite3"))
    generate(again, "village", seed=1)

    def content(ws: Workspace) -> tuple[list, list]:
        """Everything but the office tag in the numbers: each run makes a new office."""
        tag = numbering.office_tag(ws.office.id)
        with ws.read() as s:
            cases = s.execute(select(Case.number, Case.title, Case.step, Case.accepted_at).order_by(Case.id))
            visits = s.execute(select(Visit.visited_on, Visit.kind, Visit.target_id).order_by(Visit.id))
            return sorted((n.replace(tag, ""), *rest) for n, *rest in cases), list(visits)

    try:
        assert content(again) == content(demo_ws)
    finally:
        again.close()

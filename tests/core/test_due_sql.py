"""The due list and the home counts in SQL against the rules applied in Python (the spec), on random villages;
the date helper against ``add_months``; edge dates, deleted and moved-out records, scope and worker."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from factories import family, valid_id
from sqlalchemy import literal, select, update

from gridapp.cases import due as due_rules
from gridapp.dto import SYSTEM, Actor, DueCounts, DueVisit, TagInput, VisitInput
from gridapp.models import GridNode, Household, Person, PersonTag, Visit
from gridapp.queries.sqldates import add_interval
from gridapp.services.common import in_subtree
from gridapp.workspace import Workspace

WORKER = Actor("王网格员", role="网格员")
TODAY = date(2027, 3, 31)
CATEGORIES = ("left_behind_child", "community_correction", "veteran", "disabled", "elderly_alone")


def set_rows(ws: Workspace, model, ids, **values) -> None:
    """Change stored columns directly (registration days, colours, clocks gone wrong), as old data has them."""
    with ws.engine.begin() as conn:
        conn.execute(update(model).where(model.id.in_(list(ids))).values(**values))


def visit(ws: Workspace, kind: str, target: str, on: date) -> str:
    ws.today = lambda: on
    return ws.visits.record(WORKER, VisitInput(kind, target, content="走访", visited_on=on)).id


def spec(ws: Workspace, scope_id: str | None, today: date, within_days: int = 0) -> list[DueVisit]:
    """The rules of gridapp.cases.due applied one target at a time in Python, read with plain queries."""
    horizon = today + timedelta(days=within_days)
    rules = due_rules.visit_rules()
    with ws.read() as s:
        path = s.get(GridNode, scope_id).path if scope_id else "/"
        homes = s.execute(select(Household, GridNode.name).join(GridNode, GridNode.id == Household.grid_id)
                          .where(~Household.deleted, in_subtree(GridNode.path, path))).all()
        visits = s.scalars(select(Visit).where(~Visit.deleted, Visit.visited_on <= today)).all()
        people = s.scalars(select(Person).where(~Person.deleted, Person.status == "在册")).all()
        tags = s.scalars(select(PersonTag).where(~PersonTag.deleted)).all()
        heads = {p.household_id: p.name for p in s.scalars(select(Person).where(~Person.deleted,
                                                                                 Person.relation == "户主"))}

    def last(matches) -> date | None:
        return max((v.visited_on for v in visits if matches(v)), default=None)

    found = []
    by_id = {h.id: (h, name) for h, name in homes}
    for h, _ in homes:
        covering = [r for r in rules if r.covers_household(h.colour)]
        seen = last(lambda v, h=h: v.household_id == h.id and v.target_kind in ("household", "person"))
        found.append(("household", h.id, h.id, heads.get(h.id) or h.address, seen, covering, h.created_at.date()))
    person_rules = [r for r in rules if r.target == "person"]
    wanted = set().union(*(r.categories or () for r in person_rules))
    for p in people:
        mine = [t for t in tags if t.person_id == p.id and t.category in wanted and (t.until is None
                                                                                     or t.until >= today)]
        if not mine or p.household_id not in by_id:
            continue
        covering = [r for r in person_rules if r.covers_person({t.category for t in mine})]
        seen = last(lambda v, p=p: (v.target_kind, v.target_id) in (("person", p.id), ("household", p.household_id)))
        found.append(("person", p.id, p.household_id, p.name, seen, covering, min(t.created_at for t in mine).date()))
    rows = []
    for kind, tid, hid, title, seen, covering, since in found:
        pick = due_rules.earliest(covering, seen, since)
        if pick is not None and pick[1] <= horizon:
            h, grid_name = by_id[hid]
            rows.append(DueVisit(kind, tid, hid, title, h.address, h.grid_id, grid_name, pick[0].code, pick[0].label,
                                 seen, pick[1], (today - pick[1]).days))
    return sorted(rows, key=lambda d: (d.due_date, d.title, d.target_id))


def random_village(ws: Workspace, tree, seed: int) -> None:
    """Households in three grids with random colours and registration days, tagged members (some tags ended,
    some of groups no rule asks about), visits to households and persons, and the odd deleted or wrong record."""
    rnd = random.Random(seed)
    start = TODAY - timedelta(days=200)
    homes: list[str] = []
    for n in range(12):
        grid = rnd.choice((tree.grid1, tree.grid2, tree.micro))
        home = ws.households.create(SYSTEM, family(grid, number=f"{n:03d}", head_id=valid_id(
            f"11010519500101{n + 100:03d}"))).id
        homes.append(home)
        set_rows(ws, Household, [home], colour=rnd.choice("红黄绿绿绿"),
                 created_at=datetime.combine(start + timedelta(days=rnd.randrange(150)), datetime.min.time()))
        for member in ws.query.household(home).members:
            if rnd.random() < 0.4:
                until = rnd.choice((None, None, TODAY - timedelta(days=3), TODAY))
                ws.households.set_tags(SYSTEM, member.id, [TagInput(rnd.choice(CATEGORIES), {}, until=until)])
                with ws.read() as s:
                    tag_ids = s.scalars(select(PersonTag.id).where(PersonTag.person_id == member.id)).all()
                set_rows(ws, PersonTag, tag_ids, created_at=datetime.combine(
                    start + timedelta(days=rnd.randrange(190)), datetime.min.time()))
            if rnd.random() < 0.5:
                kind, target = rnd.choice((("person", member.id), ("household", home)))
                visit(ws, kind, target, start + timedelta(days=rnd.randrange(200)))
    with ws.read() as s:
        visit_ids = s.scalars(select(Visit.id).order_by(Visit.id)).all()
        person_ids = s.scalars(select(Person.id).order_by(Person.id)).all()
    set_rows(ws, Visit, rnd.sample(visit_ids, 2), deleted=True)
    set_rows(ws, Visit, rnd.sample(visit_ids, 1), visited_on=TODAY + timedelta(days=5))  # a wrong clock
    set_rows(ws, Person, rnd.sample(person_ids, 2), status="迁出")
    set_rows(ws, Person, rnd.sample(person_ids, 1), deleted=True)
    set_rows(ws, Household, [rnd.choice(homes)], deleted=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_sql_due_list_and_counts_follow_the_rules_applied_in_python(ws: Workspace, tree, seed: int) -> None:
    random_village(ws, tree, seed)
    for scope in (None, tree.village, tree.grid2):
        for today in (TODAY - timedelta(days=40), TODAY, TODAY + timedelta(days=31)):
            for within in (0, 7):
                expected = spec(ws, scope, today, within)
                assert ws.query.due_visits(scope, today, within_days=within) == expected
                counts = ws.query.due_counts(scope, today, within_days=within)
                assert (counts.due, counts.overdue, counts.due_today) == (
                    len(expected), sum(d.overdue_days > 0 for d in expected),
                    sum(d.overdue_days == 0 for d in expected))


def test_the_date_helper_adds_calendar_months_as_the_rules_do(ws: Workspace) -> None:
    days = [date(2027, 1, 1) + timedelta(days=n) for n in range(0, 800, 3)] + [
        date(2027, 1, 31), date(2028, 1, 31), date(2028, 2, 29), date(2026, 8, 31), date(2026, 12, 31)]
    with ws.read() as s:
        for months, extra in ((1, 0), (3, 0), (0, 15), (1, 3), (12, 0)):
            got = s.execute(select(*(add_interval(literal(d), months, extra) for d in days))).one()
            assert list(got) == [due_rules.add_months(d, months) + timedelta(days=extra) for d in days]


@pytest.mark.parametrize("months, days", [(1, 0), (3, 0), (0, 15), (1, 3), (2, 1)])
def test_a_rules_latest_start_is_the_last_day_it_makes_the_target_due_by(months: int, days: int) -> None:
    rule = due_rules.VisitRule("x", "x", "household", days, months)
    for n in range(800):
        by = date(2027, 1, 1) + timedelta(days=n)
        start = rule.latest_start(by)
        assert rule.due(None, start) <= by < rule.due(None, start + timedelta(days=1))


def test_due_today_overdue_by_a_day_and_never_visited(ws: Workspace, tree) -> None:
    today_home, late_home, new_home = (ws.households.create(SYSTEM, family(tree.grid1, number=f"00{n}", head_id=valid_id(
        f"11010519500101{n + 200:03d}"))).id for n in range(3))
    set_rows(ws, Household, [today_home, late_home, new_home], created_at=datetime(2026, 1, 1))
    visit(ws, "household", today_home, due_rules.add_months(TODAY, -3))
    visit(ws, "household", late_home, due_rules.add_months(TODAY - timedelta(days=1), -3))
    set_rows(ws, Household, [new_home], created_at=datetime.combine(due_rules.add_months(TODAY, -3),
                                                                     datetime.min.time()))
    found = {d.target_id: d.overdue_days for d in ws.query.due_visits(None, TODAY)}
    assert found == {today_home: 0, late_home: 1, new_home: 0}
    assert ws.query.due_counts(None, TODAY) == DueCounts(due=3, overdue=1, due_today=2)
    assert ws.query.due_counts(None, TODAY - timedelta(days=1)) == DueCounts(due=1, overdue=0, due_today=1)


def test_a_visit_dated_after_today_and_deleted_visits_do_not_count(ws: Workspace, tree) -> None:
    home = ws.households.create(SYSTEM, family(tree.grid1)).id
    set_rows(ws, Household, [home], created_at=datetime(2026, 1, 1))
    good = visit(ws, "household", home, date(2026, 12, 1))
    wrong_clock = visit(ws, "household", home, date(2027, 3, 1))
    set_rows(ws, Visit, [wrong_clock], visited_on=date(2027, 4, 20))
    [row] = ws.query.due_visits(None, TODAY)
    assert (row.last_visit, row.due_date) == (date(2026, 12, 1), date(2027, 3, 1))
    ws.visits.delete(SYSTEM, good)
    [row] = ws.query.due_visits(None, TODAY)
    assert (row.last_visit, row.due_date) == (None, date(2026, 4, 1))


def test_deleted_and_moved_out_records_are_not_due(ws: Workspace, tree) -> None:
    kept, gone = (ws.households.create(SYSTEM, family(tree.grid1, number=f"00{n}", head_id=valid_id(
        f"11010519500101{n + 300:03d}"))).id for n in range(2))
    child, spouse = (m.id for m in ws.query.household(kept).members[1:][::-1])
    for person in (child, spouse):
        ws.households.set_tags(SYSTEM, person, [TagInput("community_correction", {})])
    set_rows(ws, Household, [kept, gone], created_at=datetime(2026, 1, 1))
    later = date(2027, 6, 1)
    assert {d.target_id for d in ws.query.due_visits(None, later)} == {kept, gone, child, spouse}
    set_rows(ws, Household, [gone], deleted=True)
    set_rows(ws, Person, [child], status="迁出")
    set_rows(ws, Person, [spouse], deleted=True)
    assert {d.target_id for d in ws.query.due_visits(None, later)} == {kept}
    assert ws.query.due_counts(None, later).due == 1


def test_a_household_keeps_its_last_visit_after_moving_to_another_grid(ws: Workspace, tree) -> None:
    home = ws.households.create(SYSTEM, family(tree.grid1)).id
    visit(ws, "household", home, date(2027, 3, 1))
    ws.households.move_household(SYSTEM, home, tree.grid2)
    [row] = ws.query.due_visits(tree.grid2, date(2027, 6, 2))
    assert (row.grid_id, row.last_visit, row.due_date) == (tree.grid2, date(2027, 3, 1), date(2027, 6, 1))


def test_counts_follow_scope_and_worker(ws: Workspace, tree) -> None:
    first = ws.households.create(SYSTEM, family(tree.micro, number="001")).id
    second = ws.households.create(SYSTEM, family(tree.grid2, number="002", head_id="110105194912310046")).id
    set_rows(ws, Household, [first, second], created_at=datetime(2026, 1, 1))
    worker = ws.grid.add_worker(SYSTEM, tree.grid1, "刘晓燕").id
    assert ws.query.due_counts(None, TODAY).due == 2
    assert ws.query.due_counts(tree.grid2, TODAY).due == 1
    assert ws.query.due_counts(None, TODAY, worker_id=worker).due == 1
    assert ws.query.due_counts(tree.grid2, TODAY, worker_id=worker).due == 0
    assert ws.query.work_counts(tree.grid1, datetime.combine(TODAY, datetime.min.time())).due_visits == 1

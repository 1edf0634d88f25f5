"""Demo data: a village that looks real and obeys every rule of the 采集簿, the same for the same seed."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import backends
import pytest
from factories import recording
from sqlalchemy import func, select

from gridapp import codes, idnumber, pinyin
from gridapp.dates import age_on
from gridapp.demo import TODAY, DemoSummary, generate, geography
from gridapp.dto import TagInput
from gridapp.errors import RuleViolation
from gridapp.models import (
    AuditEntry,
    GridAssignment,
    GridNode,
    GridWorker,
    House,
    Household,
    PartyCenter,
    PartyCenterLink,
    Person,
    PersonTag,
    Place,
)
from gridapp.services.people_rules import tag_values
from gridapp.workspace import Workspace

CHILDREN = {"子", "女", "长子", "次子", "长女", "次女", "独生子", "独生女"}
GRANDCHILDREN = {"孙子", "孙女"}
PARENTS = {"父亲", "母亲"}
MARRIED = {"已婚", "初婚", "再婚"}
CODED = [
    (Person, "relation", "relation"),
    (Person, "ethnicity", "ethnicity"),
    (Person, "political_status", "political_status"),
    (Person, "education", "education"),
    (Person, "marital_status", "marital_status"),
    (Person, "residence_kind", "residence_kind"),
    (Person, "status", "person_status"),
    (Person, "sex", "sex"),
    (Household, "kind", "household_kind"),
    (Household, "colour", "monitor_colour"),
    (House, "use", "house_use"),
    (House, "structure", "house_structure"),
    (House, "safety_rating", "safety_rating"),
    (Place, "type", "place_type"),
    (Place, "risk_level", "risk_level"),
    (GridNode, "kind", "grid_kind"),
    (GridWorker, "kind", "worker_kind"),
    (GridAssignment, "role", "worker_role"),
]


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory):
    ws = Workspace.open(backends.database_at(tmp_path_factory.mktemp("demo") / "t.sqlite3"))
    calls: list[tuple[int, int]] = []
    summary = generate(ws, "village", seed=1, progress=recording(calls))
    yield ws, summary, calls
    ws.close()


def _persons(ws: Workspace) -> list[tuple[str, str, str, str]]:
    with ws.read() as s:
        rows = s.execute(select(Person.id, Person.name, Person.id_number, Person.relation)
                         .join(Household, Household.id == Person.household_id)
                         .order_by(Household.number, Household.grid_id, Person.sort_order)).all()
    return [tuple(r) for r in rows]


def test_a_village_has_the_expected_size_and_an_office(village) -> None:
    ws, summary, calls = village
    assert isinstance(summary, DemoSummary)
    assert summary.households == 300
    assert 1000 <= summary.persons <= 1400
    assert 21 <= summary.grid_nodes <= 27
    assert 0.9 * summary.households <= summary.houses <= 1.1 * summary.households
    assert 10 <= summary.places <= 25 and summary.workers >= 8 and summary.tags >= 80
    with ws.read() as s:
        def count(model) -> int:
            return s.scalar(select(func.count()).select_from(model))

        in_db = [count(m) for m in (GridNode, Household, Person, House, Place, PersonTag, GridWorker)]
        assert in_db == [summary.grid_nodes, summary.households, summary.persons, summary.houses,
                         summary.places, summary.tags, summary.workers]
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "demo")).all()
        assert len(audit) == 1 and audit[0].detail["persons"] == summary.persons
        # Bulk inserts write no per-row audit entries; only the monitoring's judgement at the end writes records.
        judged = set(s.scalars(select(AuditEntry.table_name).where(AuditEntry.action != "demo")))
        assert judged <= {"households", "colour_changes", "monitor_warnings", "cases", "case_steps", "case_links"}
    assert ws.office.name == "幸福村村民委员会" and ws.office.county_code == "411423"
    assert calls[-1] == (300, 300)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    stats = ws.query.stats()
    assert stats["grid_nodes"] == {"县(市/区)": 1, "镇(街道)": 1, "村(社区)": 1, "网格": 6,
                                   "微网格": summary.grid_nodes - 9}
    floating = stats["persons_by_residence_kind"].get("流动人口", 0)
    assert 0.04 <= floating / summary.persons <= 0.16


def test_the_tree_is_county_town_village_grids_and_micro_grids(village) -> None:
    ws, _, _ = village
    with ws.read() as s:
        nodes = {n.id: n for n in s.scalars(select(GridNode))}
        households = s.scalars(select(Household)).all()
        houses = {h.id: h for h in s.scalars(select(House))}
    roots = [n for n in nodes.values() if n.parent_id is None]
    assert len(roots) == 1 and roots[0].code == "411423" and roots[0].name == "宁陵县"
    for n in nodes.values():
        parent = nodes.get(n.parent_id)
        assert n.path == (parent.path if parent else "/") + n.id + "/"
        assert n.level == (parent.level + 1 if parent else 1)
        assert n.code.startswith(parent.code if parent else "411423")
        assert n.boundary_east.startswith("东至") or n.level == 5
    village_node = next(n for n in nodes.values() if n.level == 3)
    assert village_node.name == "幸福村" and village_node.head_name and village_node.party_org
    grids = sorted((n for n in nodes.values() if n.level == 4), key=lambda n: n.sort_order)
    assert [n.name for n in grids[:2]] == ["第一网格", "第二网格"]
    parents = {n.parent_id for n in nodes.values()}
    numbers = Counter(h.number for h in households)
    assert max(numbers.values()) == 1
    for h in households:
        assert h.grid_id not in parents, "households hang on the lowest level"
        assert h.address.startswith("幸福村") and "组" in h.address
        house = houses[h.house_id]
        assert house.grid_id == h.grid_id and house.address == h.address
    uses = Counter(h.use for h in houses.values())
    assert uses["自住"] > 200 and 10 <= uses["出租"] <= 45 and uses["空置"] >= 1
    for house in houses.values():
        if house.use == "出租":
            assert house.rent_start and house.rent_end > house.rent_start and house.tenant_count >= 1
    colours = Counter(h.colour for h in households)
    assert colours["绿"] > 150 and colours["红"] >= 3 and colours["黄"] >= 30
    assert all(h.colour_reason for h in households if h.colour != "绿")


def test_indicators_make_the_rules_find_believable_causes(village) -> None:
    ws, _, _ = village
    report = ws.query.monitor_report()
    assert {"收入低于监测线", "基本医疗", "住房安全", "饮水安全", "人工认定"} <= set(report.causes)
    assert sum(report.colours.values()) == 300 and report.line == 6000
    with ws.read() as s:
        members = s.execute(select(Person.medical_insured, Person.schooling, Person.birth_date)).all()
        incomes = s.scalars(select(Household.income_per_capita)).all()
    assert sum(m.medical_insured is False for m in members) >= 1
    ages = [(age_on(m.birth_date, TODAY), m.schooling) for m in members]
    assert all(school in ("在校", "失学") for age, school in ages if 7 <= age <= 14)
    assert all(school == "" for age, school in ages if age <= 4 or age >= 17)
    assert sum(i is not None and i < 6000 for i in incomes) >= 5 and sum(i is None for i in incomes) >= 1


def test_id_numbers_are_valid_unique_and_agree_with_sex_and_birth_date(village) -> None:
    ws, _, _ = village
    with ws.read() as s:
        persons = s.scalars(select(Person)).all()
    numbers = [p.id_number for p in persons]
    assert len(set(numbers)) == len(numbers)
    for p in persons:
        info = idnumber.parse(p.id_number, today=TODAY)
        assert (info.sex, info.birth_date) == (p.sex, p.birth_date)
        assert p.id_reversed == p.id_number[::-1]
        assert p.name_initials == pinyin.initials(p.name)
        assert p.birth_date <= TODAY
    surnames = {p.name[0] for p in persons}
    assert {"曾", "单", "解", "仇", "区"} <= surnames
    assert next(p.name_initials for p in persons if p.name.startswith("曾"))[0] == "z"
    assert next(p.name_initials for p in persons if p.name.startswith("单"))[0] == "s"


def test_households_are_families_that_make_sense(village) -> None:
    ws, _, _ = village
    with ws.read() as s:
        members: dict[str, list[Person]] = defaultdict(list)
        for p in s.scalars(select(Person).order_by(Person.sort_order)):
            members[p.household_id].append(p)
        kinds = dict(s.execute(select(Household.id, Household.kind)).all())
    assert len(members) == 300
    sizes = [len(m) for m in members.values()]
    assert 3.0 <= sum(sizes) / len(sizes) <= 4.6
    for household_id, people in members.items():
        heads = [p for p in people if p.relation == "户主"]
        assert len(heads) == 1 and people[0] is heads[0]
        head = heads[0]
        assert (TODAY - head.birth_date).days // 365 >= 20
        for p in people:
            if p.relation in ("配偶", "妻", "夫"):
                assert p.sex != head.sex
                assert {p.marital_status, head.marital_status} <= MARRIED
            if p.relation in CHILDREN:
                assert (p.birth_date - head.birth_date).days > 18 * 365
                assert p.sex == ("男" if "子" in p.relation else "女")
            if p.relation in GRANDCHILDREN:
                assert (p.birth_date - head.birth_date).days > 36 * 365
                for parent in people:
                    if parent.relation in CHILDREN | {"儿媳"}:
                        assert p.birth_date > parent.birth_date
            if p.relation in PARENTS:
                assert (head.birth_date - p.birth_date).days > 18 * 365
            age = (TODAY - p.birth_date).days // 365
            if age < 18:
                assert p.marital_status == "未婚"
            if age < 16:
                assert p.phone == ""
            if p.phone:
                assert len(p.phone) == 11 and p.phone.startswith("1")
        if kinds[household_id] == "流动户":
            assert {p.residence_kind for p in people} == {"流动人口"}


def test_every_coded_value_is_a_label_of_its_code_table(village) -> None:
    ws, _, _ = village
    with ws.read() as s:
        for model, column, table in CODED:
            values = set(s.scalars(select(getattr(model, column)).distinct()))
            for value in values - {""}:
                item = codes.match(table, value)
                assert item is not None and item.label == value, (table, value)
            assert values - {""}, (table, "no values")
        educations = set(s.scalars(select(Person.education).distinct()))
    assert "" in educations  # small children have none yet


def test_tags_validate_against_their_special_group_fields(village) -> None:
    ws, _, _ = village
    with ws.read() as s:
        tags = s.scalars(select(PersonTag)).all()
        ages = {p.id: (TODAY - p.birth_date).days // 365 for p in s.scalars(select(Person))}
    categories = Counter(t.category for t in tags)
    assert {"disabled", "serious_illness", "subsistence_allowance"} <= set(categories)
    assert categories.keys() & {"elderly_alone", "empty_nest_elderly", "left_behind_elderly"}
    for t in tags:
        checked = tag_values(TagInput(t.category, dict(t.details), t.since, t.until))
        assert checked["details"] == t.details
        group = codes.special_group(t.category)
        for f in group.fields:
            value = t.details.get(f.key)
            if value is None:
                continue
            if f.type == "choice":
                assert value in f.options
            elif f.type == "date":
                date.fromisoformat(value)
            elif f.type == "number":
                float(value)
        if t.category in ("elderly_alone", "empty_nest_elderly", "left_behind_elderly"):
            assert ages[t.person_id] >= 60
        if t.category == "left_behind_child":
            assert ages[t.person_id] < 16


def test_floating_people_have_an_origin_in_another_province_and_an_arrival_date(village) -> None:
    ws, _, _ = village
    with ws.read() as s:
        floating = s.scalars(select(Person).where(Person.residence_kind == "流动人口")).all()
        local = s.scalars(select(Person).where(Person.residence_kind == "户籍人口")).all()
    assert floating
    for p in floating:
        assert p.origin and p.arrival_date and p.arrival_date >= p.birth_date and p.arrival_date <= TODAY
        assert not p.id_number.startswith("41")
        assert idnumber.parse(p.id_number).birthplace == p.origin
    assert all(not p.origin and p.arrival_date is None for p in local)
    assert Counter(p.id_number[:6] for p in local).most_common(1)[0][0] in ("411423", "412324")


def test_workers_and_party_centres(village) -> None:
    ws, _, _ = village
    with ws.read() as s:
        roles = Counter(s.scalars(select(GridAssignment.role)))
        links = Counter(s.scalars(select(PartyCenterLink.center_id)))
        centres = s.scalars(select(PartyCenter)).all()
        members = {p.id: p for p in s.scalars(select(Person))}
    assert roles["网格长"] == 1 and roles["网格员"] >= 6 and roles["网格指导员"] == 1
    assert 6 <= len(centres) <= 12
    for c in centres:
        assert 5 <= links[c.id] <= 10
        assert members[c.member_id].political_status == "中共党员"
        assert members[c.member_id].household_id == c.household_id


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not(village, tmp_path: Path) -> None:
    ws, _, _ = village
    again = Workspace.open(backends.database_at(tmp_path / "again.sqlite3"))
    generate(again, "village", seed=1)
    other = Workspace.open(backends.database_at(tmp_path / "other.sqlite3"))
    other.init_office("测试村村委会", "411423")
    generate(other, "village", seed=2)
    try:
        first = _persons(ws)
        assert _persons(again) == first
        assert _persons(other) != first
        assert {p[1] for p in _persons(other)} != {p[1] for p in first}
        assert other.office.name == "测试村村委会"
    finally:
        again.close()
        other.close()


def test_the_demo_lies_in_the_offices_own_county_with_its_former_code(tmp_path: Path) -> None:
    ws = Workspace.open(backends.database_at(tmp_path / "zhengding.sqlite3"))
    try:
        ws.init_office("正定县网格化服务管理中心", "130123")
        generate(ws, "village", seed=1)
        with ws.read() as s:
            root = s.scalars(select(GridNode).where(GridNode.level == 1)).one()
            persons = s.scalars(select(Person).where(Person.residence_kind == "户籍人口")).all()
    finally:
        ws.close()
    assert (root.code, root.name) == ("130123", "正定县")
    assert {p.id_number[:6] for p in persons} <= set(geography.county("130123").nearby) | {"130123", "132328"}
    former = [p for p in persons if p.id_number.startswith("132328")]  # 正定县 before 1986
    assert former and all(p.birth_date.year <= 1985 for p in former)


def test_a_province_or_an_unknown_code_gives_the_default_county() -> None:
    assert geography.county("13").code == geography.county("").code == geography.DEFAULT_COUNTY
    assert geography.county("999999").name == "宁陵县"


def test_a_second_run_is_refused(village) -> None:
    ws, summary, _ = village
    with pytest.raises(RuleViolation, match="已有住户"):
        generate(ws, "village", seed=5)
    with ws.read() as s:
        assert s.scalar(select(func.count()).select_from(Household)) == summary.households


def test_an_unknown_scale_is_refused(tmp_path: Path) -> None:
    ws = Workspace.open(backends.database_at(tmp_path / "x.sqlite3"))
    try:
        with pytest.raises(RuleViolation, match="规模"):
            generate(ws, "province")
        assert ws.office is None
    finally:
        ws.close()

"""Ledgers of persons: 实有人口, 户籍人口, 流动人口, 老龄人口, and the tag ledgers 特殊人群 and 帮教对象."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from gridapp import codes
from gridapp.ledgers.fields import Field, attr, count, field, numbered, period
from gridapp.ledgers.model import Section
from gridapp.ledgers.people import person_rows, tags_by_person
from gridapp.ledgers.scope import Scope
from gridapp.models import Person, PersonTag

ELDERLY_AGE = 60
OLDEST_AGE = 80  # 高龄老人, marked ★
LIVING_ALONE = ("elderly_alone", "empty_nest_elderly", "left_behind_elderly")
REHABILITATION = ("community_correction", "released_prisoner")

NAME = attr("姓名", 18, "name")
SEX = attr("性别", 9, "sex", "center")
ID_NUMBER = attr("身份证号", 36, "id_number")
BORN = attr("出生日期", 20, "birth_date", "center")
ETHNICITY = attr("民族", 14, "ethnicity", "center")
RELATION = attr("与户主关系", 18, "relation", "center")
HOUSEHOLD = attr("户号", 12, "household_number", "center")
ADDRESS = attr("住址", 36, "address")
RESIDENCE = attr("人口类别", 17, "residence_kind", "center")
PHONE = attr("联系电话", 24, "phone")
EDUCATION = attr("文化程度", 21, "education", "center")
MARITAL = attr("婚姻状况", 15, "marital_status", "center")
POLITICAL = attr("政治面貌", 18, "political_status", "center")
ORIGIN = attr("户籍地/来源地", 36, "origin")
ARRIVAL = attr("来本地日期", 20, "arrival_date", "center")
EMPLOYER = field("工作单位/职业", 40, lambda p: p.employer or p.occupation)
LANDLORD = attr("房东", 16, "landlord", "center")


def grid_field(scope: Scope) -> Field:
    return field("所属网格", 34, lambda r: scope.labels[r.grid_id])


def age_field(scope: Scope) -> Field:
    return count("年龄", 10, lambda p: scope.age(p.birth_date))


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def population(scope: Scope) -> list[Section]:
    fields = (NAME, SEX, ID_NUMBER, BORN, ETHNICITY, RELATION, HOUSEHOLD, ADDRESS, RESIDENCE, PHONE,
              grid_field(scope))
    return [numbered("", fields, person_rows(scope))]


def registered(scope: Scope) -> list[Section]:
    fields = (NAME, SEX, ID_NUMBER, BORN, ETHNICITY, EDUCATION, MARITAL, POLITICAL, RELATION, HOUSEHOLD,
              ADDRESS, PHONE, grid_field(scope))
    return [numbered("", fields, person_rows(scope, Person.residence_kind == "户籍人口"))]


def floating(scope: Scope) -> list[Section]:
    fields = (NAME, SEX, ID_NUMBER, ORIGIN, ARRIVAL, ADDRESS, LANDLORD, EMPLOYER, PHONE, grid_field(scope))
    return [numbered("", fields, person_rows(scope, Person.residence_kind == "流动人口"))]


def elderly(scope: Scope) -> list[Section]:
    """60 and over, oldest marked ★, with how they live (独居/空巢/留守) from their tags."""
    labels = {code: codes.special_group(code).label for code in LIVING_ALONE}
    living = tags_by_person(scope, LIVING_ALONE)
    fields = (
        NAME, SEX, age_field(scope), BORN, ID_NUMBER, RELATION, HOUSEHOLD, ADDRESS, PHONE,
        field("居住情况", 22, lambda p: "、".join(labels[t.category] for t in living.get(p.id, ())), "center"),
        field("高龄", 10, lambda p: "★" if (scope.age(p.birth_date) or 0) >= OLDEST_AGE else "", "center"),
        grid_field(scope),
    )
    rows = person_rows(scope, Person.birth_date <= years_before(scope.today, ELDERLY_AGE))
    return [numbered("", fields, rows)]


def tagged(scope: Scope, categories: tuple[str, ...]) -> list[Section]:
    """One section per special group present in the scope, with that group's own detail fields as columns."""
    tags = tags_by_person(scope, categories)
    tagged_ids = select(PersonTag.person_id).where(PersonTag.category.in_(categories), ~PersonTag.deleted)
    persons = list(person_rows(scope, Person.id.in_(tagged_ids)))  # read once for every group
    sections = []
    for group in codes.special_groups():
        if group.code not in categories:
            continue
        entries = [(p, t) for p in persons for t in tags.get(p.id, ()) if t.category == group.code]
        if not entries:
            continue
        details = tuple(
            field(f.label, 24 if f.type == "text" else 20, lambda e, key=f.key: (e[1].details or {}).get(key, ""))
            for f in group.fields
        )
        fields = (
            _of_person(NAME), _of_person(SEX), _of_person(age_field(scope)),
            _of_person(ID_NUMBER), _of_person(ADDRESS), _of_person(PHONE), *details,
            field("起止日期", 24, lambda e: period(e[1].since, e[1].until, "今"), "center"),
            field("所属网格", 32, lambda e: scope.labels[e[0].grid_id]),
        )
        sections.append(numbered(f"{group.label}（{len(entries)}人）", fields, entries, sheet=group.label))
    return sections


def special_groups(scope: Scope) -> list[Section]:
    return tagged(scope, tuple(g.code for g in codes.special_groups()))


def rehabilitation(scope: Scope) -> list[Section]:
    return tagged(scope, REHABILITATION)


def tag_summary(tag: Any) -> str:
    """A tag as one phrase for a household page: 残疾人（残疾类别：肢体，残疾等级：二级）."""
    group = codes.special_group(tag.category)
    values = tag.details or {}
    details = "，".join(f"{f.label}：{values[f.key]}" for f in group.fields if values.get(f.key))
    return f"{group.label}（{details}）" if details else group.label


def _of_person(f: Field) -> Field:
    return Field(f.column, lambda e: f.value(e[0]))

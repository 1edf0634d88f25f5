"""Persons and what identifies them: names, ID numbers and phone numbers, schooling, party, marriage and work.

Names follow the fashion of the birth year, ID numbers carry the birthplace code valid in the birth year
(an abolished code of the county for older people), and ID and phone numbers are never given twice.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from gridapp import idnumber, pinyin
from gridapp.demo import geography, names
from gridapp.demo.draws import Weighted
from gridapp.demo.families import Spec
from gridapp.demo.geography import County
from gridapp.demo.plan import TODAY
from gridapp.demo.rows import Rows
from gridapp.models import Person

PHONE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                  "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "183", "185", "186",
                  "187", "188", "189", "198", "199")
EDUCATION_BY_BIRTH_YEAR = tuple((last_year, Weighted(pairs)) for last_year, pairs in (
    # (born up to this year, ((label, weight), ...))
    (1950, (("文盲或半文盲", 35), ("小学", 45), ("初中", 15), ("高中", 5))),
    (1965, (("文盲或半文盲", 15), ("小学", 35), ("初中", 35), ("高中", 12), ("中等专科", 3))),
    (1980, (("小学", 15), ("初中", 50), ("高中", 20), ("中等专科", 7), ("大学专科", 5), ("大学本科", 3))),
    (1995, (("小学", 4), ("初中", 40), ("高中", 20), ("中等专科", 8), ("技工学校", 5), ("大学专科", 13),
            ("大学本科", 9), ("研究生", 1))),
    (9999, (("初中", 25), ("高中", 18), ("中等专科", 10), ("技工学校", 5), ("大学专科", 22), ("大学本科", 18),
            ("研究生", 2))),
))
OCCUPATIONS = Weighted((("务农", 35), ("外出务工", 25), ("个体经营", 8), ("企业职工", 10), ("无业", 5), ("教师", 2),
                        ("乡村医生", 1), ("货车司机", 3), ("建筑工人", 6), ("家务", 5)))
SURNAMES = Weighted(names.SURNAMES)
ORIGIN_PROVINCES = Weighted(names.ORIGIN_PROVINCES)


class People:
    """Shared by everything that names someone, so that ID and phone numbers stay unique in the whole demo."""

    def __init__(self, rng: random.Random, rows: Rows, county: County) -> None:
        self.rng = rng
        self.rows = rows
        self.county = county
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()
        self.origin_counties = {p: geography.county_codes(p) for p in ORIGIN_PROVINCES.labels}

    def person(self, household_id: str, order: int, spec: Spec, surname: str, taken: set[str], *,
               birthplace: str | None, residence: str, origin: str, arrival: date | None, ethnicity: str,
               city: str) -> dict[str, Any]:
        """A person row; ``taken`` holds the names already in the household (a second 张伟 is avoided)."""
        rng = self.rng
        birth = TODAY - timedelta(days=int(spec.age * 365.25) + rng.randrange(365))
        if birthplace is None:
            birthplace = self.county.code
            for code, last_year in self.county.former:
                if birth.year <= last_year and rng.random() < 0.85:
                    birthplace = code
        number = self._id_number(birthplace, birth, spec.sex)
        name = self.full_name(surname, spec.sex, birth.year)
        for _ in range(5):
            if name not in taken:
                break
            name = self.full_name(surname, spec.sex, birth.year)
        taken.add(name)
        initials = pinyin.initials(name)
        age = spec.age
        phone_share = 0.5 if age < 18 else 0.95 if age < 70 else 0.7 if age < 80 else 0.4
        has_phone = age >= 16 and rng.random() < phone_share
        occupation, employer = self._work(age, spec.sex, spec.away, city, residence)
        phone = self.phone() if has_phone else ""
        return self.rows.add(
            Person, household_id=household_id, sort_order=order, relation=spec.relation, name=name,
            name_initials=initials, id_number=number, id_reversed=number[::-1], sex=spec.sex,
            birth_date=birth,
            ethnicity=ethnicity, political_status=self._political(age, spec.sex, occupation),
            education=self._schooling(age, birth.year, spec.sex), marital_status=self._marital(spec),
            occupation=occupation, employer=employer, phone=phone, phone_reversed=phone[::-1],
            residence_kind=residence, origin=origin, arrival_date=arrival, status="在册", notes="",
        )

    def surname(self) -> str:
        return SURNAMES.draw(self.rng)

    def full_name(self, surname: str, sex: str, year: int) -> str:
        """``surname`` with a given name in the fashion of the birth ``year``."""
        era = "old" if year < 1960 else "mid" if year < 1980 else "young" if year < 2000 else "new"
        pool = names.GIVEN[(era, sex)]
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            given = rng.choice(pool["whole"])
        elif roll < 0.5:
            given = rng.choice(pool["single"])
        else:
            first = rng.choice(pool["first"])
            second = rng.choice([c for c in pool["second"] if c != first])
            given = first + second
        return surname + given

    def phone(self) -> str:
        """A mobile number nobody else in the demo has."""
        while True:
            number = self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(100_000_000):08d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def origin(self) -> tuple[str, str]:
        """(county code, full name) of a place floating residents come from."""
        while True:
            counties = self.origin_counties[ORIGIN_PROVINCES.draw(self.rng)]
            if counties:
                code = self.rng.choice(counties)
                return code, geography.name_of(code)

    def _id_number(self, code6: str, birth: date, sex: str) -> str:
        stem = f"{code6}{birth.year:04d}{birth.month:02d}{birth.day:02d}"
        odd = 1 if sex == "男" else 0
        while True:
            first17 = f"{stem}{self.rng.randrange(500) * 2 + odd:03d}"
            if first17 not in self.used_ids:
                self.used_ids.add(first17)
                return first17 + idnumber.check_digit(first17)

    def _schooling(self, age: int, year: int, sex: str) -> str:
        rng = self.rng
        if age < 6:
            return ""
        if age < 12:
            return "小学"
        if age < 15:
            return "初中"
        if age < 18:
            return rng.choice(("高中", "高中", "初中", "中等专科"))
        for last, table in EDUCATION_BY_BIRTH_YEAR:
            if year <= last:
                label = table.draw(rng)
                if sex == "女" and year <= 1965 and label != "文盲或半文盲" and rng.random() < 0.15:
                    label = "文盲或半文盲"
                return label
        return "初中"

    def _political(self, age: int, sex: str, occupation: str) -> str:
        roll = self.rng.random()
        if age < 14:
            return "群众"
        if age < 29:
            if age >= 18 and roll < 0.03:
                return "中共党员"
            if age >= 18 and roll < 0.04:
                return "中共预备党员"
            return "共青团员" if roll < (0.6 if occupation == "学生" else 0.3) else "群众"
        party = 0.09 if sex == "男" else 0.03
        shares = (("中共党员", party), ("中共预备党员", 0.004), ("无党派人士", 0.002), ("民盟盟员", 0.001))
        for label, share in shares:
            if roll < share:
                return label
            roll -= share
        return "群众"

    def _marital(self, spec: Spec) -> str:
        if spec.marital == "已婚":
            roll = self.rng.random()
            return "初婚" if roll < 0.1 else "再婚" if roll < 0.14 else "已婚"
        return spec.marital

    def _work(self, age: int, sex: str, away: bool, city: str, residence: str) -> tuple[str, str]:
        """(occupation, employer)."""
        rng = self.rng
        if age < 6:
            return "学龄前儿童", ""
        if age < 18 or (age < 23 and rng.random() < 0.5):
            return "学生", ""
        if away:
            return "外出务工", self._company(city or rng.choice(names.WORK_CITIES))
        if residence == "流动人口":
            job = rng.choice(("企业职工", "个体经营", "建筑工人", "企业职工"))
            return job, self._company(self.county.name) if job == "企业职工" else ""
        if age >= 65:
            return ("务农", "") if rng.random() < 0.55 else ("无", "")
        job = OCCUPATIONS.draw(rng)
        if job == "家务" and sex == "男":
            job = "务农"
        if job == "外出务工":
            return job, self._company(rng.choice(names.WORK_CITIES))
        if job == "企业职工":
            return job, self._company(self.county.name)
        return job, ""

    def _company(self, where: str) -> str:
        city = where.split("省")[-1].split("自治区")[-1]
        return f"{city}{self.rng.choice(names.EMPLOYER_WORDS)}{self.rng.choice(names.INDUSTRIES)}有限公司"

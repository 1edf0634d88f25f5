"""Special-group tags (重点人群) of a household's members, drawn by age, sex and family situation.

Details are valid against the special-group definitions: empty values are left out.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from gridapp.demo import names
from gridapp.demo.geography import County
from gridapp.demo.homes import Home, Member
from gridapp.demo.people import People
from gridapp.demo.plan import TODAY
from gridapp.demo.rows import Rows
from gridapp.models import PersonTag

Categories = dict[str, dict[str, str]]  # category -> the details of its first tag in the household


class Tagger:
    """Tags a household's members as it is built, and tells which categories it got (for its colour)."""

    def __init__(self, rng: random.Random, rows: Rows, people: People, county: County) -> None:
        self.rng = rng
        self.rows = rows
        self.people = people
        self.county = county

    def tag(self, home: Home, community: bool, away_city: str) -> Categories:
        """Tag the members of ``home``; ``away_city`` is where its young couple works, if it is away."""
        rng = self.rng
        people = self.people
        members = home.members
        head = home.head.row
        contact_phone = home.row["phone"] or head["phone"]
        categories: Categories = {}

        def tag(m: Member, category: str, details: dict[str, str], since: date | None = None,
                until: date | None = None) -> None:
            details = {key: value for key, value in details.items() if value}
            self.rows.add(PersonTag, person_id=m.row["id"], category=category, details=details, since=since,
                          until=until, notes="")
            categories.setdefault(category, details)

        def day(years_back: float) -> date:
            return TODAY - timedelta(days=int(years_back * 365) + rng.randrange(365))

        everyone_old = all(m.age >= 60 for m in members)
        disabled = False
        for m in members:
            row, age = m.row, m.age
            if len(members) == 1 and age >= 60 and rng.random() < 0.85:
                tag(m, "elderly_alone", {"contact": people.full_name(row["name"][0], "男", 1975),
                                         "contact_phone": people.phone()})
            elif everyone_old and len(members) > 1 and rng.random() < 0.7:
                tag(m, "empty_nest_elderly", {"contact": people.full_name(head["name"][0], "男", 1978),
                                              "contact_phone": people.phone()})
            if away_city and age >= 60:
                tag(m, "left_behind_elderly", {"children_location": away_city, "contact": head["name"],
                                               "contact_phone": contact_phone})
            if away_city and m.role == "grandchild" and age < 16:
                spouse = next((x for x in members if x.role == "spouse"), members[0])
                guardian = members[0] if members[0].age < 75 else spouse
                tag(m, "left_behind_child", {"guardian": guardian.row["name"],
                                             "guardian_phone": guardian.row["phone"] or contact_phone,
                                             "parents_location": away_city})
            if rng.random() < (0.04 if age >= 60 else 0.012):
                disabled = True
                kind = rng.choices(("视力", "听力", "言语", "肢体", "智力", "精神", "多重"),
                                   weights=(12, 12, 3, 45, 10, 10, 8))[0]
                grade = rng.choices(("一级", "二级", "三级", "四级"), weights=(10, 25, 30, 35))[0]
                certificate = (row["id_number"] + str("视力听力言语肢体智力精神多重".index(kind) // 2 + 1)
                               + str("一二三四".index(grade[0]) + 1))
                tag(m, "disabled",
                    {"disability_type": kind, "disability_grade": grade, "certificate_no": certificate},
                    since=day(rng.uniform(1, 15)))
            if row["sex"] == "男" and 25 <= age <= 80 and rng.random() < 0.03:
                discharged = row["birth_date"] + timedelta(days=int(365.25 * rng.randint(20, 24)))
                tag(m, "veteran", {"discharge_date": discharged.isoformat(),
                                   "preferential_card_no": f"{self.county.code}{rng.randrange(10**8):08d}"})
                if rng.random() < 0.1:
                    tag(m, "entitled_group", {"entitled_type": rng.choice(("在乡复员军人", "带病回乡退伍军人",
                                                                           "参战参试退役人员", "残疾军人"))})
            if age >= 45 and rng.random() < 0.07:
                tag(m, "serious_illness", {"disease": rng.choice(names.DISEASES),
                                           "family_doctor": "是" if rng.random() < 0.7 else "否"},
                    since=day(rng.uniform(0, 10)))
            if (row["sex"] == "女" and 20 <= age <= 40 and m.role in ("spouse", "inlaw", "head")
                    and row["marital_status"] != "未婚" and rng.random() < 0.04):
                tag(m, "pregnant", {"due_date": (TODAY + timedelta(days=rng.randint(10, 270))).isoformat(),
                                    "hospital": rng.choice((f"{self.county.name}人民医院",
                                                            f"{self.county.name}妇幼保健院"))})
            if age < 16 and rng.random() < 0.004:
                difficulty = rng.choice(("家庭贫困", "自身残疾", "监护缺失或不当"))
                tag(m, "child_in_difficulty", {"difficulty_type": difficulty, "guardian": head["name"],
                                               "guardian_phone": contact_phone})
            if 14 <= age <= 25 and rng.random() < 0.003:
                tag(m, "key_youth", {"youth_type": rng.choice(("闲散青少年", "有不良行为青少年", "其他")),
                                     "guardian": head["name"] if m.role != "head" else "",
                                     "guardian_phone": contact_phone})
            if 18 <= age <= 60 and rng.random() < 0.002:
                start = TODAY - timedelta(days=rng.randint(30, 700))
                end = start + timedelta(days=365 * rng.randint(1, 3))
                tag(m, "community_correction",
                    {"correction_type": rng.choices(("缓刑", "假释", "管制", "暂予监外执行"),
                                                    weights=(80, 10, 5, 5))[0],
                     "crime": rng.choice(names.CRIMES), "start_date": start.isoformat(),
                     "end_date": end.isoformat()},
                    since=start, until=end)
            if 20 <= age <= 65 and rng.random() < 0.003:
                released = day(rng.uniform(0, 5))
                tag(m, "released_prisoner", {"release_date": released.isoformat(),
                                             "original_crime": rng.choice(names.CRIMES),
                                             "original_sentence": rng.choice(names.SENTENCES),
                                             "helper": people.full_name(people.surname(), "男", 1975)},
                    since=released)
            if age >= 18 and rng.random() < 0.004:
                guardian = next((x for x in members if x is not m and x.age >= 18), None)
                tag(m, "mental_disorder",
                    {"risk_level": rng.choices(("0级", "1级", "2级", "3级", "4级", "5级"),
                                               weights=(40, 30, 15, 10, 3, 2))[0],
                     "guardian": guardian.row["name"] if guardian else "",
                     "guardian_phone": (guardian.row["phone"] if guardian else "") or contact_phone,
                     "medication": rng.choices(("规律服药", "间断服药", "不服药"), weights=(70, 22, 8))[0]})
            if 18 <= age <= 55 and rng.random() < 0.0015:
                status = rng.choice(("社区戒毒", "社区康复", "已戒断三年未复吸"))
                tag(m, "drug_user", {"control_status": status})
            if age >= 40 and rng.random() < 0.001:
                tag(m, "key_petitioner", {"demand": rng.choice(names.PETITION_DEMANDS),
                                          "petition_level": rng.choice(("县级", "市级", "省级"))})
        first = members[0]
        if not home.local:
            return categories
        if rng.random() < (0.18 if disabled else 0.026):
            year = rng.randint(2012, 2025)
            certificate = f"{self.county.code}{year}{rng.randrange(10**5):05d}"
            tag(first, "subsistence_allowance",
                {"amount": str(rng.choice((380, 420, 450, 480, 520))), "certificate_no": certificate},
                since=date(year, rng.randint(1, 12), 1))
        if len(members) == 1 and first.age >= 65 and rng.random() < 0.12:
            tag(first, "extreme_poverty", {"support_mode": "分散供养" if rng.random() < 0.85 else "集中供养"})
        if not community and rng.random() < 0.05:
            year = rng.randint(2016, 2020)
            tag(first, "poverty_alleviated", {"year": str(year)}, since=date(year, 12, 1))
        if rng.random() < 0.01:
            monitor_type = rng.choice(("脱贫不稳定户", "边缘易致贫户", "突发严重困难户"))
            tag(first, "monitored", {"monitor_type": monitor_type,
                                     "main_risk": rng.choice(("因病", "因学", "因残", "因灾", "因意外事故",
                                                              "因务工就业不稳", "缺劳动力")),
                                     "risk_eliminated": "未消除" if rng.random() < 0.6 else "已消除"},
                since=day(rng.uniform(0, 3)))
        return categories

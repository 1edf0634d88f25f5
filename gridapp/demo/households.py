"""Households with their members and house, tagged, with their 红黄绿 indicators: registered (户籍户) and
floating (流动户).

Children carry their father's surname; some spouses married in from elsewhere; floating households rent
a house from a local landlord, sometimes sharing it with another floating household.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from gridapp.demo import names
from gridapp.demo.draws import Weighted
from gridapp.demo.families import floating_family, local_family
from gridapp.demo.geography import County
from gridapp.demo.homes import Home, Member
from gridapp.demo.indicators import indicators
from gridapp.demo.people import People
from gridapp.demo.plan import TODAY, VillagePlan
from gridapp.demo.premises import Premises
from gridapp.demo.rows import Rows
from gridapp.demo.tags import Tagger
from gridapp.models import Household

MINORITIES = Weighted((("回族", 50), ("满族", 10), ("蒙古族", 8), ("壮族", 6), ("苗族", 6), ("土家族", 6),
                       ("彝族", 4), ("朝鲜族", 2), ("维吾尔族", 2), ("布依族", 2), ("侗族", 2), ("瑶族", 2)))


class Households:
    """Builds each household whole (members, house, tags, indicators) in the order the seed expects."""

    def __init__(self, rng: random.Random, rows: Rows, county: County, people: People, premises: Premises,
                 tagger: Tagger) -> None:
        self.rng = rng
        self.rows = rows
        self.county = county
        self.people = people
        self.premises = premises
        self.tagger = tagger
        self.override_surnames = list(names.OVERRIDE_SURNAMES)

    def local(self, plan: VillagePlan, leaf: dict[str, Any], leaf_index: int, number: int,
              address: str) -> Home:
        """A registered household living in its own house at ``address``."""
        rng = self.rng
        people = self.people
        specs, away = local_family(rng)
        head_spec = specs[0]
        if self.override_surnames and number % 3 == 0:
            head_surname = self.override_surnames.pop(0)
        else:
            head_surname = people.surname()
        husband = next((s for s in specs if s.role == "spouse" and s.sex == "男"), None)
        # Children carry the father's surname: the head's, the husband's (set below), or a late husband's.
        family = head_surname if head_spec.sex == "男" else "" if husband else people.surname()
        household = self._household(leaf, number, address, "户籍户")
        ethnicity = "汉族" if rng.random() < 0.975 else MINORITIES.draw(rng)
        city = rng.choice(names.WORK_CITIES)
        members: list[Member] = []
        taken: set[str] = set()
        for order, spec in enumerate(specs):
            if spec.role == "head":
                surname = head_surname
            elif spec.role == "spouse":
                surname = people.surname()
                if spec.sex == "男":
                    family = surname
            elif spec.role in ("child", "grandchild"):
                surname = family
            elif spec.role == "parent":
                surname = head_surname if spec.sex == "男" else people.surname()
            else:
                surname = people.surname()
            married_in = spec.role in ("spouse", "inlaw")
            kind, origin, arrival, birthplace = "户籍人口", "", None, None
            if married_in and spec.age < 45 and rng.random() < 0.15:
                birthplace, origin = people.origin()
                kind = "流动人口"
                arrival = min(TODAY - timedelta(days=rng.randrange(30, 400)),
                              TODAY - timedelta(days=int((spec.age - rng.randint(21, 26)) * 365.25)))
            elif married_in and rng.random() < 0.3:
                birthplace = rng.choice(self.county.nearby)
            eth = "汉族" if married_in and ethnicity != "汉族" and rng.random() < 0.3 else ethnicity
            row = people.person(household["id"], order, spec, surname, taken, birthplace=birthplace,
                                residence=kind, origin=origin, arrival=arrival, ethnicity=eth, city=city)
            members.append(Member(row, spec.age, spec.role, spec.away))
        household["phone"] = next((m.row["phone"] for m in members if m.row["phone"] and not m.away), "")
        head = members[0].row
        house = self.premises.house(plan, leaf, address, "自住", None, head=head, household=household)
        return self._finish(Home(household, house, members, leaf_index, True), plan, city if away else "")

    def floating(self, plan: VillagePlan, leaf: dict[str, Any], leaf_index: int, number: int, address: str,
                 landlord: Home | None, shared: dict[str, Any] | None) -> Home:
        """A floating household renting at ``address`` from ``landlord``, or sharing the ``shared`` house."""
        rng = self.rng
        people = self.people
        household = self._household(leaf, number, address, "流动户")
        code, origin = people.origin()
        arrival = TODAY - timedelta(days=rng.randrange(30, 11 * 365))
        specs = floating_family(rng)
        head_surname = people.surname()
        family = head_surname
        members: list[Member] = []
        taken: set[str] = set()
        for order, spec in enumerate(specs):
            if spec.role == "spouse":
                surname = people.surname()
                if spec.sex == "男":
                    family = surname
            elif spec.role == "child":
                surname = family
            else:
                surname = head_surname
            row = people.person(household["id"], order, spec, surname, taken, birthplace=code,
                                residence="流动人口", origin=origin, arrival=arrival, ethnicity="汉族", city="")
            if row["birth_date"] > arrival:
                row["arrival_date"] = row["birth_date"]
            members.append(Member(row, spec.age, spec.role, False))
        household["phone"] = members[0].row["phone"]
        if shared is not None:
            house = shared
            house["tenant_count"] += len(members)
            household["house_id"], household["address"] = house["id"], house["address"]
        else:
            house = self.premises.house(plan, leaf, address, "出租", landlord.head.row if landlord else None,
                                        household=household, tenants=len(members))
        return self._finish(Home(household, house, members, leaf_index, False), plan, "")

    def _household(self, leaf: dict[str, Any], number: int, address: str, kind: str) -> dict[str, Any]:
        return self.rows.add(Household, number=f"{number:03d}", kind=kind, grid_id=leaf["id"], house_id=None,
                             address=address, phone="", colour="绿", colour_reason="", notes="",
                             colour_override="", colour_override_reason="")

    def _finish(self, home: Home, plan: VillagePlan, away_city: str) -> Home:
        indicators(self.rng, home, self.tagger.tag(home, plan.community, away_city))
        return home

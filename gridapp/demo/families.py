"""Who lives together: the members of a local or a floating household, before they become person rows.

A local family is an older couple or a widow(er) with the children who stayed, a married son's wife and
children, and sometimes an old parent; a floating family is a working couple with their young children.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from gridapp.demo import draws

HEAD = "户主"
ORDINAL_SIBLINGS = {"男": ("长子", "次子"), "女": ("长女", "次女")}
PLAIN_CHILD = {"男": "子", "女": "女"}


@dataclass
class Spec:
    """One member of a household before it becomes a row."""

    relation: str
    sex: str
    age: int
    role: str  # head, spouse, child, inlaw, grandchild, parent
    marital: str
    away: bool = False


def local_family(rng: random.Random) -> tuple[list[Spec], bool]:
    """The members of a registered household, head first, and whether the young couple works away."""
    age = _head_age(rng)
    single = 0.15 if age >= 70 else 0.06 if age >= 60 else 0.03
    if rng.random() < single:
        sex = "女" if rng.random() < (0.62 if age >= 60 else 0.3) else "男"
        marital = "丧偶" if age >= 55 else rng.choice(("未婚", "离婚"))
        return [Spec(HEAD, sex, age, "head", marital)], False
    married = rng.random() < (0.95 if age < 70 else 0.78 if age < 80 else 0.55)
    head_sex = "男" if rng.random() < (0.9 if married else 0.45) else "女"
    specs = [Spec(HEAD, head_sex, age, "head", "已婚" if married else "丧偶" if age >= 50 else "离婚")]
    youngest = age
    if married:
        other = "女" if head_sex == "男" else "男"
        gap = rng.randint(-1, 5)
        spouse_age = min(96, max(20, age - gap if head_sex == "男" else age + gap))
        label = "配偶" if rng.random() < 0.8 else ("妻" if other == "女" else "夫")
        specs.append(Spec(label, other, spouse_age, "spouse", "已婚"))
        youngest = min(age, spouse_age)
    n = draws.count(rng, (2, 25, 50, 23) if age < 45 else (0, 20, 50, 30) if age < 60 else (0, 10, 30, 35, 25))
    ages = sorted((youngest - rng.randint(21, 36) for _ in range(n)), reverse=True)
    children, married_son = _children_at_home(rng, ages, age)
    _name_children(rng, children, n)
    specs.extend(children)
    away = False
    if married_son is not None:
        wife = Spec("儿媳", "女", max(20, married_son.age - rng.randint(-1, 4)), "inlaw", "已婚")
        specs.append(wife)
        young = min(married_son.age, wife.age)
        grandchildren = []
        for _ in range(draws.count(rng, (5, 25, 45, 25))):
            grand_age = young - rng.randint(21, 32)
            if grand_age >= 0 and (grand_age < 22 or rng.random() < 0.4):  # grown-up ones often moved out
                sex = "男" if rng.random() < 0.53 else "女"
                label = "孙子" if sex == "男" else "孙女"
                grandchildren.append(Spec(label, sex, grand_age, "grandchild", "未婚"))
        specs.extend(sorted(grandchildren, key=lambda g: -g.age))
        if grandchildren and rng.random() < 0.3:
            away = married_son.away = wife.away = True
    if age < 62 and rng.random() < 0.35:
        parents = [("母亲", "女")] if rng.random() < 0.6 else [("父亲", "男")]
        if rng.random() < 0.3:
            parents = [("父亲", "男"), ("母亲", "女")]
        base = age + rng.randint(22, 34)
        for label, sex in parents:
            parent_age = base + (rng.randint(0, 4) if sex == "男" else 0)
            if parent_age <= 96:
                marital = "已婚" if len(parents) == 2 else "丧偶"
                specs.append(Spec(label, sex, parent_age, "parent", marital))
    return specs, away


def floating_family(rng: random.Random) -> list[Spec]:
    """The members of a floating household: a working adult, mostly with a spouse and young children."""
    age = rng.randint(22, 55)
    married = rng.random() < 0.85
    head_sex = "男" if rng.random() < (0.85 if married else 0.65) else "女"
    specs = [Spec(HEAD, head_sex, age, "head", "已婚" if married else "未婚")]
    if married:
        other = "女" if head_sex == "男" else "男"
        spouse_age = max(20, age - rng.randint(-1, 4) if head_sex == "男" else age + rng.randint(-1, 4))
        specs.append(Spec("配偶", other, spouse_age, "spouse", "已婚"))
        youngest = min(age, spouse_age)
        births = draws.count(rng, (15, 35, 40, 10))
        for child_age in sorted((youngest - rng.randint(21, 34) for _ in range(births)), reverse=True):
            if 0 <= child_age <= 17 and rng.random() < 0.9:
                sex = "男" if rng.random() < 0.52 else "女"
                specs.append(Spec(PLAIN_CHILD[sex], sex, child_age, "child", "未婚"))
    return specs


def _head_age(rng: random.Random) -> int:
    band = draws.count(rng, (0, 0, 0, 15, 20, 25, 20, 14, 6))
    low = band * 10
    return rng.randint(low, min(low + 9, 85))


def _children_at_home(rng: random.Random, ages: list[int], parent_age: int) -> tuple[list[Spec], Spec | None]:
    """The children (oldest first) who still live with their parents, and the one married son who stayed."""
    children: list[Spec] = []
    married_son: Spec | None = None
    for child_age in ages:
        if child_age < 0:
            continue
        sex = "男" if rng.random() < 0.52 else "女"
        if child_age < 18:
            stay = rng.random() < 0.97
        elif child_age < 25:
            stay = rng.random() < 0.85
        elif sex == "男":
            stay = married_son is None and rng.random() < (0.75 if parent_age >= 50 else 0.4)
        else:
            stay = rng.random() < 0.08
        if not stay:
            continue
        child = Spec("", sex, child_age, "child", "未婚")
        if sex == "男" and child_age >= 24 and married_son is None and rng.random() < 0.85:
            child.marital = "已婚"
            married_son = child
        children.append(child)
    return children, married_son


def _name_children(rng: random.Random, children: list[Spec], births: int) -> None:
    """Relations as the register writes them: 长子, 次女, 独生子 …"""
    for sex in ("男", "女"):
        same = [c for c in children if c.sex == sex]
        for i, child in enumerate(same):
            if len(same) == 1:
                only = births == 1 and rng.random() < 0.5
                child.relation = ("独生子" if sex == "男" else "独生女") if only else PLAIN_CHILD[sex]
            else:
                child.relation = ORDINAL_SIBLINGS[sex][i] if i < 2 else PLAIN_CHILD[sex]

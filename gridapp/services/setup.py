"""Setting an office up from the official division codes (``ws.setup``): the chain of grid nodes from its county
down to its own place, its grids (a village or community) or the official places below it (a town or county),
the office identity and optionally the county's sync passphrase — in one transaction, once per database.

The grid tree starts at the county (level 1); province and prefecture are not nodes. Nodes carry the 12-digit
statistical code; grids continue their parent's code with two digits, micro-grids with two more.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridapp import access, divisions
from gridapp.changes import Outcome
from gridapp.divisions import Division
from gridapp.dto import Actor, GridPlan
from gridapp.errors import RuleViolation
from gridapp.models import GridNode, Office, User
from gridapp.services.grid import add_node

MAX_GRIDS = 99  # two code digits per level
_TREE_LEVELS = ("县级", "乡级", "村级")  # the catalogue's levels that are grid tree levels 1–3
_DIGITS = "零一二三四五六七八九"


class SetupService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def propose_office_name(self, code: str) -> str:
        """The office name a division suggests: 幸福村村民委员会, 和平社区居民委员会, 张弓镇人民政府,
        城关街道办事处, 宁陵县网格化服务管理中心 (see gridapp.divisions.naming)."""
        return divisions.office_name(office_division(code)) or ""

    def grid_names(self, count: int, unit: str = "网格") -> list[str]:
        """第一网格, 第二网格 … 第九十九网格 (``unit`` "微网格" for micro-grids)."""
        if not 0 <= count <= MAX_GRIDS:
            raise RuleViolation(f"一次最多建立{MAX_GRIDS}个{unit}。")
        return [f"第{chinese_number(n)}{unit}" for n in range(1, count + 1)]

    def create(self, actor: Actor, division_code: str, office_name: str, grids: Sequence[GridPlan] = (), *,
               official_children: bool = False, passphrase: str | None = None,
               key_file: Path | None = None) -> Outcome:
        """Set this database up as the office of ``division_code``; ``Outcome.id`` is the office's node.

        ``grids`` are made under a village or community; ``official_children`` adds the villages and communities
        of a town, or the towns of a county, from the codes. ``passphrase`` (kept with the machine-local
        ``key_file``, see ws.sync.passphrase) is the county's sync passphrase, when it is known already.
        """
        if not self.ws.users.is_open():  # once users log in, setting up is an administrator's work
            access.require(actor, "settings")
            access.require(actor, "edit_grid")
        place = office_division(division_code)
        _check_grids(place, grids)
        if passphrase is not None and key_file is None:
            raise TypeError("a passphrase needs the machine-local key_file it is kept with")
        with self.ws.write(actor) as tx:
            s = tx.session
            office = _office_without_tree(s)
            if office is None:
                office = add_local_office(s, office_name, place.full_code[:6])
            else:  # named earlier (``gridapp init --office-name``, an older version's first start): complete it
                office.name, office.county_code = _office_name(office_name), place.full_code[:6]
            tx.stamp.office_id = office.id  # the nodes below are this office's records
            node = None
            for link in divisions.chain(place.code):
                if link.level in _TREE_LEVELS:
                    node = _add_division(s, node, link)
            assert node is not None  # office_division() accepts county level and below only
            office.node_id = node.id
            for number, plan in enumerate(grids, start=1):
                grid = add_node(s, node, plan.name, code=f"{node.code}{number:02d}")
                for micro_number, micro in enumerate(plan.micro_grids, start=1):
                    add_node(s, grid, micro, code=f"{grid.code}{micro_number:02d}")
            if official_children:
                for child in divisions.children(place.code):
                    _add_division(s, node, child)
            if passphrase is not None:
                self.ws.sync.passphrase(key_file).save(s, passphrase)
        self.ws.reload_office()
        return Outcome(tx.changes, node.id)


def office_division(code: str) -> Division:
    """The division an office can stand for: a county, town or village of the 2023 codes."""
    place = divisions.division(code)
    if place is None:
        raise RuleViolation(f"找不到区划代码“{code}”。请填写6位（县）、9位（乡镇、街道）或12位（村、社区）的统计用区划代码。")
    if place.level not in _TREE_LEVELS:
        raise RuleViolation(f"“{place.name}”是{place.level}区划。网格从县开始，请选择县、乡镇（街道）或村（社区）。")
    return place


def add_local_office(s: Session, name: str, county_code: str, node_id: str | None = None) -> Office:
    """This database's office identity, plus the first administrator account when there is no user yet."""
    office = Office(name=_office_name(name), county_code=county_code, is_local=True, node_id=node_id)
    s.add(office)
    if s.scalar(select(func.count()).select_from(User)) == 0:
        s.add(User(username="admin", display_name="管理员", role="管理员"))
    s.flush()
    return office


def _office_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise RuleViolation("请填写本单位名称，例如“幸福村村委会”。")
    return name


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals as used in names: 一, 十, 十一, 二十, 二十一, 九十九."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def _check_grids(place: Division, grids: Sequence[GridPlan]) -> None:
    if grids and place.level != "村级":
        raise RuleViolation(f"网格建在村（社区）之下；“{place.name}”是{place.level}区划，请先建立下属村（社区）。")
    if len(grids) > MAX_GRIDS or any(len(plan.micro_grids) > MAX_GRIDS for plan in grids):
        raise RuleViolation(f"每一级最多{MAX_GRIDS}个网格（代码只有两位）。")


def _office_without_tree(s: Session) -> Office | None:
    """The office named before its tree was set up, if any; a database that has a tree is refused."""
    office = s.scalars(select(Office).where(Office.is_local)).first()
    nodes = s.scalar(select(func.count()).select_from(GridNode))
    if office is not None and (nodes or office.node_id):
        raise RuleViolation(f"本数据库已经建立过单位“{office.name}”，不能重复设置。如要设置另一个单位，请新建数据库。")
    if nodes:
        raise RuleViolation(f"本数据库已经建立过网格（{nodes}个），不能重复设置。如要从头设置，请新建数据库。")
    return office


def _add_division(s: Session, parent: GridNode | None, d: Division) -> GridNode:
    """A node for a county (the root), town or village, named after the place with its 12-digit code."""
    return add_node(s, parent, divisions.place_name(d), code=d.full_code)

"""The names a division gives a grid node and an office, decided from how its official name ends.

The statistical codes name a village by its committee, mostly abbreviated: 东街村委会, 新区居委会,
幸福村村民委员会, 和平社区居委会. The grid tree names places, so the committee part goes (东街村, 新区社区,
幸福村, 和平社区) and comes back in full in the office name (东街村村民委员会, 新区社区居民委员会). A town's
office is its 人民政府 (镇, 乡, 苏木) or 街道办事处; a county's is its 网格化服务管理中心. Names that fit none of
these (生活区, 管理区, 农场, 开发区 …) are used as they are; the user can always type another office name.
"""

from __future__ import annotations

from gridapp.divisions.catalogue import Division

COUNTY_OFFICE = "网格化服务管理中心"
_VILLAGE_COMMITTEES = ("村民委员会", "村委会")
_COMMUNITY_COMMITTEES = ("社区居民委员会", "社区居委会", "居民委员会", "居委会")
_VILLAGES = ("村", "嘎查")  # 嘎查 is a village in Inner Mongolia
_TOWN_GOVERNMENTS = ("镇", "乡", "苏木")  # 苏木 is a township in Inner Mongolia


def _strip(name: str, suffixes: tuple[str, ...]) -> str | None:
    """``name`` without the first of ``suffixes`` it ends with (and something is left), else None."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None


def place_name(d: Division) -> str:
    """The place a division stands for: 东街村委会 -> 东街村, 新区居委会 -> 新区社区; other levels as published."""
    if d.level != "村级":
        return d.name
    base = _strip(d.name, _VILLAGE_COMMITTEES)
    if base is not None:
        return base if base.endswith(_VILLAGES) else base + "村"
    base = _strip(d.name, _COMMUNITY_COMMITTEES)
    if base is not None:
        return base + "社区"
    return d.name


def office_name(d: Division) -> str | None:
    """The proposed name of the office standing for ``d``; None for a province or prefecture (no office)."""
    place = place_name(d)
    if d.level == "村级":
        if place.endswith(_VILLAGES):
            return place + "村民委员会"
        return place + "居民委员会" if place.endswith("社区") else place
    if d.level == "乡级":
        if place.endswith("街道"):
            return place + "办事处"
        return place + "人民政府" if place.endswith(_TOWN_GOVERNMENTS) else place
    if d.level == "县级":
        return place + COUNTY_OFFICE
    return None

"""The 2023 division catalogue the set-up wizard browses: children, lookup, chains, filtering, naming."""

from __future__ import annotations

import pytest

from gridapp import divisions
from gridapp.divisions import Division


def test_provinces_are_the_roots_in_code_order() -> None:
    provinces = divisions.children(None)
    assert len(provinces) == 31
    assert (provinces[0].code, provinces[0].name, provinces[0].level) == ("11", "北京市", "省级")
    assert [p.code for p in provinces] == sorted(p.code for p in provinces)


def test_towns_of_a_county() -> None:
    towns = divisions.children("411423")
    town = Division("411423100", "城关回族镇", "乡级", "cghzz")
    assert town in towns
    assert all(t.level == "乡级" and t.code.startswith("411423") for t in towns)
    assert [t.code for t in towns] == sorted(t.code for t in towns)
    assert town.full_code == "411423100000"


def test_villages_have_no_children_and_unknown_codes_none() -> None:
    assert divisions.children("411423100201") == []
    assert divisions.children("999999") == []
    assert divisions.children("abc") == []


@pytest.mark.parametrize("code, expected", [
    ("41", "41"), ("4114", "4114"), ("411423", "411423"), ("411423100", "411423100"),
    ("411423100201", "411423100201"),
    ("411423100000", "411423100"),  # 12-digit padded forms
    ("411423000000", "411423"),
    ("410000000000", "41"),
    ("411400", "4114"),  # GB/T 2260 style
    ("441900", "441900"),  # 东莞: the county-level code, not the prefecture 4419 padded
    (" 411423 ", "411423"),
])
def test_division_accepts_every_spelling(code: str, expected: str) -> None:
    assert divisions.division(code).code == expected


@pytest.mark.parametrize("code", ["", "4", "41142", "999999", "411423999999", "x11423"])
def test_division_unknown(code: str) -> None:
    assert divisions.division(code) is None


def test_chain_of_a_village() -> None:
    chain = divisions.chain("411423100201")
    assert [(d.code, d.name, d.level) for d in chain] == [
        ("41", "河南省", "省级"), ("4114", "商丘市", "地级"), ("411423", "宁陵县", "县级"),
        ("411423100", "城关回族镇", "乡级"), ("411423100201", "东街村委会", "村级"),
    ]
    assert divisions.chain("411423100201000") == []
    assert [d.code for d in divisions.chain("411423000000")] == ["41", "4114", "411423"]


def test_placeholder_prefectures_are_browsable() -> None:
    assert [d.name for d in divisions.children("11")] == ["市辖区"]
    assert "110105" in [d.code for d in divisions.children("1101")]
    hubei = [d.code for d in divisions.children("42")]
    assert "4290" in hubei  # 省直辖县级行政区划
    assert ("429004", "仙桃市") in [(d.code, d.name) for d in divisions.children("4290")]
    assert [d.name for d in divisions.chain("429004")] == ["湖北省", "省直辖县级行政区划", "仙桃市"]
    assert [d.code for d in divisions.children("5002")][:1] == ["500229"]  # 重庆 县


@pytest.mark.parametrize("text, expected", [
    ("城关", True), ("回族", True), ("cghzz", True), ("cg", True), ("CG", True), ("  cgh ", True), ("", True),
    ("ghz", False), ("张弓", False), ("zg", False),
])
def test_matches_by_name_or_initials(text: str, expected: bool) -> None:
    assert divisions.matches(Division("411423100", "城关回族镇", "乡级", "cghzz"), text) is expected


def test_initials_are_stored_for_every_level() -> None:
    assert divisions.division("41").initials == "hns"
    assert divisions.division("411423").initials == "nlx"
    assert divisions.division("411423100201").initials == "djcwh"


@pytest.mark.parametrize("code, place, office", [
    ("411423", "宁陵县", "宁陵县网格化服务管理中心"),
    ("411423100", "城关回族镇", "城关回族镇人民政府"),
    ("411423100201", "东街村", "东街村村民委员会"),  # 东街村委会
    ("411423100001", "新区社区", "新区社区居民委员会"),  # 新区居委会
])
def test_place_and_office_names(code: str, place: str, office: str) -> None:
    d = divisions.division(code)
    assert (divisions.place_name(d), divisions.office_name(d)) == (place, office)


@pytest.mark.parametrize("name, level, place, office", [
    ("幸福村村民委员会", "村级", "幸福村", "幸福村村民委员会"),
    ("幸福村村委会", "村级", "幸福村", "幸福村村民委员会"),
    ("王家庄村委会", "村级", "王家庄村", "王家庄村村民委员会"),
    ("和平社区居委会", "村级", "和平社区", "和平社区居民委员会"),
    ("和平社区居民委员会", "村级", "和平社区", "和平社区居民委员会"),
    ("和平居民委员会", "村级", "和平社区", "和平社区居民委员会"),
    ("滨河路社区", "村级", "滨河路社区", "滨河路社区居民委员会"),
    ("巴彦嘎查村委会", "村级", "巴彦嘎查", "巴彦嘎查村民委员会"),
    ("红旗农场虚拟生活区", "村级", "红旗农场虚拟生活区", "红旗农场虚拟生活区"),
    ("城关街道", "乡级", "城关街道", "城关街道办事处"),
    ("石桥乡", "乡级", "石桥乡", "石桥乡人民政府"),
    ("巴彦苏木", "乡级", "巴彦苏木", "巴彦苏木人民政府"),
    ("红旗农场", "乡级", "红旗农场", "红旗农场"),
    ("朝阳区", "县级", "朝阳区", "朝阳区网格化服务管理中心"),
    ("商丘市", "地级", "商丘市", None),
])
def test_names_follow_the_ending(name: str, level: str, place: str, office: str | None) -> None:
    d = Division("0", name, level, "")
    assert (divisions.place_name(d), divisions.office_name(d)) == (place, office)

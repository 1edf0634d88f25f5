"""Pinyin initials and full pinyin for name search, with surname readings."""

from __future__ import annotations

import pytest

from gridapp.pinyin import full_pinyin, initials, place_initials


@pytest.mark.parametrize("name, expected", [
    ("曾小明", "zxm"),     # not "cxm"
    ("单雄信", "sxx"),     # not "dxx"
    ("解缙", "xj"),
    ("仇英", "qy"),
    ("区志坚", "ozj"),
    ("张三丰", "zsf"),
    ("朴树", "ps"),
    ("查良镛", "zly"),
    ("乐嘉", "yj"),
    ("翟志刚", "zzg"),
    ("覃晓", "qx"),
    ("尉迟恭", "ycg"),
    ("万俟卨", "mqx"),
    ("长孙无忌", "zswj"),
    ("令狐冲", "lhc"),
    ("欧阳修", "oyx"),
])
def test_initials(name, expected):
    assert initials(name) == expected


def test_surname_override_only_at_the_start():
    # 曾 inside a given name keeps pypinyin's reading of the whole run.
    assert initials("王曾经") == "wcj"


def test_non_chinese_characters():
    assert initials("阿依古丽·买买提") == "ayglmmt"   # middle dot dropped
    assert initials("Tom李") == "toml"
    assert initials("张3") == "z3"
    assert initials(" 张 三 ") == "zs"
    assert initials("ＡＢ") == "ab"
    assert initials("") == ""


@pytest.mark.parametrize("name, expected", [
    ("曾小明", "zengxiaoming"),
    ("单雄信", "shanxiongxin"),
    ("区志坚", "ouzhijian"),
    ("尉迟恭", "yuchigong"),
    ("张三丰", "zhangsanfeng"),
    ("吕布", "lvbu"),
    ("Tom李", "tomli"),
])
def test_full_pinyin(name, expected):
    assert full_pinyin(name) == expected


def test_initials_agree_with_full_pinyin_length():
    for name in ["曾小明", "欧阳修", "诸葛亮", "司马光"]:
        assert len(initials(name)) == len(name)


@pytest.mark.parametrize("name, expected", [
    ("解放村村委会", "jfccwh"),  # 解 read as a word, not as the surname Xie
    ("城关回族镇", "cghzz"),
])
def test_place_initials_ignore_surname_readings(name: str, expected: str) -> None:
    assert place_initials(name) == expected

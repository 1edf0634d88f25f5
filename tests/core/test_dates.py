"""Lenient date input, strict date output."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridapp.dates import DateError, format_date, parse_date, parse_partial_date

D = date(1965, 3, 2)


@pytest.mark.parametrize("text", [
    "19650302", "1965.3.2", "1965.03.02", "1965-03-02", "1965-3-2", "1965/3/2", "1965/03/02",
    "1965年3月2日", "1965 年 3 月 2 日", "1965年03月02日", "1965年3月2号", "１９６５．３．２", "１９６５年３月２日",
    "  1965-03-02  ", "1965-03-02 00:00:00", "1965。3。2",
])
def test_parse_date_forms(text):
    assert parse_date(text) == D


def test_impossible_date():
    with pytest.raises(DateError) as caught:
        parse_date("1965-02-30")
    assert str(caught.value) == "日期 1965-02-30 不存在"
    with pytest.raises(DateError, match="日期 1965-13-01 不存在"):
        parse_date("19651301")


@pytest.mark.parametrize("text", ["abc", "1965", "65-3-2", "1965-03", "3/2/1965", "1965--03-02", "196503021"])
def test_unrecognised_date(text):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == f"无法识别的日期「{text}」，请按 1965-03-02 的格式填写"


def test_empty_date():
    with pytest.raises(DateError, match="日期不能为空"):
        parse_date("  ")


def test_date_error_is_value_error():
    assert issubclass(DateError, ValueError)


@pytest.mark.parametrize("text", ["1965.03", "1965.3", "1965年3月", "1965 年 3 月", "196503", "1965-03", "1965/3",
                                  "１９６５．０３"])
def test_partial_month_forms(text):
    assert parse_partial_date(text) == (date(1965, 3, 1), "month")


@pytest.mark.parametrize("text", ["19650302", "1965年3月2日", "1965.3.2"])
def test_partial_full_forms(text):
    assert parse_partial_date(text) == (D, "day")


def test_partial_errors():
    with pytest.raises(DateError, match="日期 1965-13 不存在"):
        parse_partial_date("1965.13")
    with pytest.raises(DateError, match="日期 1965-00 不存在"):
        parse_partial_date("196500")
    with pytest.raises(DateError, match="日期 1965-02-30 不存在"):
        parse_partial_date("1965-02-30")
    with pytest.raises(DateError, match="无法识别的日期「1965」"):
        parse_partial_date("1965")


def test_format_date():
    assert format_date(D) == "1965-03-02"
    assert format_date(date(5, 1, 9)) == "0005-01-09"
    assert format_date(datetime(1965, 3, 2, 10, 30)) == "1965-03-02"


@given(st.dates(min_value=date(1000, 1, 1)))
def test_round_trip(d):
    assert parse_date(format_date(d)) == d
    assert parse_date(f"{d.year}年{d.month}月{d.day}日") == d
    assert parse_date(f"{d.year}.{d.month}.{d.day}") == d

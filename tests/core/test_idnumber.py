"""GB 11643 ID numbers: every rule and message of gridapp.idnumber."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gridapp import divisions, idnumber
from gridapp.divisions import address_codes
from gridapp.idnumber import IdInfo, IdNumberError, check_digit, mask, normalize, parse, upgrade15, validate

TODAY = date(2024, 6, 1)
SAMPLE = "11010519491231002X"


def _error(raw: str) -> IdNumberError:
    with pytest.raises(IdNumberError) as caught:
        parse(raw, today=TODAY)
    return caught.value


def _with_check(first17: str) -> str:
    return first17 + check_digit(first17)


def test_valid_sample_facts():
    info = parse(SAMPLE, today=TODAY)
    assert info == IdInfo(SAMPLE, date(1949, 12, 31), "女", "110105", False)
    assert info.birthplace == "北京市朝阳区"


def test_sex_from_17th_digit():
    assert parse(_with_check("11010519491231001"), today=TODAY).sex == "男"
    assert parse(_with_check("11010519491231002"), today=TODAY).sex == "女"


def test_wrong_check_digit_message():
    error = _error("110105194912310021")
    assert str(error) == "第18位校验码应为 X，实际为 1"
    assert error.position == 18


def test_check_digit_weights_and_mapping():
    assert check_digit("11010519491231002") == "X"
    assert check_digit("00000000000000000") == "1"  # sum 0 -> "1"
    with pytest.raises(ValueError):
        check_digit("1234")


def test_upgrade15():
    assert upgrade15("110105491231002") == SAMPLE
    with pytest.raises(IdNumberError):
        upgrade15("11010549123100")


def test_parse_legacy_15_digits():
    info = parse("110105491231002", today=TODAY)
    assert info.number == SAMPLE
    assert info.converted_from_15 is True
    assert info.birth_date == date(1949, 12, 31)


@pytest.mark.parametrize("raw", ["１１０１０５１９４９１２３１００２ｘ", "11010519491231002x", " 110105 19491231 002X\u3000",
                                 "１１０１０５１９４９１２３１００２Ｘ"])
def test_normalized_forms_are_valid(raw):
    assert parse(raw, today=TODAY).number == SAMPLE


def test_normalize():
    assert normalize("１１０ １０５\t\u3000ｘ") == "110105X"
    assert normalize("abc x") == "abcX"


def test_empty():
    assert str(_error("")) == "身份证号码不能为空"
    assert str(_error(" \u3000 ")) == "身份证号码不能为空"
    assert _error("").position is None


@pytest.mark.parametrize("raw, length", [("1101051949123100", 16), ("1101051949123100211", 19), ("1", 1)])
def test_wrong_length(raw, length):
    assert str(_error(raw)) == f"身份证号码应为18位（或旧式15位），实际为{length}位"


def test_non_digit_reports_position_and_character():
    error = _error("1101051949a231002X")
    assert str(error) == "第11位应为数字，实际为「a」"
    assert error.position == 11


def test_x_only_allowed_last():
    error = _error("1101051949123100X2")
    assert str(error) == "第17位应为数字，实际为「X」"
    assert error.position == 17
    assert "实际为「X」" in str(_error("11010549123100X"))  # not in a 15-digit number either
    assert str(_error("11010519491231002Y")) == "第18位应为数字或 X，实际为「Y」"


def test_unknown_division():
    error = _error(_with_check("99010519491231002"))
    assert str(error) == "前6位地址码 990105 不是有效的行政区划代码"
    assert error.position == 1


def test_historical_division_is_accepted_and_marked():
    # 110103 崇文区 was merged into 东城区 in 2010; 132121 大名县 sat under 邯郸地区 (abolished 1993).
    old = parse(_with_check("11010319700101001"), today=TODAY)
    assert (old.birthplace, old.warnings) == ("北京市崇文区（已撤销）", ())
    assert parse(_with_check("13212119700101001"), today=TODAY).birthplace == "河北省邯郸地区大名县（已撤销）"


def test_county_newer_than_gb2260_has_its_own_name():
    # 320614 海门区 was created in 2020, after GB/T 2260's last release; the 2023 codes know it.
    info = parse(_with_check("32061420200301001"), today=TODAY)
    assert (info.birthplace, info.warnings) == ("江苏省南通市海门区", ())


@pytest.mark.parametrize("number, birthplace, warning", [
    # a county code unknown under a known prefecture: accepted, named by the prefecture, with a warning
    ("32069919800101001", "江苏省南通市",
     "前6位地址码 320699 不在行政区划代码表中（江苏省南通市没有这个县级代码），请核对号码。"),
    # abolished in 2010 at the latest, holder born 2015: never given to a newborn
    ("11010320150101001", "北京市崇文区（已撤销）",
     "前6位地址码 110103（北京市崇文区）最晚在2010年已撤销，2015年出生的人不会编这个代码，请核对号码。"),
    # 偃师市 last listed 2019, gone by the 2023 codes; born 2024
    ("41038120240101001", "河南省洛阳市偃师市（已撤销）",
     "前6位地址码 410381（河南省洛阳市偃师市）最晚在2023年已撤销，2024年出生的人不会编这个代码，请核对号码。"),
])
def test_doubtful_address_codes_warn(number: str, birthplace: str, warning: str):
    info = parse(_with_check(number), today=TODAY)
    assert (info.birthplace, info.warnings) == (birthplace, (warning,))
    assert validate(info.number) is None  # a warning is not an error


@pytest.mark.parametrize("number", [
    "11010320100101001",  # born in 2010, the year 崇文区 went: could still have got it
    "11010319700101001",  # born before: people keep the code of where they were first registered
    "41038120230101001",  # 偃师市 may have been in use until 2021
    "11010520240101001",  # a current code
    "83000019900101001",  # 台湾居民居住证
])
def test_codes_in_use_at_birth_do_not_warn(number: str):
    assert parse(_with_check(number), today=TODAY).warnings == ()


def test_unknown_prefecture_is_still_refused():
    assert "不是有效的行政区划代码" in str(_error(_with_check("32991420200301001")))
    assert "不是有效的行政区划代码" in str(_error(_with_check("84000019900101001")))


def test_impossible_birth_date():
    error = _error(_with_check("11010519490231002"))
    assert str(error) == "第7–14位出生日期 19490231 不存在"
    assert error.position == 7
    assert str(_error("110105490231002")) == "第7–12位出生日期 490231 不存在"


def test_future_birth_date():
    assert str(_error(_with_check("11010520300101002"))) == "出生日期 2030-01-01 晚于今天"
    tomorrow = TODAY + timedelta(days=1)
    assert "晚于今天" in str(_error(_with_check(f"110105{tomorrow:%Y%m%d}002")))
    assert parse(_with_check(f"110105{TODAY:%Y%m%d}002"), today=TODAY).birth_date == TODAY


def test_too_old_birth_date():
    message = str(_error(_with_check("11010518791231002")))
    assert "1879-12-31" in message and "1880" in message
    assert parse(_with_check("11010518800101002"), today=TODAY).birth_date == date(1880, 1, 1)


def test_age_in_full_years():
    info = parse(SAMPLE, today=TODAY)
    assert info.age(date(2024, 12, 30)) == 74
    assert info.age(date(2024, 12, 31)) == 75
    assert info.age(date(1949, 12, 31)) == 0


def test_validate():
    assert validate(SAMPLE) is None
    assert validate("110105194912310021") == "第18位校验码应为 X，实际为 1"
    assert validate("") == "身份证号码不能为空"


def test_mask():
    assert mask(SAMPLE) == "1101**********002X"
    assert mask("110105491231002") == "1101*******1002"
    assert mask("１１０１０５１９４９１２３１００２ｘ") == "1101**********002X"
    assert mask("12345") == "*****"


def test_error_is_value_error():
    assert issubclass(IdNumberError, ValueError)


# --- property tests -----------------------------------------------------------------------------

_CODES = sorted(address_codes._table())


@st.composite
def valid_numbers(draw) -> str:
    code = draw(st.sampled_from(_CODES))
    born = draw(st.dates(min_value=date(1880, 1, 1), max_value=TODAY))
    sequence = draw(st.integers(min_value=0, max_value=999))
    return _with_check(f"{code}{born:%Y%m%d}{sequence:03d}")


@given(valid_numbers())
def test_any_valid_number_parses(number):
    info = parse(number, today=TODAY)
    assert info.number == number
    assert info.division_code == number[:6]
    assert info.sex == ("男" if int(number[16]) % 2 else "女")


@given(valid_numbers())
def test_any_other_check_character_is_refused(number):
    for wrong in set("0123456789X") - {number[17]}:
        error = _error(number[:17] + wrong)
        assert error.position == 18
        assert str(error) == f"第18位校验码应为 {number[17]}，实际为 {wrong}"


@given(valid_numbers(), st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_is_refused(number, index, shift):
    digit = str((int(number[index]) + shift) % 10)
    with pytest.raises(IdNumberError):
        parse(number[:index] + digit + number[index + 1 :], today=TODAY)


def test_module_constants():
    assert idnumber.WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    assert idnumber.CHECK_CHARS == "10X98765432"


_PREFECTURES = sorted({code[:4] for code in _CODES if code[2:4] != "00"})


@given(st.sampled_from(_PREFECTURES), st.integers(min_value=1, max_value=99), st.integers(1900, 2023))
def test_any_unknown_county_under_a_known_prefecture_warns(prefecture, county, year):
    code = f"{prefecture}{county:02d}"
    assume(not divisions.is_known(code))
    info = parse(_with_check(f"{code}{year}0101001"), today=TODAY)
    assert info.warnings and "不在行政区划代码表中" in info.warnings[0]

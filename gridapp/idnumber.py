"""Citizen ID numbers (GB 11643): normalize, validate with precise Chinese messages, extract facts.

Address-code rule: the first 6 digits must be a code of the address-code table (GB/T 2260 since 1980 and the
2023 statistical codes, abolished codes included, since people keep the code of where they were first
registered), or a county code unknown to the table under a known province and prefecture — accepted with a
warning, as a county may be newer than the table or never published. A typo in the province or prefecture
digits is refused. A code abolished before the holder's birth year is accepted with a warning: it cannot have
been given to a newborn. Warnings never block saving; the form shows them next to the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import mul

from gridapp import divisions
from gridapp.dates import age_on

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
EARLIEST_BIRTH_YEAR = 1880

_DIGITS = "0123456789"
_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "Ｘ": "X", "ｘ": "X", "x": "X"})
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\ufeff")


class IdNumberError(ValueError):
    """Invalid ID number; ``str()`` is a message for the user, ``position`` the 1-based digit or None."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class IdInfo:
    """Facts read from a valid number (always the 18-digit form)."""

    number: str
    birth_date: date
    sex: str
    division_code: str
    converted_from_15: bool
    warnings: tuple[str, ...] = ()  # Chinese sentences: the number is valid but looks doubtful

    @property
    def birthplace(self) -> str | None:
        """Where the number was issued, "（已撤销）" marking a place that no longer exists (looked up when asked:
        an import of thousands of numbers never needs it)."""
        return divisions.birthplace(self.division_code)

    def age(self, on: date) -> int:
        """Age in full years on the given day."""
        return age_on(self.birth_date, on)


def normalize(raw: str) -> str:
    """Drop whitespace (full-width too), turn full-width digits and x/ｘ/Ｘ into ASCII digits and X."""
    text = "".join(raw.split())
    for char in _INVISIBLE:
        text = text.replace(char, "")
    return text.translate(_FULL_WIDTH)


def check_digit(first17: str) -> str:
    """Check character (0-9 or X) for the first 17 digits."""
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError("计算校验码需要17位数字")
    return CHECK_CHARS[sum(map(mul, map(int, first17), WEIGHTS)) % 11]


def upgrade15(number15: str) -> str:
    """Convert a legacy 15-digit number (born 19YY) to 18 digits: insert "19", append the check digit."""
    number = normalize(number15)
    if len(number) != 15 or any(c not in _DIGITS for c in number):
        raise IdNumberError("旧式身份证号码应为15位数字")
    first17 = number[:6] + "19" + number[6:]
    return first17 + check_digit(first17)


def _check_characters(number: str) -> None:
    last = len(number)
    for position, char in enumerate(number, start=1):
        if char in _DIGITS:
            continue
        if last == 18 and position == 18:
            if char == "X":
                continue
            raise IdNumberError(f"第18位应为数字或 X，实际为「{char}」", 18)
        raise IdNumberError(f"第{position}位应为数字，实际为「{char}」", position)


def _check_division(code: str) -> None:
    if not (divisions.is_known(code) or divisions.prefecture_known(code)):
        raise IdNumberError(f"前6位地址码 {code} 不是有效的行政区划代码", 1)


def _division_warnings(code: str, born: date) -> tuple[str, ...]:
    if not divisions.is_known(code):
        return (f"前6位地址码 {code} 不在行政区划代码表中（{divisions.enclosing_name(code)}没有这个县级代码），"
                "请核对号码。",)
    gone = divisions.abolished_by(code)
    if gone is not None and born.year > gone:
        return (f"前6位地址码 {code}（{divisions.name_of(code)}）最晚在{gone}年已撤销，"
                f"{born.year}年出生的人不会编这个代码，请核对号码。",)
    return ()


def _birth_date(number: str, legacy: bool, today: date) -> date:
    if legacy:
        shown, label, digits = number[6:12], "第7–12位", "19" + number[6:12]
    else:
        shown, label, digits = number[6:14], "第7–14位", number[6:14]
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise IdNumberError(f"{label}出生日期 {shown} 不存在", 7) from None
    if born > today:
        raise IdNumberError(f"出生日期 {born.isoformat()} 晚于今天", 7)
    if born.year < EARLIEST_BIRTH_YEAR:
        raise IdNumberError(f"出生日期 {born.isoformat()} 早于{EARLIEST_BIRTH_YEAR}年，请核对号码", 7)
    return born


def parse(raw: str, today: date | None = None) -> IdInfo:
    """Validate ``raw`` and return its facts; raises IdNumberError with the first problem found."""
    number = normalize(raw or "")
    if not number:
        raise IdNumberError("身份证号码不能为空")
    if len(number) not in (15, 18):
        raise IdNumberError(f"身份证号码应为18位（或旧式15位），实际为{len(number)}位")
    _check_characters(number)
    legacy = len(number) == 15
    _check_division(number[:6])
    born = _birth_date(number, legacy, today or date.today())
    if legacy:
        number = upgrade15(number)
    else:
        expected = check_digit(number[:17])
        if number[17] != expected:
            raise IdNumberError(f"第18位校验码应为 {expected}，实际为 {number[17]}", 18)
    sex = "男" if int(number[16]) % 2 else "女"
    return IdInfo(number, born, sex, number[:6], legacy, _division_warnings(number[:6], born))


def validate(raw: str) -> str | None:
    """The error message for ``raw``, or None when it is valid (for form fields)."""
    try:
        parse(raw)
    except IdNumberError as error:
        return str(error)
    return None


def mask(number: str) -> str:
    """Hide the middle for display and printing: keep the first 4 and last 4 characters."""
    text = normalize(number)
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]

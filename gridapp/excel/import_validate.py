"""One sheet row → a PersonInput plus its household's cells, with every problem tied to a row and a column.

Only what is particular to spreadsheets is decided here: ID numbers that Excel turned into numbers, the many
ways of writing a date, code values spelt loosely. Whether a person is valid is decided by
``people_rules.person_columns``, the same rule the registration form obeys; its message is tied to the columns
whose names it mentions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache, partial
from typing import Any

from gridapp import codes, dates, idnumber
from gridapp.dto import PersonInput, TagInput
from gridapp.errors import RuleViolation
from gridapp.excel.import_fields import Field, by_key
from gridapp.excel.import_mapping import ColumnMapping
from gridapp.excel.import_reader import SourceRow
from gridapp.services.people_rules import is_head, person_columns

UNKNOWN_RELATION = "其他"  # stands in for the relation of a sheet without that column; never written
NUMERIC_ID = "该列被Excel当成了数字，后几位已丢失。请把这一列设置为文本格式后重新输入身份证号。"
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits: a 15-digit number survives, an 18-digit one does not
MOST_YUAN = 9_999_999  # 元 a year per person: more is a slip of the keyboard
LISTED_CHOICES = 15  # code tables up to this size are spelt out in the message
TAG_SEPARATORS = re.compile(r"[、,，;；/／\s]+")
SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")  # 4.11423E+17: a number shown by Excel, as a CSV keeps it


@dataclass(frozen=True)
class RowIssue:
    """A problem with one row: the Excel row number, the column's header ("" for the whole row), the reason."""

    row: int
    column: str
    reason: str


@dataclass
class ParsedRow:
    """A data row converted: the person, the household cells, what the sheet filled in, and any problems."""

    source: SourceRow
    person: PersonInput
    household: dict[str, Any]
    provided: frozenset[str]
    is_head: bool
    issues: list[RowIssue] = field(default_factory=list)
    values: dict[str, Any] | None = None  # person_columns' result for a valid row
    warnings: list[RowIssue] = field(default_factory=list)  # doubtful but accepted (an abolished address code …)

    @property
    def number(self) -> int:
        return self.source.number

    def refuse(self, column: str, reason: str) -> None:
        self.issues.append(RowIssue(self.number, column, reason))
        self.values = None


class _CellError(ValueError):
    pass


class RowReader:
    """Converts and validates rows for one mapping (the per-column lookups are done once, not per cell)."""

    def __init__(self, mapping: ColumnMapping, today: date) -> None:
        self.mapping = mapping
        self.today = today
        self.columns = [(column, key, _converter(by_key()[key]), by_key()[key].kind == "date",
                         by_key()[key].target == "household") for column, key in sorted(mapping.columns.items())]

    def __call__(self, source: SourceRow) -> ParsedRow:
        person: dict[str, Any] = {}
        household: dict[str, Any] = {}
        issues: list[RowIssue] = []
        birth_month = False  # a birth date given only as a year and month
        values, width = source.values, len(source.values)
        for column, key, convert, dated, of_household in self.columns:
            raw = values[column] if column < width else None
            if raw is None:
                continue
            try:
                value = convert(raw)
            except _CellError as exc:
                issues.append(RowIssue(source.number, self.mapping.header_of(key), str(exc)))
                continue
            if dated:
                value, precision = value
                birth_month = birth_month or (precision == "month" and key == "birth_date")
            if value not in ("", None):
                (household if of_household else person)[key] = value
        data = PersonInput(**{"name": "", "relation": UNKNOWN_RELATION if self.mapping.checks_only else "", **person})
        row = ParsedRow(source, data, household, frozenset(person) | frozenset(household), is_head(data.relation),
                        issues)
        if birth_month:
            _resolve_birth_month(data, self.today)
        if issues:
            _check_id(row, self.mapping, self.today)
        else:
            _validate(row, self.mapping, self.today)
        return row


def _validate(row: ParsedRow, mapping: ColumnMapping, today: date) -> None:
    doubts: list[str] = []
    try:
        row.values = person_columns(row.person, today, doubts)
    except RuleViolation as exc:
        message = str(exc)
        columns = _columns_named(message.split("：", 1)[-1], mapping)
        if not columns and row.person.id_number and idnumber.validate(row.person.id_number):
            columns = [mapping.header_of("id_number")]
        row.refuse("、".join(columns), message)
        return
    column = mapping.header_of("id_number")
    row.warnings = [RowIssue(row.number, column, f"{row.values['name']}：{doubt}") for doubt in doubts]


def _check_id(row: ParsedRow, mapping: ColumnMapping, today: date) -> None:
    """Check the ID even when other cells are wrong, so one pass over the report shows every mistake."""
    if not row.person.id_number:
        return
    try:
        idnumber.parse(row.person.id_number, today=today)
    except idnumber.IdNumberError as exc:
        row.refuse(mapping.header_of("id_number"), str(exc))


def _columns_named(message: str, mapping: ColumnMapping) -> list[str]:
    """The mapped columns a rule's message talks about (it names fields: 性别, 出生日期, 身份证号码 …)."""
    return [mapping.header_of(key) for key in mapping.columns.values() if any(word in message for word in _words(key))]


def _words(key: str) -> tuple[str, ...]:
    """How messages name a field: its title, or a longer synonym (身份证号码); short ones (户主) are too vague."""
    spec = by_key()[key]
    return (spec.title, *(s for s in spec.synonyms[1:] if len(s) >= 4))


def _resolve_birth_month(person: PersonInput, today: date) -> None:
    """A birth month (1965.03) agrees with an ID number born that month: keep the ID's exact day."""
    if not person.id_number or person.birth_date is None:
        return
    try:
        born = idnumber.parse(person.id_number, today=today).birth_date
    except idnumber.IdNumberError:
        return
    if (born.year, born.month) == (person.birth_date.year, person.birth_date.month):
        person.birth_date = born


# -- cells ------------------------------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a trailing .0, dates as 1965-03-02, runs of spaces as one."""
    if type(value) is str:
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, datetime):
        return dates.format_date(value.date())
    if isinstance(value, date):
        return dates.format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _converter(spec: Field) -> Callable[[Any], Any]:
    if spec.kind == "code":
        return partial(_code, spec)
    if spec.kind == "tags":
        return partial(_tags, spec)
    if spec.kind == "choice":
        return partial(_choice, spec)
    if spec.kind == "amount":
        return partial(_amount, spec)
    return {"text": cell_text, "id": _id, "date": _date}[spec.kind]


def _id(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value)) if float(value).is_integer() else ""
        if len(digits) > EXCEL_DIGITS or not digits:
            raise _CellError(f"身份证号码是数字格式（{cell_text(value)}）。{NUMERIC_ID}")
        return digits
    text = cell_text(value)
    if SCIENTIFIC.fullmatch(text):
        raise _CellError(f"身份证号码是数字格式（{text}）。{NUMERIC_ID}")
    return text


def _code(spec: Field, value: Any) -> str:
    text = cell_text(value)
    if not text:
        return ""
    label = _label(spec.table, text)
    if label is None:
        labels = codes.labels(spec.table)
        hint = f"可填：{'、'.join(labels)}" if len(labels) <= LISTED_CHOICES else "请按模板下拉列表中的写法填写"
        raise _CellError(f"“{text}”不是有效的{spec.title}，{hint}。")
    return label


def _tags(spec: Field, value: Any) -> list[TagInput]:
    """Several categories in one cell (低保、残疾人), each matched like a code value; the order kept, repeats gone."""
    found: dict[str, TagInput] = {}
    for text in TAG_SEPARATORS.split(cell_text(value)):
        if not text:
            continue
        item = codes.match(spec.table, text)
        if item is None:
            raise _CellError(f"“{text}”不是有效的{spec.title}，可填：{'、'.join(codes.labels(spec.table))}；"
                             "多项之间用顿号分隔。")
        found.setdefault(item.code, TagInput(item.code))
    return list(found.values())


def _choice(spec: Field, value: Any) -> Any:
    """是/否, 在校/失学 …: the value the cell's word stands for (a number 1/0 from a spreadsheet counts as 是/否)."""
    text = cell_text(value)
    if not text:
        return None
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    for meant, words in spec.choices:
        if folded in words or (isinstance(meant, bool) and folded == str(int(meant))):
            return meant
    raise _CellError(f"“{text}”不是有效的{spec.title}，可填：{'或'.join(w[0] for _v, w in spec.choices)}。")


def _amount(spec: Field, value: Any) -> int | None:
    """A whole number of 元: 5200, 5200.0, "5,200", "5200元"; anything else names the column."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = unicodedata.normalize("NFKC", cell_text(value)).replace(",", "").removesuffix("元").strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            number = -1.0
    if not number >= 0 or number != round(number) or number > MOST_YUAN:
        raise _CellError(f"“{cell_text(value)}”不是有效的{spec.title}，请填写不小于0的整数金额（元），如 5200。")
    return int(number)


@lru_cache(maxsize=4096)
def _label(table: str, text: str) -> str | None:
    """The standard label for what a sheet says (a sheet repeats the same few values thousands of times)."""
    item = codes.match(table, text)
    return item.label if item else None


def _date(value: Any) -> tuple[date | None, str]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, "day"
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    if isinstance(value, float) and not value.is_integer():
        text = repr(value)
        if text.split(".")[1] == "1":
            raise _CellError(f"日期是数字 {text}，分不清是1月还是10月。请把这一列设置为文本格式，按 1965-10-01 的样子填写。")
    else:
        text = cell_text(value)
    try:
        return dates.parse_partial_date(text)
    except dates.DateError as exc:
        raise _CellError(str(exc)) from None


"""Rules for a person's and a household's data, shared by forms, spreadsheet import and demo data."""

from __future__ import annotations

from datetime import date

from gridapp import codes, idnumber, pinyin
from gridapp.dto import PersonInput, TagInput
from gridapp.errors import RuleViolation

HEAD = "户主"
CODED_FIELDS = {
    "relation": "relation",
    "ethnicity": "ethnicity",
    "political_status": "political_status",
    "education": "education",
    "marital_status": "marital_status",
    "residence_kind": "residence_kind",
    "status": "person_status",
}

# When a member becomes head, the former head's relation to them, by the first digit of the new head's
# relation code (1 spouse, 2/3 child, 4 grandchild, 5 parent, 6 grandparent, 7 sibling): (male, female, unknown).
FORMER_HEAD_RELATION = {
    "1": ("夫", "妻", "配偶"),
    "2": ("父亲", "母亲", "父母"),
    "3": ("父亲", "母亲", "父母"),
    "4": ("祖父", "祖母", "祖父母或外祖父母"),
    "5": ("子", "女", "其他"),
    "6": ("孙子", "孙女", "孙子、孙女或外孙子、外孙女"),
    "7": ("兄弟姐妹", "兄弟姐妹", "兄弟姐妹"),
}


def former_head_relation(new_head_relation: str, former_head_sex: str) -> str:
    """A best guess at the former head's relation to the new head, for the user to check (e.g. 妻 -> 夫)."""
    item = codes.match("relation", new_head_relation)
    choices = FORMER_HEAD_RELATION.get(item.code[0]) if item else None
    if choices is None:
        return "其他"
    return choices[{"男": 0, "女": 1}.get(former_head_sex, 2)]


def person_columns(p: PersonInput, today: date, doubts: list[str] | None = None) -> dict:
    """Validated column values for one person; derived fields (sex, birth date, search keys) filled in.

    ``doubts`` collects what is accepted but worth a second look (an ID number's warnings)."""
    name = (p.name or "").strip()
    if not name:
        raise RuleViolation("姓名不能为空。")
    values = {
        "name": name,
        "name_initials": pinyin.initials(name),
        "occupation": p.occupation.strip(),
        "employer": p.employer.strip(),
        "phone": p.phone.strip(),
        "origin": p.origin.strip(),
        "arrival_date": p.arrival_date,
        "notes": p.notes,
        "medical_insured": p.medical_insured,
        "schooling": _schooling(name, p.schooling),
        "sex": p.sex,
        "birth_date": p.birth_date,
    }
    for field, table in CODED_FIELDS.items():
        raw = (getattr(p, field) or "").strip()
        if not raw:
            values[field] = ""
            continue
        item = codes.match(table, raw)
        if item is None:
            raise RuleViolation(f"{name}：{_field_title(table)}“{raw}”不在代码表中。")
        values[field] = item.label
    if not values["relation"]:
        raise RuleViolation(f"{name}：请填写与户主关系。")
    number = p.id_number.strip()
    if number:
        try:
            info = idnumber.parse(number, today=today)
        except idnumber.IdNumberError as exc:
            raise RuleViolation(f"{name}：{exc}") from exc
        if p.sex and p.sex != info.sex:
            raise RuleViolation(f"{name}：性别“{p.sex}”与身份证号码不符（号码表明为{info.sex}）。")
        if p.birth_date and p.birth_date != info.birth_date:
            raise RuleViolation(
                f"{name}：出生日期 {p.birth_date:%Y-%m-%d} 与身份证号码不符（号码表明为 {info.birth_date:%Y-%m-%d}）。"
            )
        values.update(sex=info.sex, birth_date=info.birth_date, id_number=info.number)
        if doubts is not None:
            doubts.extend(info.warnings)
    else:
        values["id_number"] = ""
    values["id_reversed"] = values["id_number"][::-1]
    values["phone_reversed"] = values["phone"][::-1]
    if values["birth_date"] and values["birth_date"] > today:
        raise RuleViolation(f"{name}：出生日期晚于今天。")
    return values


SCHOOLING = ("在校", "失学")


def _schooling(name: str, value: str) -> str:
    value = (value or "").strip()
    if value and value not in SCHOOLING:
        raise RuleViolation(f"{name}：就学情况应为“在校”或“失学”（不是适龄儿童请留空）。")
    return value


def check_members(members: list[PersonInput]) -> None:
    """Exactly one head; no ID number twice in the same form."""
    if not members:
        raise RuleViolation("一户至少要有一名成员（户主）。")
    heads = [m.name for m in members if is_head(m.relation)]
    if len(heads) != 1:
        found = "没有户主" if not heads else f"有{len(heads)}名户主（{'、'.join(heads)}）"
        raise RuleViolation(f"每户必须有且只有一名户主，现在{found}。")
    seen: dict[str, str] = {}
    for m in members:
        key = idnumber.normalize(m.id_number) if m.id_number else ""
        if key and key in seen:
            raise RuleViolation(f"{seen[key]}和{m.name}的身份证号码相同（{key}），请核对。")
        if key:
            seen[key] = m.name


def is_head(relation: str) -> bool:
    item = codes.match("relation", relation or "")
    return item is not None and item.label == HEAD


def tag_values(tag: TagInput) -> dict:
    """Validate a special-group tag against its category's detail fields."""
    try:
        group = codes.special_group(tag.category)
    except KeyError as exc:
        raise RuleViolation(f"未知的人群类别“{tag.category}”。") from exc
    fields = {f.key: f for f in group.fields}
    details = {}
    for key, value in (tag.details or {}).items():
        if key not in fields:
            raise RuleViolation(f"“{group.label}”没有“{key}”这一项。")
        value = str(value).strip()
        f = fields[key]
        if value and f.type == "choice" and value not in f.options:
            raise RuleViolation(f"“{group.label}”的{f.label}应为：{'、'.join(f.options)}。")
        if value:
            details[key] = value
    if tag.since and tag.until and tag.until < tag.since:
        raise RuleViolation(f"“{group.label}”的结束日期早于开始日期。")
    return {"category": group.code, "details": details, "since": tag.since, "until": tag.until,
            "notes": tag.notes}


def _field_title(table: str) -> str:
    return {
        "relation": "与户主关系",
        "ethnicity": "民族",
        "political_status": "政治面貌",
        "education": "文化程度",
        "marital_status": "婚姻状况",
        "residence_kind": "人口类别",
        "person_status": "人员状态",
    }[table]

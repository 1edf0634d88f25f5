"""Masking ID numbers and phones: in printed ledgers (the mask option, or always for a role that may not print
them) and in what the queries hand to a user who may not see them (``masked``).

One rule everywhere: an ID number keeps its first and last four characters (idnumber.mask), a phone its first
three and last four digits, and free text has every ID number and mobile number inside it masked the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from gridapp import dto, idnumber

# An ID number anywhere in a text (a 残疾证号 is the ID number plus two digits), and a mobile number.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx]")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?!\d)")


def mask_phone(phone: str) -> str:
    """138****1234: keep the first three and the last four digits."""
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:] if len(phone) > 7 else "*" * len(phone)


def mask_text(text: str) -> str:
    """Hide the middle of every ID number and mobile number inside ``text``."""
    if len(text) < 11:
        return text
    text = _ID_NUMBER.sub(lambda m: idnumber.mask(m.group()), text)
    return _MOBILE.sub(lambda m: mask_phone(m.group()), text)


def _id(value: str) -> str:
    return idnumber.mask(value) if value else value


def _texts(values: dict[str, Any]) -> dict[str, Any]:
    """A details dict (a tag's, a timeline step's) with its text values masked."""
    return {key: mask_text(v) if isinstance(v, str) else v for key, v in values.items()}


def _each(values: Any) -> Any:
    return type(values)(masked(v) for v in values)


def masked(value: Any) -> Any:
    """``value`` (a DTO, or a list or tuple of them) as a user without the right to see ID numbers and phones
    gets it; DTOs without such fields come back as they are."""
    if isinstance(value, list | tuple):
        return _each(value)
    rules = FIELDS.get(type(value))
    if rules is None:
        return value
    return replace(value, **{name: rule(getattr(value, name)) for name, rule in rules.items()})


# Per DTO: the fields holding an ID number, a phone, or text that may contain them, and how each is masked.
FIELDS: dict[type, dict[str, Callable[[Any], Any]]] = {
    dto.HouseholdRow: {"head_id_number": _id, "phone": mask_phone},
    dto.HouseholdView: {"phone": mask_phone, "notes": mask_text, "members": _each},
    dto.PersonView: {"id_number": _id, "phone": mask_phone, "notes": mask_text, "tags": _each},
    dto.TagView: {"details": _texts, "notes": mask_text},
    dto.PersonLocation: {"person": masked},
    dto.SearchHit: {"id_number": _id, "phone": mask_phone},
    dto.HouseRow: {"owner_phone": mask_phone},
    dto.HouseView: {"owner_phone": mask_phone, "owner_id_number": _id, "notes": mask_text, "households": _each},
    dto.PlaceView: {"contact_phone": mask_phone},
    dto.PlaceDetail: {"contact_phone": mask_phone, "notes": mask_text},
    dto.GridNodeDetail: {"head_phone": mask_phone},
    dto.WorkerView: {"phone": mask_phone},
    dto.CaseView: {"reporter_phone": mask_phone, "description": mask_text, "timeline": _each, "state": masked},
    dto.CaseState: {"private_terms": lambda terms: tuple(mask_text(t) for t in terms)},
    dto.TimelineEntry: {"note": mask_text, "data": _texts},
    dto.VisitRow: {"content": mask_text, "findings": mask_text, "follow_up": mask_text},
    dto.VisitView: {"row": masked},
    dto.DeletedItem: {"title": mask_text},
}

"""Fast readers of persons and their tags for a whole subtree, one query each (county ledgers need it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from gridapp.ledgers.scope import Scope
from gridapp.models import GridNode, House, Household, Person, PersonTag
from gridapp.queries.common import LIVE_PERSON

PERSON_COLUMNS = (
    Person.id, Person.household_id, Person.name, Person.sex, Person.id_number, Person.birth_date,
    Person.ethnicity, Person.relation, Person.political_status, Person.education, Person.marital_status,
    Person.occupation, Person.employer, Person.phone, Person.residence_kind, Person.origin,
    Person.arrival_date, Person.notes,
    Household.number.label("household_number"), Household.address.label("address"),
    Household.kind.label("household_kind"), Household.grid_id, Person.sort_order,
)


def person_rows(scope: Scope, *where: Any) -> list[Any]:
    """Live registered persons of live households in the scope, in tree, household and member order."""
    query = (select(*PERSON_COLUMNS, House.owner_name.label("landlord"))
             .join(Household, Household.id == Person.household_id)
             .join(GridNode, GridNode.id == Household.grid_id)
             .outerjoin(House, House.id == Household.house_id)
             .where(scope.subtree(), ~Household.deleted, *LIVE_PERSON, *where))
    with scope.ws.read() as s:
        rows = s.execute(query).all()
    scope.persons.update(r.id for r in rows)
    rank = scope.rank
    return sorted(rows, key=lambda r: (rank[r.grid_id], r.household_number, r.household_id, r.sort_order))


def tags_by_person(scope: Scope, categories: Iterable[str] | None = None) -> dict[str, list[Any]]:
    """Live tags of live persons in the scope, per person id."""
    query = (select(PersonTag.person_id, PersonTag.category, PersonTag.details, PersonTag.since,
                    PersonTag.until, PersonTag.notes)
             .join(Person, Person.id == PersonTag.person_id)
             .join(Household, Household.id == Person.household_id)
             .join(GridNode, GridNode.id == Household.grid_id)
             .where(scope.subtree(), ~PersonTag.deleted, ~Household.deleted, *LIVE_PERSON))
    if categories is not None:
        query = query.where(PersonTag.category.in_(list(categories)))
    tags: dict[str, list[Any]] = {}
    with scope.ws.read() as s:
        for tag in s.execute(query):
            tags.setdefault(tag.person_id, []).append(tag)
    return tags

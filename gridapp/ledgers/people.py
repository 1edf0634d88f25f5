"""Fast readers of persons and their tags for a whole subtree: persons are read a few grids at a time while
the ledger is written (a county has 200,000), tags in one query."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import and_, func, or_, select, true

from gridapp.ledgers.model import Rows
from gridapp.ledgers.scope import Scope
from gridapp.models import GridNode, House, Household, Person, PersonTag
from gridapp.queries.common import LIVE_PERSON

BATCH = 2000  # about this many persons are read and sorted at a time

PERSON_COLUMNS = (
    Person.id, Person.household_id, Person.name, Person.sex, Person.id_number, Person.birth_date,
    Person.ethnicity, Person.relation, Person.political_status, Person.education, Person.marital_status,
    Person.occupation, Person.employer, Person.phone, Person.residence_kind, Person.origin,
    Person.arrival_date, Person.notes,
    Household.number.label("household_number"), Household.address.label("address"),
    Household.kind.label("household_kind"), Household.grid_id, Person.sort_order,
)


def person_rows(scope: Scope, *where: Any) -> Rows[Any]:
    """Live registered persons of live households in the scope, in tree, household and member order.

    Counted per grid now; read when iterated, about BATCH persons (whole grids, in tree order) per query,
    so only a batch is ever in memory."""
    counts = persons_per_grid(scope, *where)
    batches = grid_batches(scope, counts, BATCH)

    def read() -> Iterator[Any]:
        for grids in batches:
            yield from persons_of(scope, grids, *where)

    return Rows(sum(n for _, n in counts), read)


def persons_per_grid(scope: Scope, *where: Any) -> list[tuple[str, int]]:
    """(grid id, persons) for the grids of the scope with persons that meet ``where``; the ledger then shows
    them, so they count for the audit log."""
    with scope.ws.read() as s:
        counts = s.execute(_joined(select(Household.grid_id, func.count()).select_from(Person))
                           .where(scope.subtree(), ~Household.deleted, *LIVE_PERSON, *where)
                           .group_by(Household.grid_id)).all()
    scope.person_filters.append(where)
    return [(grid_id, n) for grid_id, n in counts]


def persons_of(scope: Scope, grids: list[str], *where: Any) -> list[Any]:
    """The persons of the live households of ``grids`` (all in the scope) that meet ``where``, sorted."""
    query = (_joined(select(*PERSON_COLUMNS, House.owner_name.label("landlord")))
             .outerjoin(House, House.id == Household.house_id)
             .where(scope.subtree(), ~Household.deleted, *LIVE_PERSON, *where, Household.grid_id.in_(grids)))
    with scope.ws.read() as s:
        rows = s.execute(query).all()
    rank = scope.rank
    return sorted(rows, key=lambda r: (rank[r.grid_id], r.household_number, r.household_id, r.sort_order))


def grid_batches(scope: Scope, counts: Iterable[tuple[str, int]], size: int) -> list[list[str]]:
    """Grid ids in tree order cut into runs of about ``size`` records (a grid is never split), from
    (grid id, number of records) pairs; grids without records are left out."""
    batches: list[list[str]] = []
    held = size
    for grid_id, n in sorted(counts, key=lambda c: scope.rank[c[0]]):
        if held >= size:
            batches.append([])
            held = 0
        batches[-1].append(grid_id)
        held += n
    return batches


def persons_read(scope: Scope) -> int:
    """How many distinct persons the ledger's person readers cover, for the audit log."""
    if not scope.person_filters:
        return 0
    either = or_(*(and_(true(), *where) for where in scope.person_filters))
    with scope.ws.read() as s:
        return s.execute(_joined(select(func.count(Person.id)).select_from(Person))
                         .where(scope.subtree(), ~Household.deleted, *LIVE_PERSON, either)).scalar_one()


def _joined(query: Any) -> Any:
    return (query.join(Household, Household.id == Person.household_id)
            .join(GridNode, GridNode.id == Household.grid_id))


def tags_by_person(scope: Scope, categories: Iterable[str] | None = None,
                   grids: list[str] | None = None) -> dict[str, list[Any]]:
    """Live tags of live persons in the scope (only those of ``grids`` if given), per person id."""
    query = (select(PersonTag.person_id, PersonTag.category, PersonTag.details, PersonTag.since,
                    PersonTag.until, PersonTag.notes)
             .join(Person, Person.id == PersonTag.person_id)
             .join(Household, Household.id == Person.household_id)
             .join(GridNode, GridNode.id == Household.grid_id)
             .where(scope.subtree(), ~PersonTag.deleted, ~Household.deleted, *LIVE_PERSON))
    if categories is not None:
        query = query.where(PersonTag.category.in_(list(categories)))
    if grids is not None:
        query = query.where(Household.grid_id.in_(grids))
    tags: dict[str, list[Any]] = {}
    with scope.ws.read() as s:
        for tag in s.execute(query):
            tags.setdefault(tag.person_id, []).append(tag)
    return tags

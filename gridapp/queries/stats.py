"""The counts behind `gridapp stats` and the overview page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from gridapp.models import Case, GridNode, Household, Person, PersonTag, Place, Visit
from gridapp.queries.common import LIVE_PERSON, QueryBase, group_label, level_label
from gridapp.services.common import in_subtree


class StatsQueries(QueryBase):
    def stats(self) -> dict[str, Any]:
        """The counts `gridapp stats` prints for the user's scope: nodes by level, households, persons by kind,
        tags, … (read from the reporting replica when one is set)"""
        with self.ws.for_reports().read() as s:
            scope = self._scope(s)

            def grid_ids() -> Any:
                return select(GridNode.id).where(in_subtree(GridNode.path, scope))

            def scoped(q: Any, grid_id: Any) -> Any:  # the whole database reads without a join
                return q if scope is None else q.where(grid_id.in_(grid_ids()))

            nodes = select(GridNode.level, func.count()).where(~GridNode.deleted, ~GridNode.retired)
            if scope is not None:
                nodes = nodes.where(in_subtree(GridNode.path, scope))
            by_level = dict(s.execute(nodes.group_by(GridNode.level)).all())
            live_households = scoped(select(Household.id).where(~Household.deleted), Household.grid_id)
            persons = (select(Person.residence_kind, func.count()).where(*LIVE_PERSON,
                                                                         Person.household_id.in_(live_households))
                       .group_by(Person.residence_kind))
            by_kind = dict(s.execute(persons).all())
            tagged = select(PersonTag.category, func.count()).join(Person).where(~PersonTag.deleted, *LIVE_PERSON)
            if scope is not None:
                tagged = tagged.where(Person.household_id.in_(scoped(select(Household.id), Household.grid_id)))
            tags = dict(s.execute(tagged.group_by(PersonTag.category)).all())

            def count(model: Any) -> int:
                q = scoped(select(func.count()).select_from(model).where(~model.deleted), model.grid_id)
                return s.scalar(q) or 0

            return {
                "grid_nodes": {level_label(k): v for k, v in sorted(by_level.items())},
                "households": count(Household),
                "persons": sum(by_kind.values()),
                "persons_by_residence_kind": by_kind,
                "tags": {group_label(k): v for k, v in sorted(tags.items())},
                "places": count(Place),
                "cases": count(Case),
                "visits": count(Visit),
            }

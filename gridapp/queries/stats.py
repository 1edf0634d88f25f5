"""The counts behind `gridapp stats` and the overview page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from gridapp.models import Case, GridNode, Household, Person, PersonTag, Place, Visit
from gridapp.queries.common import LIVE_PERSON, QueryBase, group_label, level_label


class StatsQueries(QueryBase):
    def stats(self) -> dict[str, Any]:
        """The counts `gridapp stats` prints: nodes by level, households, persons by kind, tags, …"""
        with self.ws.read() as s:
            by_level = dict(s.execute(select(GridNode.level, func.count()).where(~GridNode.deleted,
                                                                                 ~GridNode.retired)
                                      .group_by(GridNode.level)).all())
            live_households = select(Household.id).where(~Household.deleted)
            persons = (select(Person.residence_kind, func.count()).where(*LIVE_PERSON,
                                                                         Person.household_id.in_(live_households))
                       .group_by(Person.residence_kind))
            by_kind = dict(s.execute(persons).all())
            tags = dict(s.execute(select(PersonTag.category, func.count()).join(Person)
                                  .where(~PersonTag.deleted, *LIVE_PERSON).group_by(PersonTag.category)).all())

            def count(model: Any) -> int:
                return s.scalar(select(func.count()).select_from(model).where(~model.deleted)) or 0

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

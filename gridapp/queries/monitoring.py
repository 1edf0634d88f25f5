"""The 红黄绿 monitoring read back: the report per colour and cause, 预警 counts per grid, a colour's history."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from gridapp.dto import ColourChangeRow, MonitoredHousehold, MonitorReport, WarningCount
from gridapp.models import ColourChange, GridNode, Household, MonitorWarning, Person
from gridapp.monitoring import settings
from gridapp.monitoring.rules import COLOURS, SEVERITY
from gridapp.queries.common import HEAD, LIVE_PERSON, QueryBase
from gridapp.services.common import within


class MonitoringQueries(QueryBase):
    def warning_counts(self, scope_grid_id: str | None) -> list[WarningCount]:
        """预警 raised, resolved and open per grid of the subtree (the user's scope for None), by grid name."""
        with self.ws.read() as s:
            path = self._subtree(s, scope_grid_id)
            rows = s.execute(
                select(GridNode.id, GridNode.name, func.count(MonitorWarning.id),
                       func.count(MonitorWarning.resolved_at))
                .join(MonitorWarning, MonitorWarning.grid_id == GridNode.id)
                .where(~MonitorWarning.deleted, *within(path))
                .group_by(GridNode.id, GridNode.name).order_by(GridNode.path)).all()
        return [WarningCount(gid, name, raised, resolved, raised - resolved) for gid, name, raised, resolved in rows]

    def monitor_report(self, grid_id: str | None = None) -> MonitorReport:
        """Households per colour and per cause in the subtree, and the red and yellow ones with their reasons."""
        with self.ws.read() as s:
            path = self._subtree(s, grid_id)
            line = settings.config(s).line
            homes = s.execute(
                select(Household.id, Household.number, Household.colour, Household.colour_override,
                       Household.colour_override_reason, Household.colour_causes, GridNode.name)
                .join(GridNode, GridNode.id == Household.grid_id).where(~Household.deleted, *within(path))
                .order_by(GridNode.path, Household.number)).all()
            watched = [h for h in homes if h.colour != COLOURS[2]]
            heads = dict(s.execute(select(Person.household_id, Person.name).where(
                *LIVE_PERSON, Person.relation == HEAD, Person.household_id.in_([h.id for h in watched]))).all())
        colours = Counter({c: 0 for c in COLOURS}) + Counter(h.colour for h in homes)
        causes = Counter(c["cause"] for h in homes if not h.colour_override for c in h.colour_causes or ())
        causes.update("人工认定" for h in homes if h.colour_override and h.colour_override != COLOURS[2])
        listed = sorted(watched, key=lambda h: -SEVERITY[h.colour])
        return MonitorReport(line, {c: colours[c] for c in COLOURS}, dict(causes.most_common()), tuple(
            MonitoredHousehold(h.id, h.number, heads.get(h.id, ""), h.name, h.colour, bool(h.colour_override),
                               (f"人工认定：{h.colour_override_reason}",) if h.colour_override
                               else tuple(c["reason"] for c in h.colour_causes or ()))
            for h in listed))

    def colour_history(self, household_id: str) -> list[ColourChangeRow]:
        """Every change of the household's colour, oldest first."""
        with self.ws.read() as s:
            household = s.get(Household, household_id)
            self._check(s, household.grid_id if household else None, "住户")
            return [ColourChangeRow(c.at, c.from_colour, c.to_colour, c.reasons, c.manual, c.actor_name)
                    for c in s.scalars(select(ColourChange).where(ColourChange.household_id == household_id,
                                                                  ~ColourChange.deleted)
                                       .order_by(ColourChange.at, ColourChange.hlc))]

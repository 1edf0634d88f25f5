"""Read-only queries that return plain DTOs for the UI, ledgers and the CLI (``ws.query``)."""

from gridapp.queries.assessment import AssessmentQueries
from gridapp.queries.audit import AuditQueries
from gridapp.queries.cases import CaseQueries
from gridapp.queries.common import level_label
from gridapp.queries.dashboard import DashboardQueries
from gridapp.queries.difficulty import DifficultyQueries
from gridapp.queries.grid import GridQueries
from gridapp.queries.households import HouseholdQueries
from gridapp.queries.monitoring import MonitoringQueries
from gridapp.queries.plan_map import PlanMapQueries
from gridapp.queries.premises import PremisesQueries
from gridapp.queries.stats import StatsQueries


class Queries(GridQueries, HouseholdQueries, PremisesQueries, StatsQueries, CaseQueries, AuditQueries,
              PlanMapQueries, DifficultyQueries, AssessmentQueries, DashboardQueries, MonitoringQueries):
    """All read-only queries, one object per workspace."""


__all__ = ["Queries", "level_label"]

"""网格难度 (each grid's weighted difficulty, most difficult first, with its workers and the suggested number)
and 网格员考核表 (each worker's figures for a period), read from the same queries as the screens and the CLI."""

from __future__ import annotations

from gridapp.ledgers.fields import count, field, numbered
from gridapp.ledgers.model import Section
from gridapp.ledgers.scope import Scope, calendar_year


def difficulty(scope: Scope) -> list[Section]:
    rows = scope.ws.query.grid_difficulty(scope.node.id)
    labels = list(rows[0].counts) if rows else [p.label for p in scope.ws.query.difficulty_weights().parts]
    fields = (
        field("网格", 40, lambda r: r.path_text.removeprefix(scope.title).removeprefix(" / ") or r.grid_name),
        *(count(label, 13, lambda r, label=label: r.counts.get(label, 0)) for label in labels),
        count("难度分", 14, lambda r: f"{r.score:g}"),
        field("现有网格员", 40, lambda r: "、".join(r.workers)),
        count("现有人数", 12, lambda r: len(r.workers)),
        count("建议人数", 12, lambda r: r.suggested_workers),
    )
    weights = scope.ws.query.difficulty_weights().describe()
    return [numbered("网格难度排名（各项为数量，难度分按权重计算）", fields, rows, texts=(("计分方法", weights),))]


def assessment(scope: Scope) -> list[Section]:
    rows = scope.ws.query.worker_assessment(scope.node.id, scope.period or calendar_year(scope.today))
    fields = (
        field("网格员", 18, lambda r: r.worker_name, "center"),
        field("负责网格", 32, lambda r: "、".join(r.grids)),
        count("应走访", 13, lambda r: r.visits_due),
        count("按时走访", 13, lambda r: r.visits_on_time),
        field("按时走访率", 15, lambda r: _percent(r.visit_rate), "right"),
        count("走访次数", 13, lambda r: r.visits_made),
        count("登记事件", 13, lambda r: r.cases_registered),
        count("办结事件", 13, lambda r: r.cases_handled),
        count("按时办结", 13, lambda r: r.cases_on_time),
        field("按时办结率", 15, lambda r: _percent(r.case_rate), "right"),
        count("评价件数", 13, lambda r: r.rated),
        field("满意率", 13, lambda r: _percent(r.satisfaction_rate), "right"),
        count("预警化解", 13, lambda r: r.warnings_resolved),
    )
    note = ("应走访按走访规则在期间内到期的次数计，到期日当天或之前走访为按时；办结事件为负责网格内期间内办结的事件，"
            "满意率为评价“满意”“基本满意”的比例；预警化解为期间内办结的帮扶事件")
    return [numbered("网格员考核表", fields, rows, texts=(("说明", note),))]


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


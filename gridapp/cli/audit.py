"""``gridapp audit [--user U] [--from DATE] [--to DATE] [--kind K] [--record ID] [--json]``: the audit log, newest
first, for users with the ``audit`` permission (within their scope)."""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import Any

from gridapp.cli.output import local_time, note, parse_day, print_json
from gridapp.dto import AuditFilter
from gridapp.errors import UserError
from gridapp.workspace import Workspace


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="操作日志：谁在什么时候做了什么")
    p.add_argument("--user", dest="log_user", metavar="USER", help="只看这个用户（用户名或姓名）")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="开始日期（含）")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="结束日期（含）")
    p.add_argument("--kind", help="操作类型：login、create、ledger … 或其中文名（登录、新增、打印/导出台账 …）")
    p.add_argument("--record", help="只看这条记录（记录编号）")
    p.add_argument("--limit", type=int, default=1000, help="最多列出多少条（默认1000）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_audit)


def _audit(ws: Workspace, args: argparse.Namespace) -> int:
    flt = AuditFilter(user_name=args.log_user, kind=_kind(ws, args.kind), record_id=args.record,
                      date_from=parse_day("--from", args.date_from) if args.date_from else None,
                      date_to=parse_day("--to", args.date_to) if args.date_to else None)
    rows = ws.query.audit_entries(flt, limit=args.limit)
    if args.json:
        print_json([dataclasses.asdict(r) for r in rows])
        return 0
    for r in rows:
        what = " ".join(filter(None, (r.table_label, r.record_label)))
        detail = json.dumps(r.detail, ensure_ascii=False) if r.detail else ""
        print(f"{local_time(r.at)}\t{r.user_name}\t{r.action_label}\t{what}\t{detail}")
    note(f"共 {len(rows)} 条" + ("（已到上限，用 --limit 或筛选条件看更早的）" if len(rows) >= args.limit else ""))
    return 0


def _kind(ws: Workspace, given: str | None) -> str | None:
    """--kind as an action: its code or its Chinese label."""
    if not given:
        return None
    kinds = ws.query.audit_kinds()
    found = next((action for action, label in kinds if given in (action, label)), None)
    if found is None:
        raise UserError(f"--kind：没有“{given}”这种操作，应为：{'、'.join(label for _, label in kinds)}。")
    return found

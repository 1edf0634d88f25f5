"""The ``import``, ``imports`` (list, ``undo ID``) and ``template`` sub-commands.

The Excel modules are imported when a command runs, so other commands do not pay for loading openpyxl.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from gridapp.cli.output import local_time, note, print_json, progress

OUTCOMES = (("created", "新增"), ("updated", "更新"), ("unchanged", "无变化"), ("skipped", "跳过"),
            ("needs_decision", "待确认"), ("refused", "未导入"))


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="从表格文件（Excel .xlsx/.xls、WPS、.ods、.csv）导入住户和人员")
    p.add_argument("file", help="要导入的文件：.xlsx、.xls（WPS表格也可另存为 .xls）、.ods 或 .csv（UTF-8 或 GBK 编码）")
    p.add_argument("--grid", help="表中没有“所属网格”时导入到这个网格（网格编码或名称）；新建的网格也建在它下面")
    p.add_argument("--sheet", help="工作表名称（默认自动选择）")
    p.add_argument("--dry-run", action="store_true", help="只检查并预览，不写入数据库")
    p.add_argument("--on-duplicate", choices=["update", "skip"], default="ask",
                   help="已登记但信息不同的人员：update 更新，skip 跳过；不指定时只列出、不改动")
    p.add_argument("--create-grids", action="store_true",
                   help="表中“所属网格”写的网格还不存在时，在本单位（或 --grid 指定的网格）下新建它们")
    p.add_argument("--report", help="把未导入的行和原因写到这个 .xlsx 文件")
    p.add_argument("--json", action="store_true", help="以JSON输出结果")
    p.set_defaults(handler=_import)

    p = sub.add_parser("imports", help="最近的导入（Excel和同步包）；imports undo ID 撤销其中一次")
    p.add_argument("--json", action="store_true", help="以JSON输出结果")
    p.set_defaults(handler=_imports)
    actions = p.add_subparsers(dest="imports_command", metavar="ACTION")
    q = actions.add_parser("undo", help="撤销一次导入：新增的记录删掉，改过的记录恢复成导入前的样子")
    q.add_argument("import_id", help="导入的编号（imports 列出的第一列）")
    q.set_defaults(handler=_undo)

    p = sub.add_parser("template", help="生成空白的Excel导入模板")
    p.add_argument("-o", "--output", required=True, help="模板文件路径（.xlsx）")
    p.set_defaults(handler=_template)


def _import(ws: Any, args: argparse.Namespace) -> int:
    from gridapp.excel.importer import ImportOptions, import_file, write_error_report

    grid_id = ws.query.find_grid(args.grid).id if args.grid else None
    with progress("处理中") as report:
        options = ImportOptions(grid_id, args.on_duplicate, args.create_grids)
        result = import_file(ws, args.file, ws.user, sheet=args.sheet, options=options, preview_only=args.dry_run,
                             progress=report)
    if args.report:
        write_error_report(result, args.report)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"文件：{result.file}  工作表：{result.sheet}  表头在第{result.header_row}行，{result.grouping}")
    for title, counts in (("住户", result.households), ("人员", result.persons)):
        print(f"{title}：" + "，".join(f"{label} {getattr(counts, key)}" for key, label in OUTCOMES))
    for grid in result.missing_grids:
        done = ("已新建" if result.applied else "将新建") if result.create_grids else "不存在"
        print(f"网格{done}  {grid.parent} / {grid.name}（表中{grid.rows}行）")
    if result.missing_grids and not result.create_grids:
        print("加 --create-grids 可以新建这些网格并导入它们的住户。")
    for title, rows in (("未导入", result.refused), ("需要确认", result.needs_decision), ("跳过", result.skipped),
                        ("请核对", result.warnings)):
        for row in rows:
            print(f"{title}  第{row.row}行  {row.reason}")
    if not result.applied:
        print("（预览，没有写入数据库）")
    elif result.backup:
        print(f"导入前已备份：{result.backup}")
    else:
        print("这次导入改动的每一行都已留底，可以在程序的“同步”页“最近的导入”里撤销。")
    return 0


def _imports(ws: Any, args: argparse.Namespace) -> int:
    rows = ws.imports.recent(ws.user)
    if args.json:
        print_json([asdict(r) for r in rows])
        return 0
    for r in rows:
        state = "已撤销" if r.undone else "可以撤销" if r.journaled else "只能恢复导入前的备份"
        print(f"{r.id}\t{local_time(r.at)}\t{r.kind_label}\t{r.label}\t{r.user_name}\t{state}")
    note(f"共 {len(rows)} 次导入")
    return 0


def _undo(ws: Any, args: argparse.Namespace) -> int:
    ws.imports.undo(ws.user, args.import_id)
    print("已撤销：数据库回到了这次导入之前的样子。")
    return 0


def _template(_ws: Any, args: argparse.Namespace) -> int:
    from gridapp.excel.importer import write_template

    print(write_template(args.output))
    return 0

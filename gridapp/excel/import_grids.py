"""所属网格 cells → grid nodes: by code, by name, or by a path of names; grids that do not exist yet, found.

A sheet names a grid by its code, its name, or a path such as our own ledgers export ("第一网格/第一微网格",
"清河镇 / 幸福村 / 第一网格"): any tail of the node's full path, its names joined by "/", "／", "›" or "-". A name
may itself contain "-" ("一组-二组"), so "-" joins names only in the paths it is matched against, never by
splitting a cell: "幸福村-一组-二组" finds 一组-二组 under 幸福村, and a cell that matches nothing is taken as one new
name. A name used by several grids is read inside the grid the import goes to, else inside the office's own node.

A cell that matches nothing is a grid the sheet names but the tree lacks. The dry run lists each with the rows
naming it; when the user asks, it is created (in the import's transaction) under the grid the import goes to,
else under the office's own node — or under the grid its path names above it ("幸福村/第四网格"); otherwise its
rows are refused.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridapp.errors import RuleViolation
from gridapp.excel.import_households import FileHousehold
from gridapp.excel.import_result import NewGrid
from gridapp.models import GridNode, new_id
from gridapp.services.common import in_subtree
from gridapp.services.grid import MAX_LEVEL

SEPARATORS = re.compile(r"\s*[/›>]\s*")  # after NFKC, which turns ／ into / and － into -
HYPHENS = re.compile(r"\s*-\s*")
CREATE_HINT = "如果这是要新建的网格，请勾选“在本单位下新建这些网格”（命令行加 --create-grids）后再导入。"


def folded(text: str) -> str:
    """A grid name or path as compared: full-width forms and the spaces around separators folded."""
    return HYPHENS.sub("-", SEPARATORS.sub("/", unicodedata.normalize("NFKC", text).strip()))


class GridResolver:
    """Cells to grid ids; a name used by several grids is read inside the ``scope`` node."""

    def __init__(self, s: Session, scope_id: str | None) -> None:
        nodes = s.execute(select(GridNode.id, GridNode.parent_id, GridNode.code, GridNode.name, GridNode.level)
                          .where(~GridNode.deleted)).all()
        self.nodes = {n.id: n for n in nodes}
        self.by_code = {n.code: n.id for n in nodes if n.code}
        self.by_text: dict[str, list[str]] = {}  # each node's name, and every tail of its path of names
        for n in nodes:
            names = self.names(n.id)
            for length in range(1, len(names) + 1):
                tail = [folded(name) for name in names[-length:]]
                for key in {"/".join(tail), "-".join(tail)}:
                    self.by_text.setdefault(key, []).append(n.id)
        self.inside: set[str] = set()
        if scope_id and scope_id in self.nodes:
            path = s.get(GridNode, scope_id).path
            self.inside = set(s.scalars(select(GridNode.id).where(in_subtree(GridNode.path, path))))

    def names(self, node_id: str) -> list[str]:
        """The names from the root down to the node."""
        names = []
        node = self.nodes.get(node_id)
        while node is not None:
            names.append(node.name)
            node = self.nodes.get(node.parent_id)
        return names[::-1]

    def find(self, text: str) -> str | None:
        """The grid a non-blank cell names, or None when none does; RuleViolation when several do."""
        if text in self.by_code:
            return self.by_code[text]
        found = self.by_text.get(folded(text), [])
        if len(found) > 1:
            found = [g for g in found if g in self.inside] or found
        if len(found) > 1:
            raise RuleViolation(f"有{len(found)}个网格都叫“{text}”，请改填网格编码或带上级名称的路径"
                                "（如“幸福村/第一网格”），或在导入时先选择它所在的村（社区）。")
        return found[0] if found else None


class GridAssigner:
    """Gives each sheet household its grid, and collects the grids the sheet names that do not exist."""

    def __init__(self, s: Session, default_id: str | None, office_id: str | None, create: bool) -> None:
        self.resolver = GridResolver(s, default_id or office_id)
        self.default_id = default_id
        self.parent_id = default_id or office_id  # where new grids go
        self.create = create
        self.new: dict[tuple[str, str], NewGrid] = {}

    def assign(self, households: list[FileHousehold], column: str) -> list[NewGrid]:
        """Set each household's grid or refuse its rows (naming ``column``); returns the grids to create."""
        cache: dict[str, str | NewGrid | RuleViolation] = {}
        for household in households:
            text = household.cell("grid")
            if text not in cache:
                try:
                    cache[text] = self._grid(text)
                except RuleViolation as exc:
                    cache[text] = exc
            found = cache[text]
            if isinstance(found, NewGrid):
                found.rows += len(household.rows)
                if self.create:
                    household.grid_id = found.id
                else:
                    household.refuse_all(f"找不到名称或编码为“{text}”的网格。{CREATE_HINT}", column)
            elif isinstance(found, RuleViolation):
                household.refuse_all(str(found), column)
            else:
                household.grid_id = found
        return list(self.new.values())

    def _grid(self, text: str) -> str | NewGrid:
        if not text:
            if self.default_id is None:
                raise RuleViolation("没有填写所属网格。请在“所属网格”列填写网格名称或编码，或在导入时选择一个网格。")
            return self.default_id
        found = self.resolver.find(text)
        if found is not None:
            return found
        above, _, name = folded(text).rpartition("/")
        parent_id = self.resolver.find(above) if above else self.parent_id
        if parent_id is None:
            if above:
                raise RuleViolation(f"找不到“{text}”，也找不到它的上级“{above}”。请核对网格名称。")
            raise RuleViolation(f"找不到名称或编码为“{text}”的网格；本单位还没有对应的网格，无法新建。"
                                "请在导入时选择新网格的上级网格。")
        if self.resolver.nodes[parent_id].level >= MAX_LEVEL:
            raise RuleViolation(f"找不到名称或编码为“{text}”的网格；它的上级是微网格，微网格下不能再建网格。")
        key = (parent_id, name)
        if key not in self.new:
            self.new[key] = NewGrid(new_id(), name, parent_id, " / ".join(self.resolver.names(parent_id)))
        return self.new[key]

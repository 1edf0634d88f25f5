"""What a write changed is named by the Table enum: every synced table has a member, writes report members."""

from __future__ import annotations

from factories import Tree, family

from gridapp.changes import Table
from gridapp.dto import SYSTEM
from gridapp.models import Base, Synced
from gridapp.workspace import Workspace


def test_every_synced_table_has_a_member() -> None:
    synced = {m.class_.__tablename__ for m in Base.registry.mappers if issubclass(m.class_, Synced)}
    assert synced <= {t.value for t in Table}


def test_a_write_reports_its_tables_as_members(ws: Workspace, tree: Tree) -> None:
    changes = ws.households.create(SYSTEM, family(tree.grid1)).changes
    assert {Table.HOUSEHOLDS, Table.PERSONS} <= changes.tables
    assert all(isinstance(t, Table) for t in changes.tables)
    assert changes.touches(Table.PERSONS) and not changes.touches(Table.CASES)

"""on PostgreSQL, foreign keys are checked at commit (the sync import writes rows in any order); a duplicate's
status has room for "dismissed" (SQLite never enforced the length, PostgreSQL refuses the longer value)

SQLite's import switches its foreign-key checks off for the import (PRAGMA foreign_keys); PostgreSQL cannot,
so its foreign keys become DEFERRABLE INITIALLY DEFERRED: checked once, when the transaction commits. SQLite:
nothing changes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 07:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _alter_all(timing: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    inspector = sa.inspect(bind)
    for table in inspector.get_table_names():
        for fk in inspector.get_foreign_keys(table):
            op.execute(f'ALTER TABLE "{table}" ALTER CONSTRAINT "{fk["name"]}" {timing}')


def upgrade() -> None:
    _alter_all("DEFERRABLE INITIALLY DEFERRED")
    with op.batch_alter_table('sync_duplicates', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=8), type_=sa.String(length=16),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('sync_duplicates', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=16), type_=sa.String(length=8),
                              existing_nullable=False)
    _alter_all("NOT DEFERRABLE")

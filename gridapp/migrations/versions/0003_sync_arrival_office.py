"""sync arrivals remember the office of the newest version seen

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 10:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A draft of 0002 briefly carried this column: databases created from it already have it.
    if "seen_office_id" in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("sync_arrivals")}:
        return
    with op.batch_alter_table('sync_arrivals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seen_office_id', sa.String(length=32), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('sync_arrivals', schema=None) as batch_op:
        batch_op.drop_column('seen_office_id')

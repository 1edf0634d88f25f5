"""The imports and their undo journal (the prior version of every row an import wrote)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-14 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'imports',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('label', sa.String(length=260), nullable=False),
        sa.Column('user_name', sa.String(length=50), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('state', sa.String(length=8), nullable=False),
        sa.Column('journaled', sa.Boolean(), nullable=False),
        sa.Column('rows', sa.Integer(), nullable=False),
        sa.Column('backup_path', sa.Text(), nullable=False),
        sa.Column('undone_at', sa.DateTime(), nullable=True),
        sa.Column('undone_by', sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_imports')),
    )
    op.create_index(op.f('ix_imports_at'), 'imports', ['at'], unique=False)
    op.create_table(
        'import_journal',
        sa.Column('import_id', sa.String(length=32), nullable=False),
        sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('record_key', sa.Text(), nullable=False),
        sa.Column('prior', sa.Text(), nullable=True),
        sa.Column('after', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('import_id', 'seq', name=op.f('pk_import_journal')),
    )
    op.create_index('ix_import_journal_record', 'import_journal', ['table_name', 'record_key'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_import_journal_record', table_name='import_journal')
    op.drop_table('import_journal')
    op.drop_index(op.f('ix_imports_at'), table_name='imports')
    op.drop_table('imports')

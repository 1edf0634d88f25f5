"""covering indexes for the due-visit list: last visits by household and by target, heads

Each lookup the due list makes per household or tagged person reads one of these alone instead of a row of a
wide table (a county: 50,000 households).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 12:00:00
"""

from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

INDEXES = {
    'ix_visits_household_last': ('visits', ['household_id', 'target_kind', 'deleted', 'visited_on']),
    'ix_visits_target_last': ('visits', ['target_id', 'target_kind', 'deleted', 'visited_on']),
    'ix_persons_household_head': ('persons', ['household_id', 'relation', 'deleted', 'name']),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)

"""红黄绿 monitoring: the households' and persons' indicators, the computed colour with its causes and a manual
override, the history of colour changes and the 预警 (warnings) followed as 帮扶 cases

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('hlc', sa.String(length=24), nullable=False),
        sa.Column('office_id', sa.String(length=32), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
    ]


def _key(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    """Foreign keys are checked at commit on PostgreSQL (see 0006); SQLite keeps plain ones."""
    deferred = op.get_bind().dialect.name == "postgresql"
    return sa.ForeignKeyConstraint([column], [f'{target}.id'], name=op.f(f'fk_{table}_{column}_{target}'),
                                   deferrable=True if deferred else None, initially="DEFERRED" if deferred else None)


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(op.f(f'ix_{table}_{column}'), table, [column], unique=False)


def upgrade() -> None:
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.add_column(sa.Column('income_per_capita', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('drinking_water_safe', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('colour_computed', sa.String(length=2), nullable=False, server_default='绿'))
        batch_op.add_column(sa.Column('colour_causes', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('colour_override', sa.String(length=2), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('colour_override_reason', sa.String(length=200), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('medical_insured', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('schooling', sa.String(length=4), nullable=False, server_default=''))
    # The server defaults stay: dropping them would make SQLite copy the whole table, which its foreign keys
    # refuse once persons point at households (the models give new rows their defaults anyway).
    # A household typed red or yellow by hand before monitoring keeps its colour as a manual decision.
    op.execute("UPDATE households SET colour_override = colour, colour_override_reason = colour_reason "
               "WHERE colour <> '绿'")
    op.create_table(
        'colour_changes',
        *_synced(),
        sa.Column('household_id', sa.String(length=32), nullable=False),
        sa.Column('grid_id', sa.String(length=32), nullable=False),
        sa.Column('from_colour', sa.String(length=2), nullable=False),
        sa.Column('to_colour', sa.String(length=2), nullable=False),
        sa.Column('reasons', sa.Text(), nullable=False),
        sa.Column('manual', sa.Boolean(), nullable=False),
        sa.Column('actor_name', sa.String(length=50), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        _key('colour_changes', 'grid_id', 'grid_nodes'),
        _key('colour_changes', 'household_id', 'households'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_colour_changes')),
    )
    _indexes('colour_changes', 'hlc', 'household_id', 'grid_id')
    op.create_table(
        'monitor_warnings',
        *_synced(),
        sa.Column('household_id', sa.String(length=32), nullable=False),
        sa.Column('grid_id', sa.String(length=32), nullable=False),
        sa.Column('case_id', sa.String(length=32), nullable=False),
        sa.Column('rule_id', sa.String(length=40), nullable=False),
        sa.Column('cause', sa.String(length=40), nullable=False),
        sa.Column('colour', sa.String(length=2), nullable=False),
        sa.Column('reason', sa.String(length=200), nullable=False),
        sa.Column('worker_name', sa.String(length=50), nullable=False),
        sa.Column('raised_at', sa.DateTime(), nullable=False),
        sa.Column('resolved_at', sa.DateTime(), nullable=True),
        _key('monitor_warnings', 'case_id', 'cases'),
        _key('monitor_warnings', 'grid_id', 'grid_nodes'),
        _key('monitor_warnings', 'household_id', 'households'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_monitor_warnings')),
    )
    _indexes('monitor_warnings', 'hlc', 'household_id', 'grid_id', 'case_id', 'resolved_at')


def downgrade() -> None:
    op.drop_table('monitor_warnings')
    op.drop_table('colour_changes')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_column('schooling')
        batch_op.drop_column('medical_insured')
    with op.batch_alter_table('households', schema=None) as batch_op:
        for column in ('colour_override_reason', 'colour_override', 'colour_causes', 'colour_computed',
                       'drinking_water_safe', 'income_per_capita'):
            batch_op.drop_column(column)

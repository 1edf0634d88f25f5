"""the grid plan map: a node's picture is an attachment (plan_attachment_id replaces the unused plan_image)
and households, houses and places are pinned on it (map_pins)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # In place, not by batch mode's table copy: SQLite (3.35 and later) drops a plain column itself, and copying
    # grid_nodes, which many tables reference, is refused by their foreign keys on any database holding data.
    op.add_column('grid_nodes', sa.Column('plan_attachment_id', sa.String(length=32), nullable=True))
    op.execute("ALTER TABLE grid_nodes DROP COLUMN plan_image")
    deferred = {"deferrable": True, "initially": "DEFERRED"} if op.get_bind().dialect.name == "postgresql" else {}
    op.create_table(
        'map_pins',
        sa.Column('grid_id', sa.String(length=32), nullable=False),
        sa.Column('target_kind', sa.String(length=16), nullable=False),
        sa.Column('target_id', sa.String(length=32), nullable=False),
        sa.Column('x', sa.Double(), nullable=False),
        sa.Column('y', sa.Double(), nullable=False),
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('hlc', sa.String(length=24), nullable=False),
        sa.Column('office_id', sa.String(length=32), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['grid_id'], ['grid_nodes.id'], name=op.f('fk_map_pins_grid_id_grid_nodes'),
                                **deferred),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_map_pins')),
    )
    with op.batch_alter_table('map_pins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_map_pins_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_map_pins_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_map_pins_target_id'), ['target_id'], unique=False)


def downgrade() -> None:
    op.drop_table('map_pins')
    op.add_column('grid_nodes', sa.Column('plan_image', sa.String(length=64), nullable=True))
    op.execute("ALTER TABLE grid_nodes DROP COLUMN plan_attachment_id")

"""attachment bytes in the database, for server databases whose workstations share no folder

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 09:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'attachment_blobs',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('sha256', name=op.f('pk_attachment_blobs')),
    )


def downgrade() -> None:
    op.drop_table('attachment_blobs')

"""control groups: a campaign's share kept uncalled and the seed of its draw; each call task
knows whether its member is in the control group

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('control_percent', sa.Integer(), server_default='0', nullable=False)
        )
        batch_op.add_column(sa.Column('control_seed', sa.Integer(), nullable=True))
    with op.batch_alter_table('call_task', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('in_control', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('call_task', schema=None) as batch_op:
        batch_op.drop_column('in_control')
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_column('control_seed')
        batch_op.drop_column('control_percent')

"""campaign edits: each change to a campaign's brief, codes or state, with who and when;
outcome codes can be retired (no longer offered; a code already logged is never deleted)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 14:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'campaign_edit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=32), nullable=False),
        sa.Column('before', sa.Text(), nullable=False),
        sa.Column('after', sa.Text(), nullable=False),
        sa.Column('edited_by', sa.String(length=120), nullable=False),
        sa.Column('edited_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['campaign_id'], ['campaign.id'],
            name=op.f('fk_campaign_edit_campaign_id_campaign'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_edit')),
    )
    with op.batch_alter_table('campaign_edit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_edit_campaign_id'), ['campaign_id'], unique=False)
    with op.batch_alter_table('outcome_code', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('retired', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('outcome_code', schema=None) as batch_op:
        batch_op.drop_column('retired')
    with op.batch_alter_table('campaign_edit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_edit_campaign_id'))
    op.drop_table('campaign_edit')

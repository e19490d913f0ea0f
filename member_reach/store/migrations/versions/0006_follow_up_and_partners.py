"""follow-up and partners: codes that ask for a callback, hand-offs closed with an outcome,
calls with a partner, dues of a detected renewal

Existing "callback" codes ask for a callback; existing hand-offs take their campaign from the
call that made them; a closed ("done") hand-off keeps an empty outcome.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outcome_code', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('asks_callback', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute("UPDATE outcome_code SET asks_callback = TRUE WHERE code = 'callback'")

    with op.batch_alter_table('call_task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('with_export_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_call_task_with_export_id'), ['with_export_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_call_task_with_export_id_export_batch'),
            'export_batch', ['with_export_id'], ['id'], ondelete='SET NULL',
        )

    with op.batch_alter_table('hand_off', schema=None) as batch_op:
        batch_op.add_column(sa.Column('campaign_id', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('outcome', sa.String(length=32), server_default='', nullable=False)
        )
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column('closed_by', sa.String(length=120), server_default='', nullable=False)
        )
        batch_op.add_column(sa.Column('close_notes', sa.Text(), server_default='', nullable=False))
        batch_op.create_index(batch_op.f('ix_hand_off_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_hand_off_campaign_id_campaign'),
            'campaign', ['campaign_id'], ['id'], ondelete='SET NULL',
        )
    op.execute(
        "UPDATE hand_off SET campaign_id = (SELECT call_task.campaign_id FROM call_log"
        " JOIN call_task ON call_task.id = call_log.task_id"
        " WHERE call_log.id = hand_off.call_log_id)"
    )

    with op.batch_alter_table('detected_renewal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dues', sa.Numeric(precision=12, scale=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('detected_renewal', schema=None) as batch_op:
        batch_op.drop_column('dues')

    with op.batch_alter_table('hand_off', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_hand_off_campaign_id_campaign'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_hand_off_campaign_id'))
        batch_op.drop_column('close_notes')
        batch_op.drop_column('closed_by')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('outcome')
        batch_op.drop_column('campaign_id')

    with op.batch_alter_table('call_task', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_call_task_with_export_id_export_batch'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_call_task_with_export_id'))
        batch_op.drop_column('with_export_id')

    with op.batch_alter_table('outcome_code', schema=None) as batch_op:
        batch_op.drop_column('asks_callback')

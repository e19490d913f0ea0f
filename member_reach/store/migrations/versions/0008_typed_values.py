"""what the file said: a person's country as typed beside its ISO code, and the values an
import could not read (a date that is no date, an amount that is no amount), kept as typed

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('country_text', sa.String(length=120), server_default='', nullable=False)
        )
        batch_op.add_column(
            sa.Column('unread_values', sa.Text(), server_default='', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('unread_values')
        batch_op.drop_column('country_text')

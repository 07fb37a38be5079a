"""a version on every editable row, so that an edit made on one laptop never silently overwrites another's

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# The tables whose rows a user edits in place (store/tables.py: Versioned).
VERSIONED = ('criterion', 'session', 'session_criterion', 'priority', 'tension', 'decision', 'capacity_plan')


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('version')

"""the session script: each step's time box and the time spent on it, per session

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('session_step',
    sa.Column('session_id', sa.Integer(), sa.ForeignKey('session.id', ondelete='CASCADE'), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False, server_default='0'),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('spent_seconds', sa.Integer(), nullable=False, server_default='0'),
    sa.PrimaryKeyConstraint('session_id', 'kind')
    )


def downgrade() -> None:
    op.drop_table('session_step')

"""sealed session records: one row per revision of a closed (or reopened) session

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('session_revision',
    sa.Column('session_id', sa.Integer(), sa.ForeignKey('session.id', ondelete='CASCADE'), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('record_json', sa.String(), nullable=True),
    sa.Column('fingerprint', sa.String(), nullable=True),
    sa.Column('sealed_at', sa.DateTime(), nullable=True),
    sa.Column('reopened_at', sa.DateTime(), nullable=True),
    sa.Column('reopened_by', sa.String(), nullable=False, server_default=''),
    sa.Column('reopen_reason', sa.String(), nullable=False, server_default=''),
    sa.PrimaryKeyConstraint('session_id', 'revision')
    )


def downgrade() -> None:
    op.drop_table('session_revision')

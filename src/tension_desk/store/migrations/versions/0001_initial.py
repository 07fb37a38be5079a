"""initial schema: the whole domain

Revision ID: 0001
Revises:
Create Date: 2026-11-24 09:07:15.760190
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('capacity_ledger',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.String(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('total_weeks', sa.Float(), nullable=False),
    sa.Column('product_share', sa.Float(), nullable=False),
    sa.Column('engineering_share', sa.Float(), nullable=False),
    sa.Column('reason', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('capacity_ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capacity_ledger_quarter'), ['quarter'], unique=False)

    op.create_table('capacity_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.String(), nullable=False),
    sa.Column('total_weeks', sa.Float(), nullable=False),
    sa.Column('product_share', sa.Float(), nullable=False),
    sa.Column('engineering_share', sa.Float(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('note', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('quarter')
    )
    op.create_table('criterion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('scale_min', sa.Integer(), nullable=False),
    sa.Column('scale_max', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('leader',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('colour', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('role')
    )
    op.create_table('priority',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('side', sa.String(), nullable=False),
    sa.Column('effort_weeks', sa.Float(), nullable=True),
    sa.Column('idea_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('quarter', sa.String(), nullable=True),
    sa.Column('delivered_date', sa.Date(), nullable=True),
    sa.Column('link', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('priority', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_priority_side'), ['side'], unique=False)

    op.create_table('session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('quarter', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.Column('scoring_turn', sa.String(), nullable=False),
    sa.Column('product_done', sa.Boolean(), nullable=False),
    sa.Column('engineering_done', sa.Boolean(), nullable=False),
    sa.Column('revealed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_quarter'), ['quarter'], unique=False)

    op.create_table('workspace',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('score',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('priority_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('leader_role', sa.String(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('comment', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['criterion.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['priority_id'], ['priority.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'priority_id', 'criterion_id', 'leader_role')
    )
    op.create_table('session_criterion',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('product_weight', sa.Float(), nullable=True),
    sa.Column('engineering_weight', sa.Float(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['criterion.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'criterion_id')
    )
    op.create_table('session_priority',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('priority_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['priority_id'], ['priority.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'priority_id')
    )
    op.create_table('tension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('statement', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tension_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('context', sa.String(), nullable=False),
    sa.Column('options', sa.String(), nullable=False),
    sa.Column('outcome', sa.String(), nullable=False),
    sa.Column('rationale', sa.String(), nullable=False),
    sa.Column('tradeoffs', sa.String(), nullable=False),
    sa.Column('cost_of_not', sa.String(), nullable=False),
    sa.Column('success_signal', sa.String(), nullable=False),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('ack_product', sa.Boolean(), nullable=False),
    sa.Column('ack_engineering', sa.Boolean(), nullable=False),
    sa.Column('evidence_json', sa.String(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('review_outcome', sa.String(), nullable=False),
    sa.Column('reviewed_in_session_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['reviewed_in_session_id'], ['session.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tension_id'], ['tension.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('tension_priority',
    sa.Column('tension_id', sa.Integer(), nullable=False),
    sa.Column('priority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['priority_id'], ['priority.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tension_id'], ['tension.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('tension_id', 'priority_id')
    )



def downgrade() -> None:

    op.drop_table('tension_priority')
    op.drop_table('decision')
    op.drop_table('tension')
    op.drop_table('session_priority')
    op.drop_table('session_criterion')
    op.drop_table('score')
    op.drop_table('workspace')
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_quarter'))

    op.drop_table('session')
    with op.batch_alter_table('priority', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_priority_side'))

    op.drop_table('priority')
    op.drop_table('leader')
    op.drop_table('criterion')
    op.drop_table('capacity_plan')
    with op.batch_alter_table('capacity_ledger', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capacity_ledger_quarter'))

    op.drop_table('capacity_ledger')


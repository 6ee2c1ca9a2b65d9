"""learning records: ticked signs of learning, rubric of unplugged work, levels per goal (issue 15)

Revision ID: 0015_learning
Revises: 0012_roster_audit
Create Date: 2026-12-05
"""
from alembic import op
import sqlalchemy as sa


revision = '0015_learning'
down_revision = '0012_roster_audit'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_ticks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.String(length=100), nullable=False),
    sa.Column('sign_id', sa.String(length=60), nullable=False),
    sa.Column('ticked_by_id', sa.Integer(), nullable=True),
    sa.Column('ticked_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pupil_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ticked_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pupil_id', 'activity_id', 'sign_id')
    )
    op.create_index('ix_sign_ticks_pupil_id', 'sign_ticks', ['pupil_id'])
    op.create_table('rubric_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.String(length=60), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('scored_by_id', sa.Integer(), nullable=True),
    sa.Column('scored_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pupil_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scored_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pupil_id', 'release_id', 'criterion_id')
    )
    op.create_index('ix_rubric_scores_pupil_id', 'rubric_scores', ['pupil_id'])
    op.create_table('goal_levels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.String(length=60), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pupil_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pupil_id', 'goal_id')
    )
    op.create_index('ix_goal_levels_pupil_id', 'goal_levels', ['pupil_id'])


def downgrade():
    op.drop_index('ix_goal_levels_pupil_id', table_name='goal_levels')
    op.drop_table('goal_levels')
    op.drop_index('ix_rubric_scores_pupil_id', table_name='rubric_scores')
    op.drop_table('rubric_scores')
    op.drop_index('ix_sign_ticks_pupil_id', table_name='sign_ticks')
    op.drop_table('sign_ticks')

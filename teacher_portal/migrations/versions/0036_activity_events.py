"""activity events: pupils' Tjek runs and opened activities, for the help signal (issue 13)

Revision ID: 0036_activity_events
Revises: 0035_code_projects
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0036_activity_events'
down_revision = '0035_code_projects'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('activity_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=True),
    sa.Column('passed_checks', sa.Integer(), nullable=True),
    sa.Column('failing', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['pupil_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_activity_events_pupil_id', 'activity_events', ['pupil_id'])
    op.create_index('ix_activity_events_release_id', 'activity_events', ['release_id'])
    op.create_index('ix_activity_events_at', 'activity_events', ['at'])


def downgrade():
    op.drop_index('ix_activity_events_at', table_name='activity_events')
    op.drop_index('ix_activity_events_release_id', table_name='activity_events')
    op.drop_index('ix_activity_events_pupil_id', table_name='activity_events')
    op.drop_table('activity_events')

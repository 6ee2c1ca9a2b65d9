"""code projects: the pupil's editor files per code activity (issue 10)

Revision ID: 0035_code_projects
Revises: 0030_report_indexes
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0035_code_projects'
down_revision = '0030_report_indexes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('code_projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.Column('blocks', sa.JSON(), nullable=True),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pupil_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pupil_id', 'release_id')
    )
    op.create_index('ix_code_projects_pupil_id', 'code_projects', ['pupil_id'])


def downgrade():
    op.drop_index('ix_code_projects_pupil_id', table_name='code_projects')
    op.drop_table('code_projects')

"""manual grading

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('manual_scores', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('manual_graded_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_submissions_manual_graded_by', 'users', ['manual_graded_by_id'], ['id'])



def downgrade():
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_constraint('fk_submissions_manual_graded_by', type_='foreignkey')
        batch_op.drop_column('manual_graded_by_id')
        batch_op.drop_column('manual_scores')


"""QR login cards (token hashes) and picture login (symbol, hashed picture code) - issue 10

Revision ID: 0021_login_cards
Revises: 0015_learning
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0021_login_cards'
down_revision = '0015_learning'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index('ix_login_cards_user_id', 'login_cards', ['user_id'])
    op.create_table('picture_logins',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('symbol', sa.String(length=40), nullable=False),
    sa.Column('code_hash', sa.String(length=255), nullable=True),
    sa.Column('code_set_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id')
    )


def downgrade():
    op.drop_table('picture_logins')
    op.drop_index('ix_login_cards_user_id', table_name='login_cards')
    op.drop_table('login_cards')

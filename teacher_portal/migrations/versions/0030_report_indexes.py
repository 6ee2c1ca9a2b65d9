"""Indexes the reports and the class pages need at municipality scale (docs/performance.md).

progress(release_id, status, updated_at): a class's matrix and the reports' "done" counts read progress by
release, and the unique (pupil_id, release_id) index cannot serve that. releases(activity_id):
the effect report finds the kompetencetjek releases by id prefix. submissions(release_id,
pupil_id): the activity page and a pupil's hand-ins. sign_ticks(activity_id): check-in signs.

Revision ID: 0030_report_indexes
"""
from alembic import op

revision = '0030_report_indexes'
down_revision = '0021_login_cards'
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_progress_release_status", "progress", ["release_id", "status", "updated_at"]),
    ("ix_releases_activity", "releases", ["activity_id"]),
    ("ix_submissions_release_pupil", "submissions", ["release_id", "pupil_id"]),
    ("ix_sign_ticks_activity", "sign_ticks", ["activity_id"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)

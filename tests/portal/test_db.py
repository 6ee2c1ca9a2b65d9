"""The portal's SQLite connections: WAL, foreign keys, and commits that do not wait for the disk."""
from sqlalchemy import text

from kodefag.teacher_portal.db import engine_for


def test_sqlite_connections_use_wal_foreign_keys_and_normal_sync(tmp_path):
    with engine_for(f"sqlite:///{tmp_path / 'portal.sqlite'}").connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL (FULL is 2)

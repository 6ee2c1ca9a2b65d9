"""`kodefag backup`: what it refuses (a damaged backup, overwriting a live database); the full
round trip with a running platform is tests/platform/test_no_lost_work.py."""
import pytest

from kodefag.backup import BackupError, create, restore
from kodefag.settings import Settings
from kodefag.teacher_portal.db import session_scope, upgrade
from kodefag.teacher_portal.models import User
from kodefag.teacher_portal.seed import seed_demo


@pytest.fixture
def source(tmp_path):
    settings = Settings(var_dir=tmp_path / "var")
    upgrade(settings.database_url)
    upgrade(settings.hub_database_url)  # any SQLite database will do for the hub's slot here
    with session_scope(settings.database_url) as session:
        seed_demo(session)
    home = settings.var_dir / "homes" / "elev5a01"
    home.mkdir(parents=True)
    (home / "mit.ipynb").write_text("{}")
    return settings


def test_round_trip_into_a_fresh_var(source, tmp_path):
    manifest = create(source, tmp_path / "backup")
    assert set(manifest["parts"]) == {"portal", "hub", "homes"}
    assert oct((tmp_path / "backup").stat().st_mode & 0o777) == "0o700"
    fresh = Settings(var_dir=tmp_path / "fresh")
    restore(fresh, tmp_path / "backup")
    assert (fresh.var_dir / "homes" / "elev5a01" / "mit.ipynb").read_text() == "{}"
    with session_scope(fresh.database_url) as session:
        assert session.query(User).filter_by(username="elev5a01").count() == 1


def test_refuses_a_damaged_backup_and_a_live_database(source, tmp_path):
    create(source, tmp_path / "backup")
    with pytest.raises(BackupError, match="exists"):
        restore(source, tmp_path / "backup")
    archive = tmp_path / "backup" / "homes.tar"
    archive.write_bytes(archive.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(BackupError, match="damaged"):
        restore(Settings(var_dir=tmp_path / "fresh"), tmp_path / "backup")
    with pytest.raises(BackupError, match="not empty"):
        create(source, tmp_path / "backup")

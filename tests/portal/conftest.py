import pytest

from kodefag.settings import Settings
from kodefag.teacher_portal.db import session_scope, upgrade
from kodefag.teacher_portal.seed import seed_demo


def _fresh_postgres_url() -> str:
    """A new, empty schema in the machine's PostgreSQL test database."""
    import uuid

    import psycopg

    schema = "t_" + uuid.uuid4().hex[:10]
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'portal.sqlite'}"
    return _fresh_postgres_url()


@pytest.fixture
def settings(tmp_path, database_url):
    return Settings(var_dir=tmp_path / "var", database_url=database_url)


@pytest.fixture
def seeded(settings):
    """A migrated database with the demo school."""
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        seed_demo(session)
    return settings


@pytest.fixture
def results_db(seeded, monkeypatch):
    """The seeded database as the one kodefag's settings point at (results.py reads them)."""
    from kodefag.settings import get_settings

    monkeypatch.setenv("KODEFAG_DATABASE_URL", seeded.database_url)
    get_settings.cache_clear()
    yield seeded
    get_settings.cache_clear()

"""Database engine and sessions for the portal (and the hub's authenticator).

One engine per database URL per process. Schema changes go through Alembic
(`upgrade()`); nothing calls `create_all` outside migrations.
"""
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@lru_cache
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def _sqlite_pragmas(connection, _record):
    """WAL lets the web process read while a grading worker writes.

    ``synchronous=NORMAL`` (SQLite's advice for WAL): a commit no longer waits for the disk
    (every staff page view commits an audit row), the database stays consistent after any
    crash, and a power cut may lose the last few commits (docs/performance.md)."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@contextmanager
def session_scope(url: str):
    """A session that commits on success and rolls back on error."""
    session = sessionmaker(engine_for(url), expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Bring the database schema to the newest migration."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), "head")


def new_session(url: str) -> Session:
    return sessionmaker(engine_for(url), expire_on_commit=False)()


def analyze(session: Session) -> None:
    """Refresh the query planner's statistics after a bulk load (the synthetic municipality).

    Without them PostgreSQL (until autovacuum gets to it) and SQLite guess table sizes and
    may scan a whole table where an index is better. Table by table: a bare ANALYZE on PostgreSQL
    covers every schema of the database and runs out of lock slots on a shared one."""
    for name in inspect(session.connection()).get_table_names():
        session.execute(text(f'ANALYZE "{name}"'))

"""`kodefag backup create DIR` and `kodefag backup restore DIR`: everything a school would miss.

A backup holds consistent copies of the databases (the portal's, the hub's and the
SQLite job queue: SQLite's online backup API, or ``pg_dump`` for PostgreSQL) and
tar archives of the folders with pupils' work: homes, hand-ins, course folders
(nbgrader source/release/gradebook) and the generated secrets. It is taken while
the platform runs. The databases are copied *before* the folders: a hand-in
stored meanwhile is then at worst a file without a database row (harmless),
never a row pointing at a missing file.

Restore writes into the var/ folder and the database URLs of the current
settings (a new server with the same ``var/kodefag.env``) and refuses to
overwrite an existing portal database unless told to.
"""
import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import parse_qs

import click
from sqlalchemy.engine import make_url

from kodefag.settings import Settings, get_settings

MANIFEST = "manifest.json"
#: what a backup holds besides the databases: folder name under var/ -> why it matters
FOLDERS = {
    "homes": "pupils' own notebooks and files",
    "submissions": "hand-ins",
    "courses": "course folders: released activities, nbgrader gradebooks",
    "secrets": "cookie secret, service tokens (keeps logins and tokens valid)",
}


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why (for operators)."""


def databases(settings: Settings) -> dict[str, str]:
    """Database name -> SQLAlchemy URL of every database a backup holds."""
    found = {"portal": settings.database_url, "hub": settings.hub_database_url}
    if settings.queue_url == "sqlite":
        # queued hand-ins not yet graded; a Redis queue is backed up with Redis (docs/operations.md)
        found["queue"] = f"sqlite:///{settings.queue_file}"
    return found


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _sqlite_path(url: str) -> Path:
    return Path(make_url(url).database)


def _libpq(url: str) -> tuple[str, str | None]:
    """A libpq connection URI for pg_dump/pg_restore, and the schema named in search_path (if any)."""
    parsed = make_url(url).set(drivername="postgresql")
    options = parsed.query.get("options", "")
    options = " ".join(options) if isinstance(options, tuple) else options
    schema = next((part.split("=", 1)[1] for part in options.split() if part.startswith("-csearch_path=")), None)
    return parsed.render_as_string(hide_password=False), schema


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")


def _dump_database(url: str, target_stem: Path) -> Path:
    if _is_sqlite(url):
        source = _sqlite_path(url)
        if not source.exists():
            raise BackupError(f"database file {source} does not exist")
        target = target_stem.with_suffix(".sqlite")
        with sqlite3.connect(source, timeout=30) as live, sqlite3.connect(target) as copy:
            live.backup(copy)  # a consistent snapshot, even while the platform writes
        copy.close()
        live.close()
        return target
    uri, schema = _libpq(url)
    target = target_stem.with_suffix(".pgdump")
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}",
          *([f"--schema={schema}"] if schema else []), f"--dbname={uri}"])
    return target


def _restore_database(url: str, dump: Path) -> None:
    if _is_sqlite(url):
        target = _sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        with sqlite3.connect(dump) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        copy.close()
        source.close()
        return
    uri, _schema = _libpq(url)
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error",
          f"--dbname={uri}", str(dump)])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def create(settings: Settings, destination: Path) -> dict:
    """Write a backup of the running (or stopped) platform to ``destination`` (new or empty)."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty")
    destination.mkdir(parents=True, exist_ok=True)
    destination.chmod(0o700)  # pupils' data and the platform's secrets
    parts = {}
    for name, url in databases(settings).items():  # databases first (see the module docstring)
        if _is_sqlite(url) and not _sqlite_path(url).exists():
            continue  # e.g. no job queued yet
        parts[name] = _dump_database(url, destination / name).name
    for name in FOLDERS:
        folder = settings.var_dir / name
        if folder.is_dir():
            archive = destination / f"{name}.tar"
            with tarfile.open(archive, "w") as tar:
                tar.add(folder, arcname=name)  # keeps modes and owners (per-pupil users)
            parts[name] = archive.name
    manifest = {
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "tier": settings.tier,
        "parts": parts,
        "sha256": {file: _sha256(destination / file) for file in parts.values()},
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def restore(settings: Settings, source: Path, overwrite: bool = False) -> dict:
    """Put a backup back into this settings' var/ folder and databases."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} holds no readable backup ({error})") from None
    for file, digest in manifest["sha256"].items():
        if _sha256(source / file) != digest:
            raise BackupError(f"{file} in {source} is damaged (checksum differs)")
    portal_url = settings.database_url
    if _is_sqlite(portal_url) and _sqlite_path(portal_url).exists() and not overwrite:
        raise BackupError(f"{_sqlite_path(portal_url)} exists; restore into a fresh var/ or pass --overwrite")
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    urls = databases(settings)
    parts = manifest["parts"]
    for name, url in urls.items():
        if name in parts:
            _restore_database(url, source / parts[name])
    for name in FOLDERS:
        if name in parts:
            target = settings.var_dir / name
            if target.exists():
                shutil.rmtree(target)
            with tarfile.open(source / parts[name]) as tar:
                tar.extractall(settings.var_dir, filter="tar")
    return manifest


@click.group()
def cli():
    """Sikkerhedskopi: databaser, elevernes mapper, afleveringer og kursusmapper."""


@cli.command("create")
@click.argument("directory", type=click.Path(path_type=Path))
def create_command(directory: Path):
    """Tag en sikkerhedskopi i DIRECTORY (ny eller tom mappe), mens kodefag kører."""
    try:
        manifest = create(get_settings(), directory)
    except BackupError as error:
        raise click.ClickException(f"Sikkerhedskopien kunne ikke tages: {error}") from None
    click.echo(f"Sikkerhedskopi i {directory}: {', '.join(manifest['parts'])}.")


@cli.command("restore")
@click.argument("directory", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--overwrite", is_flag=True, help="Overskriv en eksisterende portal-database.")
def restore_command(directory: Path, overwrite: bool):
    """Læg sikkerhedskopien i DIRECTORY tilbage (kodefag skal være stoppet)."""
    try:
        manifest = restore(get_settings(), directory, overwrite=overwrite)
    except BackupError as error:
        raise click.ClickException(f"Sikkerhedskopien kunne ikke lægges tilbage: {error}") from None
    click.echo(f"Lagt tilbage fra {manifest['created']}: {', '.join(manifest['parts'])}. Start kodefag igen.")

"""GDPR: everything about one pupil out (export), or gone everywhere (delete), and the
retention job that deletes pupils who left the school.

Where a pupil's data lives, and what :func:`delete_pupil` does to each place:

=====================================  ==============================================
portal database (users, class lists,   rows deleted; SQLite: ``secure_delete`` while
progress, hand-ins, editor files,      deleting, then ``VACUUM`` and a WAL checkpoint;
login failures, signs of learning,     PostgreSQL: ``VACUUM`` of the tables (see
rubric and goal levels:                docs/privacy.md for what stays in WAL/backups)
teacher_portal.learning, login
cards, symbol + picture code)
audit log                              kept 6 months, the user name replaced by a
                                       keyed pseudonym (the log proves the deletion)
hand-ins ``var/submissions/...``       folders removed
nbgrader ``var/courses/<class>/``      ``submitted|autograded|feedback/<pupil>`` removed;
                                       gradebook.db: student removed, ``VACUUM``
grading queue                          ``kodefag.queue.forget_pupil`` drops queued jobs
hub                                    user deleted through the hub API (servers,
                                       tokens, groups); the hub's SQLite is vacuumed
home folder ``var/homes/<pupil>``      removed (notebooks, games, micro:bit files); on the
                                       school tier the hub removes it with the pupil's
                                       system user and cgroup when it deletes the hub user
=====================================  ==============================================
"""
import datetime as dt
import hashlib
import hmac
import io
import json
import logging
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import gettext
from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy import delete, inspect, select, text
from sqlalchemy.orm import Session

from kodefag.queue import forget_pupil as forget_queued_jobs
from kodefag.secrets import secret
from kodefag.settings import Settings

from . import audit, help_signal, learning, login_cards, picture_login
from .db import engine_for, session_scope
from .hub_sync import HubSync, HubUnreachable
from .models import (AuditEntry, CodeProject, LoginFailure, Progress, Release, Role, Submission, User, class_pupils,
                     utcnow)
from .roster import find_user
from .roster_admin import RosterError

log = logging.getLogger(__name__)
NBGRADER_PUPIL_FOLDERS = ("submitted", "autograded", "feedback")

#: the school tier's portal runs as its own user and cannot read a pupil's home (mode 0700, the pupil's)
HOME_FOR_THE_OPERATOR = (
    "Elevens egne filer (notesbøger, spil, micro:bit-programmer) ligger i elevens egen mappe på "
    "skoleserveren, som kun eleven selv kan åbne. Den driftsansvarlige tager dem med i udtrækket med "
    "kommandoen: kodefag privacy export {username} -o {username}.zip\n")


def pseudonym(settings: Settings, username: str) -> str:
    """A keyed hash that replaces a deleted user's name in the audit log.

    The same name always gives the same pseudonym, so the municipality can answer
    "was this pupil deleted?" with the key; without the key the log names no one."""
    key = secret(settings.var_dir, "audit_pseudonym_key").encode()
    return "slettet-" + hmac.new(key, username.encode(), hashlib.sha256).hexdigest()[:12]


def row_dict(row) -> dict:
    """Every column of a database row, JSON-ready."""
    values = {}
    for column in inspect(row).mapper.column_attrs:
        value = getattr(row, column.key)
        if isinstance(value, dt.datetime):
            value = value.isoformat() + "Z"
        elif hasattr(value, "value"):
            value = value.value
        values[column.key] = value
    return values


def home_folder(settings: Settings, username: str) -> Path:
    """The pupil's home (demo: var/homes/<user>, as hub/config.py configures the spawner)."""
    return settings.var_dir / "homes" / username


def _pupil(session: Session, username: str, missing_ok: bool = False) -> User | None:
    user = find_user(session, username)
    if user is None:
        if missing_ok:
            return None
        raise RosterError(gettext("Der er ingen bruger, der hedder %(username)s.", username=username))
    if user.role is not Role.pupil:
        raise RosterError(gettext("%(username)s er ikke elev. Her kan kun elevers data hentes og slettes.",
                                  username=username))
    return user


def _gradebooks(settings: Settings):
    for path in sorted(settings.courses_dir.glob("*/gradebook.db")):
        yield path.parent.name, f"sqlite:///{path}"


def _gradebook_rows(settings: Settings, username: str) -> list[dict]:
    rows = []
    for course, url in _gradebooks(settings):
        with Gradebook(url) as gradebook:
            try:
                student = gradebook.find_student(username)
            except MissingEntry:
                continue
            for submission in student.submissions:
                cells = [grade.to_dict() for notebook in submission.notebooks for grade in notebook.grades]
                rows.append({"course": course, **submission.to_dict(), "cells": cells})
    return rows


def _add_folder(archive: zipfile.ZipFile, folder: Path, prefix: str) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            archive.write(path, f"{prefix}/{relative.as_posix()}")


def export_pupil(session: Session, settings: Settings, username: str, actor) -> bytes:
    """A zip file with everything about the pupil: ``data.json`` (every row), hand-ins, notebooks."""
    user = _pupil(session, username)
    submissions = session.scalars(select(Submission).where(Submission.pupil_id == user.id)
                                  .order_by(Submission.submitted_at)).all()
    data = {
        "eksporteret": utcnow().isoformat() + "Z",
        "bruger": row_dict(user),
        "klasser": [row_dict(c) | {"rolle": "elev"} for c in user.pupil_of],
        "fremgang": [row_dict(p) | {"aktivitet": p.release.activity_id}
                     for p in session.scalars(select(Progress).where(Progress.pupil_id == user.id))],
        "afleveringer": [row_dict(s) | {"aktivitet": s.release.activity_id} for s in submissions],
        "karakterbog": _gradebook_rows(settings, username),
        "kodeprojekter": [row_dict(p) | {"aktivitet": p.release.activity_id}
                          for p in session.scalars(select(CodeProject).where(CodeProject.pupil_id == user.id))],
        "laering": learning.export_pupil(session, user.id),
        "haendelser": [row_dict(e) | {"aktivitet": e_release.activity_id} for e, e_release in session.execute(
            select(help_signal.ActivityEvent, Release).join(Release, Release.id == help_signal.ActivityEvent.release_id)
            .where(help_signal.ActivityEvent.pupil_id == user.id).order_by(help_signal.ActivityEvent.at))],
        "login": {"login_kort": login_cards.export_pupil(session, user.id),
                  "billed_login": picture_login.export_pupil(session, user.id)},
        "log": [row_dict(e) for e in session.scalars(select(AuditEntry).where(AuditEntry.subject == username)
                                                        .order_by(AuditEntry.at))],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for submission in submissions:
            folder = Path(submission.folder)
            if folder.is_dir():
                _add_folder(archive, folder, f"afleveringer/{submission.release.activity_id}/{folder.name}")
        home = home_folder(settings, username)
        if home.is_dir() and os.access(home, os.R_OK | os.X_OK):
            _add_folder(archive, home, "notesboeger")
        elif home.is_dir():
            archive.writestr("notesboeger/LÆSMIG.txt", HOME_FOR_THE_OPERATOR.format(username=username))
        archive.writestr("LÆSMIG.txt", "Alt, hvad kodefag har gemt om eleven: data.json (alle rækker i databasen), "
                                       "afleveringer/ (hver aflevering) og notesboeger/ (elevens egne filer).\n")
    audit.record(session, actor, "privacy.export", subject=username)
    return buffer.getvalue()


@dataclass
class Deletion:
    """What :func:`delete_pupil` removed (for the operator's report and the audit log)."""

    username: str
    rows: int = 0
    folders: list[str] = field(default_factory=list)
    gradebooks: int = 0
    queued_jobs: int | None = None
    hub: str = "not asked"


def _remove_tree(path: Path, deletion: Deletion) -> None:
    if path.exists():
        shutil.rmtree(path)
        deletion.folders.append(str(path))


def delete_pupil(session: Session, settings: Settings, username: str, actor,
                 hub: HubSync | None) -> Deletion:
    """Delete the pupil everywhere (see the module's table). Commits; then compacts the databases.

    Running it again for a pupil already gone from the roster finishes what is left
    (the hub user when the hub did not answer the first time, files, queued jobs)."""
    user = _pupil(session, username, missing_ok=True)
    deletion = Deletion(username)
    folders = []
    if user is not None:
        folders = [Path(s.folder) for s in session.scalars(select(Submission).where(Submission.pupil_id == user.id))]
        _secure_delete_on(session)
        session.execute(delete(Progress).where(Progress.pupil_id == user.id))
        deletion.rows += learning.forget_pupil(session, user.id)  # signs, rubric levels, goal levels
        deletion.rows += help_signal.forget_pupil(session, user.id)  # Tjek runs, opened activities
        deletion.rows += login_cards.forget_pupil(session, user.id) + picture_login.forget_pupil(session, user.id)
        deletion.rows += session.execute(delete(Submission).where(Submission.pupil_id == user.id)).rowcount
        deletion.rows += session.execute(delete(CodeProject).where(CodeProject.pupil_id == user.id)).rowcount
        session.execute(delete(class_pupils).where(class_pupils.c.user_id == user.id))
        session.execute(delete(LoginFailure).where(LoginFailure.username == username))
        session.delete(user)
        deletion.rows += 1
        audit.pseudonymize(session, username, pseudonym(settings, username))
        audit.record(session, actor, "privacy.delete", subject=pseudonym(settings, username))
        session.commit()

    for folder in folders:
        _remove_tree(folder, deletion)
    for pupil_folder in settings.var_dir.glob(f"submissions/*/*/{username}"):
        _remove_tree(pupil_folder, deletion)
    for course, url in _gradebooks(settings):
        for kind in NBGRADER_PUPIL_FOLDERS:
            _remove_tree(settings.courses_dir / course / kind / username, deletion)
        with Gradebook(url) as gradebook:
            try:
                gradebook.remove_student(username)
                deletion.gradebooks += 1
            except MissingEntry:
                pass
        compact_sqlite(url)
    home = home_folder(settings, username)
    had_home = home.is_dir()
    if had_home and home.stat().st_uid == os.geteuid():
        _remove_tree(home, deletion)  # the platform's own files (demo tier)
    deletion.queued_jobs = forget_queued_jobs(settings, username)
    if settings.queue_url == "sqlite":
        compact_sqlite(f"sqlite:///{settings.queue_file}")
    if hub is not None:
        try:
            deletion.hub = "deleted" if hub.delete_user(username) else "not there"
            if had_home and str(home) not in deletion.folders and not home.exists():
                deletion.folders.append(str(home))  # the pupil's own home, removed by the hub (school tier)
        except HubUnreachable as error:
            deletion.hub = f"NOT deleted: {error}"
            log.warning("hub user %s not deleted: %s (run the delete again when the hub runs)", username, error)
    if home.exists():
        log.warning("home of %s not deleted: the hub removes it when it deletes the hub user "
                    "(run the delete again when the hub runs)", pseudonym(settings, username))
    if settings.hub_database_url.startswith("sqlite:///") and _writable(settings.hub_database_url):
        # the school tier's portal cannot open the hub's database (hub/ownership.py): the
        # nightly retention job, which runs as the hub's user, compacts it (purge)
        compact_sqlite(settings.hub_database_url)
    compact_database(settings.database_url)
    log.info("deleted pupil %s: %s", pseudonym(settings, username), deletion)
    return deletion


def _secure_delete_on(session: Session) -> None:
    """SQLite overwrites deleted content with zeros (the rows cannot be read from free pages)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA secure_delete = ON"))


def compact_sqlite(url: str) -> None:
    """Rebuild an SQLite file without free pages and empty its write-ahead log."""
    path = Path(url.removeprefix("sqlite:///"))
    if not path.exists():
        return
    engine = engine_for(url)
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.execute(text("VACUUM"))
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def _writable(sqlite_url: str) -> bool:
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    return not path.exists() or os.access(path, os.W_OK)


def compact_database(url: str) -> None:
    """SQLite: VACUUM. PostgreSQL: VACUUM the tables that held the pupil, so the dead
    row versions are removed from the table files (WAL and backups: docs/privacy.md)."""
    if url.startswith("sqlite"):
        compact_sqlite(url)
        return
    with engine_for(url).connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in ("progress", "submissions", "class_pupils", "login_failures", "users", "audit_log"):
            connection.execute(text(f"VACUUM {table}"))


def pupils_past_retention(session: Session, retention_days: int, now: dt.datetime | None = None) -> list[str]:
    cutoff = (now or utcnow()) - dt.timedelta(days=retention_days)
    return list(session.scalars(select(User.username).where(User.role == Role.pupil, User.left_at.is_not(None),
                                                            User.left_at < cutoff).order_by(User.username)))


def purge(settings: Settings, hub: HubSync | None, now: dt.datetime | None = None) -> list[str]:
    """The daily job: delete pupils who left more than ``retention_days`` ago, and audit
    entries older than ``audit_months``. Returns the user names deleted."""
    deleted = []
    with session_scope(settings.database_url) as session:
        due = pupils_past_retention(session, settings.retention_days, now)
    for username in due:
        with session_scope(settings.database_url) as session:
            delete_pupil(session, settings, username, "retention", hub)
            deleted.append(username)
    with session_scope(settings.database_url) as session:
        removed = audit.purge_old(session, settings.audit_months, now)
        removed += help_signal.purge_old(session, now)
    if removed:
        compact_database(settings.database_url)
    if settings.hub_database_url.startswith("sqlite:///") and _writable(settings.hub_database_url):
        compact_sqlite(settings.hub_database_url)  # after deletes by the portal, which cannot (delete_pupil)
    log.info("retention: %d pupils deleted, %d audit entries removed", len(deleted), removed)
    return deleted

"""GDPR export, delete and retention on SQLite and PostgreSQL, through `kodefag privacy`."""
import datetime as dt
import io
import json
import zipfile

import pytest
from click.testing import CliRunner
from nbgrader.api import Gradebook
from sqlalchemy import func, select

from kodefag import queue
from kodefag.cli import command
from kodefag.environment import put_own_scripts_on_path
from kodefag.jobs import GradingJob
from kodefag.kinds import Kind
from kodefag.teacher_portal import audit
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import AuditEntry, Progress, Release, SchoolClass, Submission, User
from kodefag.teacher_portal.privacy import pseudonym, purge
from kodefag.teacher_portal.roster import find_user
from tests.hubclient import free_port

PUPIL, NAME = "elev5a01", "Xenia Zebrasen"


@pytest.fixture
def pupil_data(results_db, monkeypatch):
    """elev5a01 with a hand-in, a progress row, a notebook at home and a gradebook entry."""
    settings = results_db
    put_own_scripts_on_path()  # nbgrader's Gradebook runs `alembic` by name
    monkeypatch.setenv("KODEFAG_HUB_API_PORT", str(free_port()))  # no hub answers: it is reported, not fatal
    monkeypatch.setenv("KODEFAG_VAR_DIR", str(settings.var_dir))
    folder = settings.var_dir / "submissions" / "5a" / "g5-test" / PUPIL / "20261203T100000000000Z"
    folder.mkdir(parents=True)
    (folder / "g5-test.ipynb").write_text('{"svar": "Xenias kode"}')
    home = settings.var_dir / "homes" / PUPIL
    (home / ".cache").mkdir(parents=True)
    (home / "mit-spil.ipynb").write_text('{"cells": []}')
    (home / ".cache" / "skjult").write_text("x")
    course = settings.courses_dir / "5a"
    (course / "autograded" / PUPIL / "g5-test").mkdir(parents=True)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        gradebook.add_assignment("g5-test")
        gradebook.add_student(PUPIL, first_name="Xenia", last_name="Zebrasen")
        gradebook.add_submission("g5-test", PUPIL)
        gradebook.add_student("elev5a02", first_name="Anden", last_name="Elev")
    with session_scope(settings.database_url) as session:
        user = find_user(session, PUPIL)
        user.display_name = NAME
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        release = Release(class_id=school_class.id, activity_id="g5-test", kind="notebook", title="Test")
        session.add(release)
        session.flush()
        submission = Submission(release_id=release.id, pupil_id=user.id, timestamp="t", folder=str(folder),
                                message="Godt, Xenia!")
        session.add(submission)
        session.flush()
        session.add(Progress(pupil_id=user.id, release_id=release.id, last_submission_id=submission.id))
        audit.record(session, "laerer5a", "class.view", subject=PUPIL)
    return settings


def run(*args):
    return CliRunner().invoke(command(args[0]), list(args[1:]), catch_exceptions=False)


def test_export_holds_every_row_the_hand_ins_and_the_notebooks(pupil_data, tmp_path):
    out = tmp_path / "elev.zip"
    result = run("privacy", "export", PUPIL, "-o", str(out))
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(io.BytesIO(out.read_bytes()))
    names = archive.namelist()
    assert "notesboeger/mit-spil.ipynb" in names and not any("skjult" in n for n in names)
    assert any(n.startswith("afleveringer/g5-test/") and n.endswith("g5-test.ipynb") for n in names)
    data = json.loads(archive.read("data.json"))
    assert data["bruger"]["username"] == PUPIL and data["bruger"]["display_name"] == NAME
    assert [c["name"] for c in data["klasser"]] == ["5.A"]
    assert data["afleveringer"][0]["message"] == "Godt, Xenia!" and data["fremgang"][0]["aktivitet"] == "g5-test"
    assert [(row["course"], row["name"]) for row in data["karakterbog"]] == [("5a", "g5-test")]
    assert data["log"][0]["actor"] == "laerer5a"
    with session_scope(pupil_data.database_url) as session:  # exporting is itself logged
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "privacy.export")).subject == PUPIL


def queued_owners(settings) -> list[str]:
    return sorted(record["job"]["owner"] for record in queue._records(queue.huey_for(settings)).values())


def test_delete_removes_the_pupil_everywhere_and_leaves_others(pupil_data):
    settings = pupil_data
    for owner in (PUPIL, "elev5a02"):  # a hand-in of each waits for a grading worker
        queue.enqueue(settings, GradingJob(kind=Kind.notebook, submission_id=1, owner=owner, release_id=1,
                                           content="kilde.ipynb", handin="aflevering.ipynb"))
    assert queued_owners(settings) == [PUPIL, "elev5a02"]
    assert run("privacy", "delete", PUPIL).exit_code == 2  # --yes is required
    result = run("privacy", "delete", PUPIL, "--yes")
    assert "hub: NOT deleted" in result.output and result.exit_code == 1  # no hub runs here: said, not hidden
    with session_scope(settings.database_url) as session:
        assert find_user(session, PUPIL) is None and find_user(session, "elev5a02") is not None
        assert session.scalar(select(func.count()).select_from(Submission)) == 0
        assert session.scalar(select(func.count()).select_from(Progress)) == 0
        subjects = set(session.scalars(select(AuditEntry.subject)))
        assert PUPIL not in subjects and pseudonym(settings, PUPIL) in subjects
        assert "privacy.delete" in set(session.scalars(select(AuditEntry.action)))
    assert not (settings.var_dir / "homes" / PUPIL).exists()
    assert queued_owners(settings) == ["elev5a02"]  # the pupil's queued job is gone, the other's waits
    assert not (settings.var_dir / "submissions" / "5a" / "g5-test" / PUPIL).exists()
    assert not (settings.courses_dir / "5a" / "autograded" / PUPIL).exists()
    with Gradebook(f"sqlite:///{settings.courses_dir / '5a' / 'gradebook.db'}") as gradebook:
        assert [s.id for s in gradebook.students] == ["elev5a02"]
    # no remnants in any SQLite file: not in free pages, not in a write-ahead log
    for path in list(settings.var_dir.rglob("*.db*")) + list(settings.var_dir.parent.rglob("*.sqlite*")):
        content = path.read_bytes()
        assert PUPIL.encode() not in content and b"Zebrasen" not in content and b"Xenia" not in content, path
    again = run("privacy", "delete", PUPIL, "--yes")  # finishes what is left; the roster row is gone already
    assert "0 rækker" in again.output


def test_staff_cannot_be_deleted_as_pupils(pupil_data):
    result = run("privacy", "delete", "laerer5a", "--yes")
    assert result.exit_code == 2 and "ikke elev" in result.output


def test_retention_deletes_pupils_who_left_long_ago_and_old_audit_entries(pupil_data):
    settings = pupil_data
    now = dt.datetime(2027, 9, 1)
    with session_scope(settings.database_url) as session:
        find_user(session, PUPIL).left_at = now - dt.timedelta(days=366)
        find_user(session, "elev5a02").left_at = now - dt.timedelta(days=30)
        session.add(AuditEntry(at=now - dt.timedelta(days=200), actor="leder", action="class.view"))
        session.add(AuditEntry(at=now - dt.timedelta(days=20), actor="leder", action="class.view", subject="x"))
    assert purge(settings, None, now=now) == [PUPIL]
    with session_scope(settings.database_url) as session:
        assert find_user(session, PUPIL) is None and find_user(session, "elev5a02") is not None
        ages = [now - at for at in session.scalars(select(AuditEntry.at))]
        assert ages and all(age < dt.timedelta(days=180) for age in ages if age > dt.timedelta(0))
        assert session.scalar(select(func.count()).select_from(User).where(User.username == "leder")) == 1


def test_the_nightly_retention_run_waits_for_three_in_the_night_danish_time():
    from zoneinfo import ZoneInfo

    from kodefag.teacher_portal.privacy_cli import seconds_until

    local = ZoneInfo("Europe/Copenhagen")
    assert seconds_until("03:00", dt.datetime(2026, 12, 3, 2, 30, tzinfo=local)) == 30 * 60
    assert seconds_until("03:00", dt.datetime(2026, 12, 3, 3, 0, tzinfo=local)) == 24 * 3600

"""Roster, demo school, releases and grading results on SQLite and PostgreSQL."""
import pytest
from sqlalchemy import func, select

from kodefag.curriculum.loader import load_curriculum
from kodefag.hub.authenticator import auth_model
from kodefag.jobs import GradingResult
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Progress, Release, Role, SchoolClass, Status, Submission, User
from kodefag.teacher_portal.manual_grading import ManualGradeError, apply_manual_grade, parse_points
from kodefag.teacher_portal.releases import release_activity, released_folder
from kodefag.teacher_portal.results import mark_running, record_failure, record_result
from kodefag.teacher_portal.roster import check_password, classes_visible_to, find_user
from kodefag.teacher_portal.seed import seed_demo

ACTIVITY = "g5-lister-og-loekker"


def test_demo_school_contract(seeded):
    with session_scope(seeded.database_url) as session:
        classes = {c.name: c for c in session.scalars(select(SchoolClass))}
        assert set(classes) == {"3.A", "5.A", "5.B", "8.A"}
        assert [p.username for p in classes["5.A"].pupils] == [f"elev5a0{n}" for n in range(1, 6)]
        assert [p.username for p in classes["8.A"].pupils] == ["elev8a01", "elev8a02", "elev8a03"]
        assert {c.name for c in find_user(session, "laerer5a").teacher_of} == {"5.A", "3.A"}
        assert {c.name for c in find_user(session, "laerer5b").teacher_of} == {"5.B", "8.A"}
        assert find_user(session, "leder").role is Role.leader
        assert find_user(session, "admin").role is Role.admin
        assert find_user(session, "kommune").role is Role.municipality and find_user(session, "kommune").school is None
        assert session.scalar(select(func.count()).select_from(User)) == 21


def test_seeding_twice_changes_nothing(seeded):
    with session_scope(seeded.database_url) as session:
        seed_demo(session)
    with session_scope(seeded.database_url) as session:
        assert session.scalar(select(func.count()).select_from(User)) == 21
        assert len(find_user(session, "elev5a01").pupil_of) == 1


def test_passwords_are_argon2_hashes_and_checked(seeded):
    with session_scope(seeded.database_url) as session:
        user = find_user(session, "elev5a01")
        assert user.password_hash.startswith("$argon2id$") and "demo" not in user.password_hash
        assert check_password(session, "elev5a01", "demo").username == "elev5a01"
        assert check_password(session, "elev5a01", "Demo") is None
        assert check_password(session, "ingen", "demo") is None


def test_hub_identity_per_role(seeded):
    with session_scope(seeded.database_url) as session:
        pupil = auth_model(find_user(session, "elev5b03"))
        assert pupil["groups"] == ["klasse-5b"] and not pupil["admin"]
        assert pupil["roles"][0]["scopes"] == ["self", "access:services!service=portal"]
        teacher = auth_model(find_user(session, "laerer5a"))
        scopes = teacher["roles"][0]["scopes"]
        assert "access:servers!group=klasse-5a" in scopes and "access:servers!group=klasse-3a" in scopes
        assert not any("klasse-5b" in scope or "klasse-8a" in scope for scope in scopes)
        assert teacher["groups"] == []
        admin = auth_model(find_user(session, "admin"))
        assert admin["admin"] and {r["name"] for r in admin["roles"]} == {"platform-admin", "admin"}


def test_who_sees_which_class(seeded):
    with session_scope(seeded.database_url) as session:
        def names(username):
            return [c.name for c in classes_visible_to(session, find_user(session, username))]
        assert names("laerer5a") == ["3.A", "5.A"]
        assert names("laerer5b") == ["5.B", "8.A"]
        assert names("leder") == ["3.A", "5.A", "5.B", "8.A"]
        assert names("elev5a01") == []


def _release(session, settings):
    school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
    return release_activity(session, settings, school_class, load_curriculum().activity(ACTIVITY))


def test_release_makes_the_nbgrader_assignment(seeded):
    with session_scope(seeded.database_url) as session:
        release = _release(session, seeded)
        assert release.max_score == 6.0
        folder = released_folder(seeded, release.school_class, ACTIVITY)
        text = (folder / f"{ACTIVITY}.ipynb").read_text()
        assert "DIN KODE HER" in text and "BEGIN HIDDEN TESTS" not in text and "summen = summen + p" not in text
        assert session.scalar(select(func.count()).select_from(Progress)) == 5
    with session_scope(seeded.database_url) as session:  # releasing again is harmless
        _release(session, seeded)
        assert session.scalar(select(func.count()).select_from(Progress)) == 5


def _submission(session, settings):
    release = session.scalar(select(Release)) or _release(session, settings)
    pupil = find_user(session, "elev5a01")
    submission = Submission(release_id=release.id, pupil_id=pupil.id, timestamp="t", folder="/x")
    session.add(submission)
    session.flush()
    return submission.id


def test_results_are_idempotent(results_db):
    with session_scope(results_db.database_url) as session:
        submission_id = _submission(session, results_db)
    result = {"score": 4, "max_score": 6, "messages": ["Godt!"],
              "cells": [{"grade_id": "a", "score": 4, "max_score": 4, "status": "passed"},
                        {"grade_id": "b", "score": 0, "max_score": 2, "status": "manual"}]}
    mark_running(results_db, submission_id)
    record_result(results_db, submission_id, GradingResult.from_grader(result))
    record_result(results_db, submission_id, GradingResult.from_grader(result))  # a retried job writes the same again
    with session_scope(results_db.database_url) as session:
        progress = session.scalars(select(Progress).where(Progress.last_submission_id == submission_id)).all()
        assert len(progress) == 1
        assert progress[0].score == 4 and progress[0].status is Status.needs_manual
        assert session.get(Submission, submission_id).message == "Godt!"
    record_failure(results_db, submission_id, "Rettemaskinen er nede.")
    with session_scope(results_db.database_url) as session:
        assert session.get(Submission, submission_id).status is Status.failed


def test_teacher_points_survive_a_regrade(results_db):
    """A grading job that runs again after the teacher graded keeps the teacher's points."""
    with session_scope(results_db.database_url) as session:
        submission_id = _submission(session, results_db)
    result = {"score": 4, "max_score": 6, "messages": [],
              "cells": [{"grade_id": "a", "score": 4, "max_score": 4, "status": "passed"},
                        {"grade_id": "svar", "score": None, "max_score": 2, "status": "manual"}]}
    record_result(results_db, submission_id, GradingResult.from_grader(result))
    with session_scope(results_db.database_url) as session:
        submission = session.get(Submission, submission_id)
        with pytest.raises(ManualGradeError):
            parse_points("3", 2)
        with pytest.raises(ManualGradeError):
            apply_manual_grade(submission, {"a": 1}, find_user(session, "laerer5a"))
        apply_manual_grade(submission, {"svar": parse_points("1,5", 2)}, find_user(session, "laerer5a"))
        assert submission.score == 5.5 and submission.status is Status.graded
    record_result(results_db, submission_id, GradingResult.from_grader(result))  # the job ran again
    with session_scope(results_db.database_url) as session:
        submission = session.get(Submission, submission_id)
        assert submission.score == 5.5 and submission.status is Status.graded

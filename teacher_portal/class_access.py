"""Which class, release and hand-in a staff request is about, and may this user see or teach it.

Every class page (overview, activity, grading, planning, pupil) starts here, so the
rule "a teacher sees and changes only the classes they teach" is written once.
"""
from flask import abort
from sqlalchemy import select

from .auth import current_user, db_session
from .models import Release, Role, SchoolClass, Submission, User
from .roster import may_view_class


def visible_class(slug: str) -> SchoolClass:
    """The class of the URL, if the user may see it (404 unknown, 403 not theirs)."""
    school_class = db_session().scalar(select(SchoolClass).where(SchoolClass.slug == slug))
    if school_class is None:
        abort(404)
    if not may_view_class(db_session(), current_user(), school_class):
        abort(403)
    return school_class


def may_teach(school_class: SchoolClass) -> bool:
    """Teachers of the class and administrators change it; leaders only look."""
    user = current_user()
    return user.role is Role.admin or school_class in user.teacher_of


def taught_class(slug: str) -> SchoolClass:
    """The class of the URL, if the user teaches it (403 otherwise)."""
    school_class = visible_class(slug)
    if not may_teach(school_class):
        abort(403)
    return school_class


def release_of(school_class: SchoolClass, activity_id: str) -> Release:
    release = db_session().scalar(select(Release).where(
        Release.class_id == school_class.id, Release.activity_id == activity_id))
    if release is None:
        abort(404)
    return release


def pupil_of(school_class: SchoolClass, username: str) -> User:
    pupil = next((p for p in school_class.pupils if p.username == username), None)
    if pupil is None:
        abort(404)
    return pupil


def class_submission(school_class: SchoolClass, submission_id: int) -> Submission:
    """A graded hand-in of the class (404 for another class's, or one not graded yet)."""
    submission = db_session().get(Submission, submission_id)
    if submission is None or submission.release.class_id != school_class.id or submission.result is None:
        abort(404)
    return submission

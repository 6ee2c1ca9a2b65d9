"""The pupil's tools tell the portal what happens while they work (for the help signal).

- ``POST /api/aktivitet/<class>/<activity>/tjek`` with JSON
  ``{"passed": false, "checks": [{"name": "tæl ned", "passed": false}]}``: one Tjek run.
- ``POST /api/aktivitet/<class>/<activity>/aaben``: the pupil opened the activity.

Called with the pupil's server token (``Authorization: token ...``, like the exchange)
or from a portal page with the session cookie and the ``X-CSRFToken`` header. The pupil
is whoever the hub says owns the token; answers are JSON, errors in Danish.
"""
from flask import Blueprint, abort, jsonify, request
from sqlalchemy import select

from .auth import current_user, db_session, roles_required
from .help_signal import EventRejected, record_open, record_tjek
from .models import Release, Role, SchoolClass, Status, progress_row

bp = Blueprint("events", __name__, url_prefix="/api/aktivitet")


def _own_release(course_id: str, activity_id: str) -> Release:
    school_class = db_session().scalar(select(SchoolClass).where(SchoolClass.slug == course_id))
    if school_class is None:
        abort(404)
    if school_class not in current_user().pupil_of:
        abort(403)
    release = db_session().scalar(select(Release).where(Release.class_id == school_class.id,
                                                        Release.activity_id == activity_id))
    if release is None:
        abort(404)
    return release


@bp.post("/<course_id>/<activity_id>/tjek")
@roles_required(Role.pupil, api=True)
def tjek(course_id: str, activity_id: str):
    release = _own_release(course_id, activity_id)
    try:
        record_tjek(db_session(), current_user(), release, request.get_json(silent=True))
    except EventRejected as problem:
        return jsonify(success=False, error=str(problem)), 400
    progress = progress_row(db_session(), current_user().id, release)
    if progress.status is Status.released:  # running Tjek means the pupil has begun
        progress.status = Status.fetched
    db_session().commit()
    return jsonify(success=True), 201


@bp.post("/<course_id>/<activity_id>/aaben")
@roles_required(Role.pupil, api=True)
def opened(course_id: str, activity_id: str):
    record_open(db_session(), current_user(), _own_release(course_id, activity_id))
    db_session().commit()
    return jsonify(success=True), 201

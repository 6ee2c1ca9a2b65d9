"""The nbgrader exchange over HTTP: pupils fetch, list and hand in here.

Replaces nbgrader's shared writable exchange folder. The pupil is whoever owns
the hub token in the ``Authorization`` header; a user name in the request is
never trusted. Hand-ins are checked completely (size, JSON, nbformat schema,
file names) before anything is stored, then queued for grading.
"""
import io
import json
import logging
import tarfile

import nbformat
from flask import Blueprint, abort, current_app, jsonify, request, send_file
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from kodefag.settings import Settings

from .auth import current_user, db_session, roles_required
from .help_signal import record_open
from .local_time import local_time
from .models import Release, Role, SchoolClass, Status, Submission, progress_row
from .pupil_activities import game_archive, local_text
from .releases import released_folder
from .submissions import MAX_CODE_BYTES, check_code, code_file, queue_grading, store_submission

log = logging.getLogger(__name__)
bp = Blueprint("exchange", __name__, url_prefix="/api/exchange")
IDENTITY_FIELDS = ("student", "student_id", "user", "username", "pupil")


class SubmissionRejected(Exception):
    """A hand-in that cannot be accepted; the message is Danish, for the pupil."""


@bp.errorhandler(HTTPException)
def json_error(error: HTTPException):
    """The exchange speaks JSON, errors included, with a Danish reason."""
    reasons = {
        401: "Du er ikke logget ind.",
        403: "Du har ikke adgang til denne opgave.",
        404: "Opgaven findes ikke eller er ikke frigivet til din klasse.",
        413: "Afleveringen er for stor.",
    }
    reason = reasons.get(error.code, error.description)
    return jsonify({"success": False, "error": reason}), error.code


def _settings() -> Settings:
    return current_app.config["SETTINGS"]


#: kinds the exchange hands out and takes in: notebooks (nbgrader) and game projects (a folder)
EXCHANGE_KINDS = ("notebook", "pgzero")


def _pupil_release(course_id: str, activity_id: str, kinds=("notebook",)) -> tuple[SchoolClass, Release]:
    user = current_user()
    db = db_session()
    school_class = db.scalar(select(SchoolClass).where(SchoolClass.slug == course_id))
    if school_class is None:
        abort(404)
    if school_class not in user.pupil_of:
        abort(403)
    release = db.scalar(select(Release).where(
        Release.class_id == school_class.id, Release.activity_id == activity_id))
    if release is None or release.kind not in kinds or not release.is_open:
        abort(404)
    return school_class, release


def _notebook_names(folder) -> list[str]:
    return sorted(path.name for path in folder.glob("*.ipynb"))


def _submission_view(submission: Submission) -> dict:
    return {"timestamp": submission.timestamp, "status": submission.status.value,
            "score": submission.score, "max_score": submission.max_score, "message": submission.message,
            "teacher_comment": submission.teacher_comment,
            # what the pupil reads: Danish local time, and whether it came after the deadline
            "handed_in_text": local_text(submission.submitted_at), "late": submission.late}


@bp.get("/assignments")
@roles_required(Role.pupil, api=True)
def list_assignments():
    """Everything released to the pupil's classes, with their own hand-ins."""
    user, db = current_user(), db_session()
    assignments = []
    for school_class in user.pupil_of:
        releases = db.scalars(select(Release).where(
            Release.class_id == school_class.id, Release.kind == "notebook").order_by(Release.released_at))
        for release in (r for r in releases if r.is_open):
            folder = released_folder(_settings(), school_class, release.activity_id)
            submissions = db.scalars(select(Submission).where(
                Submission.release_id == release.id, Submission.pupil_id == user.id
            ).order_by(Submission.submitted_at))
            assignments.append({
                "course_id": school_class.slug, "assignment_id": release.activity_id,
                "title": release.title, "max_score": release.max_score,
                "deadline": local_time(release.deadline) or None,
                "notebooks": [name.removesuffix(".ipynb") for name in _notebook_names(folder)],
                "submissions": [_submission_view(s) for s in submissions],
            })
    return jsonify({"success": True, "assignments": assignments})


@bp.get("/assignments/<course_id>/<activity_id>/download")
@roles_required(Role.pupil, api=True)
def download(course_id: str, activity_id: str):
    """The released files of one assignment (or the pupil's copy of a game project) as a tar.gz."""
    school_class, release = _pupil_release(course_id, activity_id, EXCHANGE_KINDS)
    if release.kind == "pgzero":
        buffer = io.BytesIO(game_archive(release))
    else:
        folder = released_folder(_settings(), school_class, activity_id)
        if not folder.is_dir():
            abort(404)
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(folder)))
        buffer.seek(0)
    _mark_fetched(release)
    return send_file(buffer, mimetype="application/gzip", download_name=f"{activity_id}.tar.gz")


def _mark_fetched(release: Release) -> None:
    db = db_session()
    progress = progress_row(db, current_user().id, release)
    if progress.status is Status.released:
        progress.status = Status.fetched
    record_open(db, current_user(), release)  # the help signal counts from here
    db.commit()


def check_notebook(name: str, data: bytes, allowed: list[str], max_bytes: int) -> None:
    """Raise SubmissionRejected (Danish reason) unless data is an acceptable notebook."""
    if name not in allowed:
        raise SubmissionRejected(f"Filen {name!r} hører ikke til opgaven. Aflever kun: {', '.join(allowed)}.")
    if len(data) > max_bytes:
        raise SubmissionRejected(
            f"{name} fylder {len(data) // 1024} KB; grænsen er {max_bytes // 1024} KB. "
            "Slet store output (Rediger > Ryd alle output) og prøv igen.")
    try:
        notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
        nbformat.validate(notebook)
    except (UnicodeDecodeError, json.JSONDecodeError, nbformat.ValidationError, ValueError, KeyError, TypeError,
            RecursionError) as error:  # RecursionError: JSON nested thousands deep
        log.info("rejected malformed notebook %s: %s", name, str(error)[:200])
        raise SubmissionRejected(f"{name} er ikke en gyldig notesbog og kan ikke afleveres. "
                                 "Åbn den igen i Jupyter, gem den, og prøv igen.") from None


@bp.post("/assignments/<course_id>/<activity_id>/submissions")
@roles_required(Role.pupil, api=True)
def submit(course_id: str, activity_id: str):
    """Hand in: validate every file, then store and queue the grading."""
    user = current_user()
    for field in IDENTITY_FIELDS:
        claimed = request.form.get(field) or request.args.get(field)
        if claimed and claimed != user.username:
            return jsonify({"success": False, "error": "Du kan kun aflevere som dig selv."}), 403
    school_class, release = _pupil_release(course_id, activity_id, EXCHANGE_KINDS)
    files = request.files.getlist("files")
    if release.kind == "pgzero":
        return _submit_game(school_class, release, files)
    allowed = _notebook_names(released_folder(_settings(), school_class, activity_id))
    if not files:
        return jsonify({"success": False, "error": "Afleveringen indeholder ingen notesbog."}), 400
    contents = {}
    try:
        for upload in files:
            data = upload.read(_settings().max_notebook_bytes + 1)
            check_notebook(upload.filename or "", data, allowed, _settings().max_notebook_bytes)
            contents[upload.filename] = data
        if f"{activity_id}.ipynb" not in contents:
            raise SubmissionRejected(f"Afleveringen mangler {activity_id}.ipynb.")
    except SubmissionRejected as rejected:
        return jsonify({"success": False, "error": str(rejected)}), 400
    settings, db = _settings(), db_session()
    submission = store_submission(db, settings, school_class, release, user, contents)
    queue_grading(db, settings, school_class, release, submission)
    return jsonify({"success": True, "submission": _submission_view(submission)}), 201


def _submit_game(school_class: SchoolClass, release: Release, files):
    """A game project is handed in as its program: the pupil's starter.py, stored as the kind's code file."""
    programs = [upload for upload in files if upload.filename in ("starter.py", code_file(release))]
    if len(programs) != 1:
        return jsonify({"success": False, "error": "Aflever dit spil: filen starter.py."}), 400
    code = check_code(programs[0].read(MAX_CODE_BYTES + 1))
    if isinstance(code, str):
        return jsonify({"success": False, "error": code}), 400
    settings, db = _settings(), db_session()
    submission = store_submission(db, settings, school_class, release, current_user(), {code_file(release): code})
    queue_grading(db, settings, school_class, release, submission)
    return jsonify({"success": True, "submission": _submission_view(submission)}), 201

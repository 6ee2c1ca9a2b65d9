"""The pupil's page for a game or micro:bit activity: read, write, hand in, see the result."""
from pathlib import Path

import mistune
from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from kodefag.curriculum.loader import cached_curriculum
from kodefag.settings import REPO_ROOT
from kodefag.task_text import pupil_text

from .auth import current_user, db_session, roles_required
from .help_signal import record_open
from .models import Release, Role, Submission
from .pupil_activities import PupilActivity, exercises_of, pupil_activities
from .submissions import MAX_CODE_BYTES, check_code, code_file, queue_grading, store_submission

bp = Blueprint("pupil", __name__)


def open_url(activity: PupilActivity) -> str | None:
    """The activity's own page for game and micro:bit programs (task, editor, hand-in); else None."""
    release = activity.release
    if code_file(release) is not None:
        return url_for("pupil.activity", release_id=release.id)
    return None


def render_dashboard():
    """The pupil's front page on the portal: Mine aktiviteter."""
    activities = pupil_activities(db_session(), current_app.config["SETTINGS"], current_user())
    return render_template("pupil_dashboard.html", activities=activities, open_url=open_url, feedback_url=feedback_url)


@bp.get("/api/elev/aktiviteter")
@roles_required(Role.pupil, api=True)
def activities_json():
    """Mine aktiviteter for the pupil's JupyterLab extension (the same list as the portal page)."""
    activities = pupil_activities(db_session(), current_app.config["SETTINGS"], current_user())
    return jsonify({"aktiviteter": [{**a.as_json(), "url": open_url(a), "feedback_url": feedback_url(a)}
                                    for a in activities]})


def feedback_url(activity: PupilActivity) -> str | None:
    """The pupil's feedback page of an activity once there is something to read on it."""
    return url_for("pupil.feedback", release_id=activity.release.id) if activity.has_feedback else None


@bp.get("/tilbagemelding/<int:release_id>")
@roles_required(Role.pupil)
def feedback(release_id: int):
    """Feedback a pupil can read, in Danish: points per exercise, the grader's messages, the teacher's comment.

    Drawn from the stored result (what nbgrader's generate_feedback would show, without its English,
    ids and tracebacks)."""
    activities = pupil_activities(db_session(), current_app.config["SETTINGS"], current_user())
    activity = next((a for a in activities if a.release.id == release_id), None)
    if activity is None:
        abort(404)
    return render_template("pupil_feedback.html", a=activity, open_url=open_url(activity))


def _content_of(release: Release) -> str | None:
    """The activity's content folder from the curriculum (None if it is gone)."""
    curriculum = cached_curriculum()
    return curriculum.activity(release.activity_id).content if curriculum.has_activity(release.activity_id) else None


def _own_release(release_id: int) -> Release:
    release = db_session().get(Release, release_id)
    if release is None:
        abort(404)
    if release.school_class not in current_user().pupil_of:
        abort(403)
    if code_file(release) is None or not release.is_open:
        abort(404)
    return release


def _latest(release: Release) -> Submission | None:
    return db_session().scalar(select(Submission).where(
        Submission.release_id == release.id, Submission.pupil_id == current_user().id
    ).order_by(Submission.submitted_at.desc(), Submission.id.desc()).limit(1))


def _code_to_show(release: Release, content: str, latest: Submission | None) -> str:
    if latest is not None:
        path = Path(latest.folder) / code_file(release)
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    starter = REPO_ROOT / content / "starter.py"
    return starter.read_text(encoding="utf-8") if starter.is_file() else ""


@bp.get("/aktivitet/<int:release_id>")
@roles_required(Role.pupil)
def activity(release_id: int):
    release = _own_release(release_id)
    record_open(db_session(), current_user(), release)  # the teacher's help signal counts from here
    db_session().commit()
    return _render_activity(release)


def _render_activity(release: Release, *, error: str | None = None, posted_code: str | None = None, status=200):
    content = _content_of(release)
    if content is None:
        abort(404)
    readme = REPO_ROOT / content / "README.md"
    # the pupil never sees the teacher's sections ("Til læreren", typical mistakes)
    task = pupil_text(readme.read_text(encoding="utf-8")) if readme.is_file() else ""
    description = mistune.create_markdown(escape=True)(task)
    latest = _latest(release)
    microbit_page = None
    if release.kind == "microbit" and "microbit.page" in current_app.view_functions:
        microbit_page = url_for("microbit.page", lesson=release.activity_id)
    code = posted_code if posted_code is not None else _code_to_show(release, content, latest)
    exercises = exercises_of(current_app.config["SETTINGS"], release, latest) if latest and latest.result else []
    return render_template("pupil_activity.html", release=release, description=description, latest=latest,
                           exercises=exercises, code=code, microbit_page=microbit_page, error=error), status


def _posted_code() -> bytes | str:
    """The posted program as UTF-8 bytes, or a Danish reason it cannot be handed in."""
    upload = request.files.get("file")
    data = upload.read(MAX_CODE_BYTES + 1) if upload and upload.filename else request.form.get("code", "").encode()
    return check_code(data)


@bp.post("/aktivitet/<int:release_id>/aflever")
@roles_required(Role.pupil)
def hand_in(release_id: int):
    release = _own_release(release_id)
    content = _content_of(release)
    if content is None:
        abort(404)
    code = _posted_code()
    if isinstance(code, str):  # refused: show why, and keep what the pupil wrote
        return _render_activity(release, error=code, posted_code=request.form.get("code"), status=400)
    settings, db = current_app.config["SETTINGS"], db_session()
    submission = store_submission(db, settings, release.school_class, release, current_user(),
                                  {code_file(release): code})
    queue_grading(db, settings, release.school_class, release, submission)
    flash(gettext("Dit program er afleveret. Resultatet kommer om lidt."), "ok")
    return redirect(url_for("pupil.activity", release_id=release_id)), 303

"""The portal's pages: dashboards, class overview, activity and grading progress."""
import logging

import mistune

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy import func, select, text

from kodefag.curriculum.loader import cached_curriculum
from kodefag.kinds import KINDS
from kodefag.settings import REPO_ROOT

from .auth import ANY_ROLE, STAFF, current_user, db_session, roles_required
from .models import STATUS_LABELS, Progress, Release, Role, SchoolClass, Status, Submission
from . import pupil_views
from .manual_grading import ManualGradeError, answers_to_grade, apply_manual_grade, parse_points
from .releases import ReleaseError, release_activity
from .roster import classes_visible_to, may_view_class

log = logging.getLogger(__name__)
bp = Blueprint("portal", __name__)
KIND_LABELS = {kind.value: row.label for kind, row in KINDS.items()}
AREA_LABELS = {"myndiggoerelse": "Digital myndiggørelse", "design": "Digital design",
               "computationel": "Computationel tankegang", "handleevne": "Teknologisk handleevne"}


@bp.app_context_processor
def template_globals():
    return {"user": current_user(), "hub_prefix": "/hub/", "status_labels": STATUS_LABELS,
            "kind_labels": KIND_LABELS, "area_labels": AREA_LABELS}


@bp.app_errorhandler(400)
def bad_request(_error):
    """Malformed input (broken JSON, a missing form field): a Danish reason, as JSON for programs."""
    message = "Det, der blev sendt, kunne ikke læses. Genindlæs siden, og prøv igen."
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return jsonify(error=message), 400
    return render_template("error.html", title="Forkert forespørgsel", message=message), 400


@bp.app_errorhandler(403)
def forbidden(_error):
    return render_template("error.html", title="Ingen adgang",
                           message="Du har ikke adgang til denne side."), 403


@bp.app_errorhandler(404)
def not_found(_error):
    return render_template("error.html", title="Siden findes ikke",
                           message="Vi kunne ikke finde det, du ledte efter."), 404


@bp.app_errorhandler(500)
def server_error(_error):
    return render_template("error.html", title="Noget gik galt",
                           message="Der skete en fejl hos os. Prøv igen om lidt."), 500


@bp.get("/healthz")
def healthz():
    """Liveness and database reachability, for the hub, operators and monitoring."""
    db_session().execute(text("SELECT 1"))
    return jsonify({"status": "ok"})


@bp.get("/tilgaengelighed")
def accessibility():
    return render_template("accessibility.html")


@bp.get("/")
@roles_required(*ANY_ROLE)
def dashboard():
    user = current_user()
    if user.role is Role.municipality:
        return redirect(url_for("reports.municipality"))
    if user.role is Role.pupil:
        return pupil_views.render_dashboard()
    classes = classes_visible_to(db_session(), user)
    return render_template("staff_dashboard.html", classes=classes)


def _visible_class(slug: str) -> SchoolClass:
    school_class = db_session().scalar(select(SchoolClass).where(SchoolClass.slug == slug))
    if school_class is None:
        abort(404)
    if not may_view_class(db_session(), current_user(), school_class):
        abort(403)
    return school_class


def _class_matrix(school_class: SchoolClass):
    releases = db_session().scalars(select(Release).where(Release.class_id == school_class.id)
                                    .order_by(Release.released_at)).all()
    progress = db_session().scalars(select(Progress).where(Progress.release_id.in_([r.id for r in releases]))).all()
    cells = {(p.pupil_id, p.release_id): p for p in progress}
    return releases, cells


def _grade_plan(grade: int):
    """The class's year plan from the curriculum ([] if it cannot be read)."""
    try:
        curriculum = cached_curriculum()
        return curriculum.plan(grade).activities if grade in curriculum.grades else []
    except Exception:
        log.exception("curriculum could not be loaded")
        return []


@bp.get("/klasse/<slug>")
@roles_required(*STAFF)
def class_overview(slug: str):
    school_class = _visible_class(slug)
    releases, cells = _class_matrix(school_class)
    released_ids = {r.activity_id for r in releases}
    plan = [(activity, cached_curriculum().areas_of(activity)) for activity in _grade_plan(school_class.grade)]
    show_names = current_user().role is not Role.leader
    return render_template("class.html", school_class=school_class, releases=releases, cells=cells,
                           plan=plan, released_ids=released_ids, show_names=show_names,
                           may_teach=_may_teach(school_class))


def _may_teach(school_class: SchoolClass) -> bool:
    user = current_user()
    return user.role is Role.admin or school_class in user.teacher_of


@bp.post("/klasse/<slug>/frigiv")
@roles_required(Role.teacher, Role.admin)
def release(slug: str):
    """Release an activity from the class's year plan (notebooks become nbgrader assignments)."""
    school_class = _visible_class(slug)
    if not _may_teach(school_class):
        abort(403)
    activity_id = request.form.get("activity_id", "")
    activity = next((a for a in _grade_plan(school_class.grade) if a.id == activity_id), None)
    if activity is None:
        flash("Vælg en aktivitet fra klassens årsplan.", "error")
        return redirect(url_for("portal.class_overview", slug=slug))
    try:
        release_activity(db_session(), current_app.config["SETTINGS"], school_class, activity,
                         released_by=current_user())
        db_session().commit()
        flash(f"{activity.title} er frigivet til {school_class.name}.", "ok")
    except ReleaseError as error:
        db_session().rollback()
        flash(str(error), "error")
    return redirect(url_for("portal.class_overview", slug=slug))


def _release_of(school_class: SchoolClass, activity_id: str) -> Release:
    release = db_session().scalar(select(Release).where(
        Release.class_id == school_class.id, Release.activity_id == activity_id))
    if release is None:
        abort(404)
    return release


def grading_progress(release: Release) -> dict:
    """How far grading of an activity has come: counts per submission status."""
    rows = db_session().execute(select(Submission.status, func.count()).where(
        Submission.release_id == release.id).group_by(Submission.status)).all()
    counts = {status.value: 0 for status in Status}
    counts.update({status.value: number for status, number in rows})
    waiting = counts["submitted"] + counts["grading"]
    total = sum(counts.values())
    return {"total": total, "waiting": waiting, "done": total - waiting, "counts": counts}


@bp.get("/klasse/<slug>/aktivitet/<activity_id>")
@roles_required(*STAFF)
def activity(slug: str, activity_id: str):
    school_class = _visible_class(slug)
    release = _release_of(school_class, activity_id)
    submissions = db_session().scalars(select(Submission).where(Submission.release_id == release.id)
                                       .order_by(Submission.submitted_at.desc())).all()
    guide = next((a.guide for a in _grade_plan(school_class.grade) if a.id == activity_id), None)
    progress_rows = db_session().scalars(select(Progress).where(Progress.release_id == release.id)).all()
    return render_template("activity.html", school_class=school_class, release=release, submissions=submissions,
                           progress=grading_progress(release), guide=guide, progress_rows=progress_rows,
                           description=_unplugged_description(school_class, activity_id),
                           show_names=current_user().role is not Role.leader, may_teach=_may_teach(school_class))


def _unplugged_description(school_class: SchoolClass, activity_id: str) -> str | None:
    """The activity's Danish description (Markdown from the curriculum), as safe HTML."""
    activity = next((a for a in _grade_plan(school_class.grade) if a.id == activity_id), None)
    if activity is None or activity.kind != "unplugged":
        return None
    path = REPO_ROOT / activity.content
    if not path.is_file():
        return None
    return mistune.create_markdown(escape=True)(path.read_text(encoding="utf-8"))


@bp.post("/klasse/<slug>/aktivitet/<activity_id>/godkend")
@roles_required(Role.teacher, Role.admin)
def check_off(slug: str, activity_id: str):
    """The teacher checks off who has done an activity without a computer."""
    school_class = _visible_class(slug)
    if not _may_teach(school_class):
        abort(403)
    release = _release_of(school_class, activity_id)
    if release.kind != "unplugged":
        abort(400)
    done = set(request.form.getlist("pupil"))
    rows = db_session().scalars(select(Progress).where(Progress.release_id == release.id)).all()
    for progress in rows:
        checked = progress.pupil.username in done
        progress.status = Status.checked_off if checked else Status.released
        progress.score = release.max_score if checked else None
        progress.max_score = release.max_score
    db_session().commit()
    flash(f"Gemt: {len(done & {p.pupil.username for p in rows})} elever har lavet {release.title}.", "ok")
    return redirect(url_for("portal.activity", slug=slug, activity_id=activity_id))


def _class_submission(slug: str, submission_id: int) -> tuple[SchoolClass, Submission]:
    school_class = _visible_class(slug)
    if not _may_teach(school_class):
        abort(403)
    submission = db_session().get(Submission, submission_id)
    if submission is None or submission.release.class_id != school_class.id or submission.result is None:
        abort(404)
    return school_class, submission


def _source_notebook(school_class: SchoolClass, submission: Submission):
    activity_id = submission.release.activity_id
    settings = current_app.config["SETTINGS"]
    return settings.courses_dir / school_class.slug / "source" / activity_id / f"{activity_id}.ipynb"


@bp.route("/klasse/<slug>/aflevering/<int:submission_id>", methods=["GET", "POST"])
@roles_required(Role.teacher, Role.admin)
def grade_by_hand(slug: str, submission_id: int):
    """Read a pupil's reflection answers next to the model answer and give points."""
    school_class, submission = _class_submission(slug, submission_id)
    answers = answers_to_grade(submission, _source_notebook(school_class, submission))
    error = None
    if request.method == "POST":
        try:
            points = {a.grade_id: parse_points(request.form.get(f"points-{a.grade_id}", ""), a.max_score)
                      for a in answers}
            apply_manual_grade(submission, points, current_user())
            _mirror_progress(submission)
            db_session().commit()
            flash(f"Point gemt for {submission.pupil.display_name}.", "ok")
            return redirect(url_for("portal.activity", slug=slug, activity_id=submission.release.activity_id))
        except ManualGradeError as problem:
            db_session().rollback()
            error = str(problem)
    markdown = mistune.create_markdown(escape=True)
    return render_template("grade_by_hand.html", school_class=school_class, submission=submission,
                           answers=answers, markdown=markdown, error=error), (400 if error else 200)


def _mirror_progress(submission: Submission) -> None:
    progress = db_session().scalar(select(Progress).where(Progress.last_submission_id == submission.id))
    if progress is not None:
        progress.status, progress.score = submission.status, submission.score


@bp.get("/klasse/<slug>/aktivitet/<activity_id>/status.json")
@roles_required(*STAFF)
def activity_status(slug: str, activity_id: str):
    """Live grading progress, polled by the activity page."""
    school_class = _visible_class(slug)
    return jsonify(grading_progress(_release_of(school_class, activity_id)))

"""The portal's pages: dashboards, class overview, activity and grading progress."""
import datetime as dt
import functools
import logging
from pathlib import Path

import mistune

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy import func, select, text
from werkzeug.exceptions import HTTPException

from kodefag.curriculum.loader import cached_curriculum
from kodefag.kinds import KINDS
from kodefag.settings import REPO_ROOT

from .auth import ANY_ROLE, STAFF, current_user, db_session, roles_required
from .models import STATUS_LABELS, Progress, Release, Role, SchoolClass, Status, Submission
from . import pupil_views
from .releases import ReleaseError, release_activity
from .activity_overview import failing_checks, pupil_results
from .class_matrix import SORTS, build_matrix
from .grading_queue import class_queue, grading_counts
from .help_signal import tjek_failures
from .class_access import may_teach as _may_teach, release_of as _release_of, visible_class as _visible_class
from .local_time import LOCAL, from_local
from .reports import school_year_start
from .roster import classes_visible_to

log = logging.getLogger(__name__)
bp = Blueprint("portal", __name__)
KIND_LABELS = {kind.value: row.label for kind, row in KINDS.items()}
AREA_LABELS = {"myndiggoerelse": "Digital myndiggørelse", "design": "Digital design",
               "computationel": "Computationel tankegang", "handleevne": "Teknologisk handleevne"}


@bp.app_context_processor
def template_globals():
    return {"user": current_user(), "hub_prefix": "/hub/", "status_labels": STATUS_LABELS,
            "kind_labels": KIND_LABELS, "area_labels": AREA_LABELS}


#: Danish title and reason for each refusal, for people and (as JSON) for programs
ERRORS = {
    400: ("Forkert forespørgsel", "Det, der blev sendt, kunne ikke læses. Genindlæs siden, og prøv igen."),
    401: ("Ikke logget ind", "Du er ikke logget ind."),
    403: ("Ingen adgang", "Du har ikke adgang til denne side."),
    404: ("Siden findes ikke", "Vi kunne ikke finde det, du ledte efter."),
    405: ("Forkert forespørgsel", "Siden kan ikke bruges på den måde."),
    413: ("For stort", "Det, der blev sendt, er for stort."),
    500: ("Noget gik galt", "Der skete en fejl hos os. Prøv igen om lidt."),
}


def wants_json() -> bool:
    """Programs (the exchange, the pupil's Lab, scripts) get JSON errors, people get a page."""
    return (request.path.startswith("/api/") or request.is_json
            or request.accept_mimetypes.best == "application/json")


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Every refusal and crash answers in Danish: JSON under /api/ and for JSON requests."""
    code = error.code or 500
    title, message = ERRORS.get(code, ERRORS[500] if code >= 500 else ERRORS[400])
    if wants_json():
        return jsonify(success=False, error=message), code
    return render_template("error.html", title=title, message=message), code


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
    show_names = current_user().role is not Role.leader
    area = request.args.get("omraade", "")
    sort = request.args.get("sorter", "navn") if request.args.get("sorter") in SORTS else "navn"
    every_year = request.args.get("aar") == "alle"
    year_start = from_local(dt.datetime.combine(school_year_start(dt.datetime.now(LOCAL).date()), dt.time()))
    columns, rows, areas = build_matrix(db_session(), school_class, area=area, sort=sort, with_help=show_names,
                                        since=None if every_year else year_start)
    released = db_session().execute(select(Release.activity_id, Release.released_at)
                                    .where(Release.class_id == school_class.id)).all()
    released_ids = {activity_id for activity_id, _ in released}
    earlier = sum(1 for _, at in released if at < year_start)
    plan = [(activity, cached_curriculum().areas_of(activity)) for activity in _grade_plan(school_class.grade)]
    # one URL per column and per pupil: a class's matrix has hundreds of cells
    activity_urls = {c.release.id: url_for("portal.activity", slug=slug, activity_id=c.release.activity_id)
                     for c in columns}
    pupil_urls = {row.pupil.id: url_for("klasse.pupil", slug=slug, username=row.pupil.username) for row in rows}
    return render_template("class.html", school_class=school_class, columns=columns, rows=rows, areas=areas,
                           area=area, sort=sort, sorts=SORTS, plan=plan, released_ids=released_ids,
                           activity_urls=activity_urls, pupil_urls=pupil_urls, every_year=every_year,
                           earlier=earlier, show_names=show_names, may_teach=_may_teach(school_class),
                           waiting=len(class_queue(db_session(), school_class)) if _may_teach(school_class) else 0)


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


def grading_progress(release: Release) -> dict:
    """How far grading of an activity has come, pupil by pupil (see ``grading_queue``)."""
    return grading_counts(db_session(), release)


@bp.get("/klasse/<slug>/aktivitet/<activity_id>")
@roles_required(*STAFF)
def activity(slug: str, activity_id: str):
    school_class = _visible_class(slug)
    release = _release_of(school_class, activity_id)
    guide = next((a.guide for a in _grade_plan(school_class.grade) if a.id == activity_id), None)
    progress_rows = db_session().scalars(select(Progress).where(Progress.release_id == release.id)).all()
    results = pupil_results(db_session(), school_class, release)
    return render_template("activity.html", school_class=school_class, release=release, results=results,
                           failing=failing_checks(results, tjek_failures(db_session(), release, results)),
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
    return _markdown_file(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _markdown_file(path: Path, mtime_ns: int) -> str:
    """A curriculum Markdown file as safe HTML, rendered once per version of the file
    (Markdown parsing was a quarter of the activity page's time)."""
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


@bp.get("/klasse/<slug>/aktivitet/<activity_id>/status.json")
@roles_required(*STAFF)
def activity_status(slug: str, activity_id: str):
    """Live grading progress, polled by the activity page."""
    school_class = _visible_class(slug)
    return jsonify(grading_progress(_release_of(school_class, activity_id)))

"""The teacher's pages about one pupil or one activity's solution.

- the pupil's page: every activity with status, score, help signal and links;
- a read-only preview of the pupil's notebook (live from their server, else the
  latest hand-in), rendered and sanitized by the portal (``notebook_preview``);
- "Åbn live": the pupil's own JupyterLab under a Danish banner saying whose it is;
- the solution: the source notebook, or the game/micro:bit program; the teacher plays
  the game in their own Jupyter server (``solution_game``) or runs the micro:bit program
  in the simulator.
"""
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select

from kodefag.curriculum.loader import cached_curriculum
from kodefag.settings import REPO_ROOT

from .auth import current_user, db_session, roles_required
from .class_access import pupil_of, release_of, taught_class
from .help_signal import class_help
from .hub_sync import HubSync
from .live_notebook import NotAvailable, notebook_path, read_current
from .models import Progress, Release, Role, Submission
from .notebook_preview import NotebookUnreadable, render_notebook
from .solution_game import PROGRAM, NotPlayable, open_solution_game
from .submissions import code_file

bp = Blueprint("klasse", __name__)


@bp.get("/klasse/<slug>/hjaelp.json")
@roles_required(Role.teacher, Role.admin)
def help_now(slug: str):
    """Who needs help now: {pupil: {activity: reason}}, polled by the class overview."""
    school_class = taught_class(slug)
    releases = db_session().scalars(select(Release).where(Release.class_id == school_class.id)).all()
    by_id = {r.id: r.activity_id for r in releases}
    names = {p.id: p.username for p in school_class.pupils}
    signals: dict[str, dict[str, str]] = {}
    for (pupil_id, release_id), reason in class_help(db_session(), list(by_id), list(names)).items():
        signals.setdefault(names[pupil_id], {})[by_id[release_id]] = reason
    return jsonify(signals=signals)


@bp.get("/klasse/<slug>/elev/<username>")
@roles_required(Role.teacher, Role.admin)
def pupil(slug: str, username: str):
    school_class = taught_class(slug)
    pupil = pupil_of(school_class, username)
    releases = db_session().scalars(select(Release).where(Release.class_id == school_class.id)
                                    .order_by(Release.released_at, Release.id)).all()
    rows = {p.release_id: p for p in db_session().scalars(select(Progress).where(
        Progress.pupil_id == pupil.id, Progress.release_id.in_([r.id for r in releases])))}
    help_now = {rid: reason for (_, rid), reason in
                class_help(db_session(), [r.id for r in releases], [pupil.id]).items()}
    return render_template("pupil_overview.html", school_class=school_class, pupil=pupil, releases=releases,
                           rows=rows, help_now=help_now)


def _latest_submission(release: Release, pupil_id: int) -> Submission | None:
    return db_session().scalar(select(Submission).where(
        Submission.release_id == release.id, Submission.pupil_id == pupil_id
    ).order_by(Submission.submitted_at.desc(), Submission.id.desc()).limit(1))


def _hand_in_text(release: Release, submission: Submission) -> str | None:
    name = f"{release.activity_id}.ipynb" if release.kind == "notebook" else code_file(release)
    path = Path(submission.folder) / name if name else None
    return path.read_text(encoding="utf-8", errors="replace") if path is not None and path.is_file() else None


@bp.get("/klasse/<slug>/elev/<username>/aktivitet/<activity_id>")
@roles_required(Role.teacher, Role.admin)
def preview(slug: str, username: str, activity_id: str):
    """The pupil's work, read-only: live from their server (notebooks), else the latest hand-in."""
    school_class = taught_class(slug)
    pupil = pupil_of(school_class, username)
    release = release_of(school_class, activity_id)
    latest = _latest_submission(release, pupil.id)
    text, source = None, None
    if release.kind == "notebook" and request.args.get("vis") != "aflevering":
        try:
            text = read_current(current_app.config["SETTINGS"], HubSync.from_settings(current_app.config["SETTINGS"]),
                                current_user().username, pupil.username, notebook_path(activity_id))
            source = "live"
        except NotAvailable:
            text = None
    if text is None and latest is not None:
        text, source = _hand_in_text(release, latest), "aflevering"
    html, problem = None, None
    if text is not None and release.kind == "notebook":
        try:
            html = render_notebook(text)
        except NotebookUnreadable:
            problem = "Notesbogen kan ikke læses. Den er måske gået i stykker."
    return render_template("notebook_preview.html", school_class=school_class, pupil=pupil, release=release,
                           html=html, code=text if release.kind != "notebook" else None, source=source,
                           latest=latest, problem=problem)


@bp.get("/klasse/<slug>/elev/<username>/live")
@roles_required(Role.teacher, Role.admin)
def live(slug: str, username: str):
    """The pupil's own JupyterLab in a frame, under a banner saying whose work this is."""
    school_class = taught_class(slug)
    pupil = pupil_of(school_class, username)
    activity_id = request.args.get("aktivitet", "")
    release = release_of(school_class, activity_id) if activity_id else None
    target = f"/user/{pupil.username}/lab"
    if release is not None and release.kind == "notebook":
        target += f"/tree/{notebook_path(activity_id)}"
    return render_template("live.html", school_class=school_class, pupil=pupil, release=release, target=target)


def _curriculum_activity(activity_id: str):
    curriculum = cached_curriculum()
    return curriculum.activity(activity_id) if curriculum.has_activity(activity_id) else None


@bp.get("/klasse/<slug>/aktivitet/<activity_id>/loesning")
@roles_required(Role.teacher, Role.admin)
def solution(slug: str, activity_id: str):
    """The activity's solution: the source notebook, or the solution program with a way to run it."""
    school_class = taught_class(slug)
    release = release_of(school_class, activity_id)
    activity = _curriculum_activity(activity_id)
    html, code = None, None
    if release.kind == "notebook":
        source = (current_app.config["SETTINGS"].courses_dir / school_class.slug / "source" / activity_id
                  / f"{activity_id}.ipynb")
        if source.is_file():
            html = render_notebook(source.read_text(encoding="utf-8"))
    elif activity is not None and (REPO_ROOT / activity.content / PROGRAM).is_file():
        code = (REPO_ROOT / activity.content / PROGRAM).read_text(encoding="utf-8")
    microbit_page = None
    if release.kind == "microbit" and "microbit.page" in current_app.view_functions:
        microbit_page = url_for("microbit.page", lesson=activity_id, program="solution")
    return render_template("solution.html", school_class=school_class, release=release, html=html, code=code,
                           microbit_page=microbit_page)


@bp.post("/klasse/<slug>/aktivitet/<activity_id>/loesning/spil")
@roles_required(Role.teacher, Role.admin)
def play_solution(slug: str, activity_id: str):
    """Play the solution game: it opens in the teacher's own Jupyter server, in the pupils' live player."""
    school_class = taught_class(slug)
    release = release_of(school_class, activity_id)
    activity = _curriculum_activity(activity_id)
    if release.kind != "pgzero" or activity is None or not (REPO_ROOT / activity.content / PROGRAM).is_file():
        abort(404)
    settings = current_app.config["SETTINGS"]
    try:
        lab = open_solution_game(settings, HubSync.from_settings(settings), current_user().username, activity_id,
                                 release.title, REPO_ROOT / activity.content)
    except NotPlayable as problem:
        flash(str(problem), "error")
        return redirect(url_for("klasse.solution", slug=slug, activity_id=activity_id), 303)
    return redirect(lab, 303)

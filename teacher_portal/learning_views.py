"""Pages for what the curriculum asks a teacher to record and print (issue 15).

- ``/klasse/<class>/aktivitet/<id>/tegn``: tick the activity's signs of learning per pupil, and for
  an activity without a computer that gives points, choose each pupil's rubric levels;
- ``/klasse/<class>/elev/<pupil>/maal``: the pupil's progress per goal with the teacher's level
  per goal - the overview a teacher brings to the pupil's elevplan;
- ``/klasse/<class>/aktivitet/<id>/kopiark.pdf``: the activity's printables (the "Print" link);
- ``/mine-maal``: the pupil's own goals, in the pupil's words.
"""
import logging

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from kodefag.curriculum.kopiark import KopiarkError, has_kopiark, kopiark_pdf
from kodefag.curriculum.loader import cached_curriculum
from kodefag.curriculum.schema import band_of_grade

from .auth import STAFF, current_user, db_session, roles_required
from .learning import (LearningError, goal_progress, rubric_scores, save_goal_levels, save_rubric, save_signs,
                       ticked_signs)
from .models import Release, Role, SchoolClass, User
from .roster import may_view_class

log = logging.getLogger(__name__)
bp = Blueprint("learning", __name__)
BAND_NAMES = {"indskoling": "indskolingen (0.-3. klasse)", "mellemtrin": "mellemtrinnet (4.-6. klasse)",
              "udskoling": "udskolingen (7.-9. klasse)"}


def _class(slug: str, *, teach: bool) -> SchoolClass:
    """The class, if the user may see it (and, with ``teach``, record things about its pupils)."""
    school_class = db_session().scalar(select(SchoolClass).where(SchoolClass.slug == slug))
    if school_class is None:
        abort(404)
    user = current_user()
    if not may_view_class(db_session(), user, school_class):
        abort(403)
    if teach and not (user.role is Role.admin or school_class in user.teacher_of):
        abort(403)
    return school_class


def _activity(activity_id: str):
    curriculum = cached_curriculum()
    if not curriculum.has_activity(activity_id):
        abort(404)
    return curriculum.activity(activity_id)


def _pupil(school_class: SchoolClass, username: str) -> User:
    pupil = next((p for p in school_class.pupils if p.username == username), None)
    if pupil is None:
        abort(404)
    return pupil


# ------------------------------------------------------------------ tegn på læring
@bp.route("/klasse/<slug>/aktivitet/<activity_id>/tegn", methods=["GET", "POST"])
@roles_required(Role.teacher, Role.admin)
def signs(slug: str, activity_id: str):
    """The class's pupils x the activity's signs of learning (and rubric levels for paper work)."""
    school_class = _class(slug, teach=True)
    activity = _activity(activity_id)
    release = db_session().scalar(select(Release).where(Release.class_id == school_class.id,
                                                         Release.activity_id == activity_id))
    pupils = list(school_class.pupils)
    judged_here = activity.kind == "unplugged" and bool(activity.rubric) and release is not None
    error = None
    if request.method == "POST":
        try:
            ticked = {tuple(value.split(":", 1)) for value in request.form.getlist("tegn") if ":" in value}
            count = save_signs(db_session(), activity, pupils, ticked, current_user())
            if judged_here:
                for pupil in pupils:
                    levels = {c.id: request.form.get(f"rubrik-{pupil.username}-{c.id}", "") for c in activity.rubric}
                    save_rubric(db_session(), activity, release, pupil, levels, current_user())
            db_session().commit()
            flash(gettext("Gemt: %(count)s tegn på læring krydset af i %(title)s.",
                          count=count, title=activity.title), "ok")
            return redirect(url_for("learning.signs", slug=slug, activity_id=activity_id))
        except LearningError as problem:
            db_session().rollback()
            error = str(problem)
    ticks = ticked_signs(db_session(), activity.id, [p.id for p in pupils])
    scores = rubric_scores(db_session(), release) if judged_here else {}
    return render_template("learning/signs.html", school_class=school_class, activity=activity, pupils=pupils,
                           ticks=ticks, release=release, judged_here=judged_here, scores=scores,
                           error=error), (400 if error else 200)


# ------------------------------------------------------------------------- goals
@bp.route("/klasse/<slug>/elev/<username>/maal", methods=["GET", "POST"])
@roles_required(Role.teacher, Role.admin)
def pupil_goals(slug: str, username: str):
    """A pupil's progress per goal of the class's band, with the level the teacher judges."""
    school_class = _class(slug, teach=request.method == "POST")
    pupil = _pupil(school_class, username)
    curriculum = cached_curriculum()
    band = band_of_grade(school_class.grade)
    error = None
    if request.method == "POST":
        try:
            levels = {goal.id: request.form.get(f"niveau-{goal.id}", "") for goal in curriculum.goals_for(band=band)}
            save_goal_levels(db_session(), curriculum, pupil, levels, current_user())
            db_session().commit()
            flash(gettext("Niveauerne for %(name)s er gemt.", name=pupil.display_name), "ok")
            return redirect(url_for("learning.pupil_goals", slug=slug, username=username))
        except LearningError as problem:
            db_session().rollback()
            error = str(problem)
    goals = goal_progress(db_session(), curriculum, pupil, band)
    return render_template("learning/goals.html", school_class=school_class, pupil=pupil, goals=goals,
                           band=BAND_NAMES[band], areas=curriculum.areas, error=error,
                           may_teach=current_user().role is Role.admin or school_class in current_user().teacher_of
                           ), (400 if error else 200)


@bp.get("/mine-maal")
@roles_required(Role.pupil)
def my_goals():
    """The pupil's own goals: what the year is about, and how far the pupil has come."""
    pupil = current_user()
    classes = sorted(pupil.pupil_of, key=lambda c: c.grade)
    if not classes:
        return render_template("learning/my_goals.html", goals=[], band=None, areas=[])
    curriculum = cached_curriculum()
    band = band_of_grade(classes[-1].grade)
    goals = goal_progress(db_session(), curriculum, pupil, band)
    return render_template("learning/my_goals.html", goals=goals, band=BAND_NAMES[band], areas=curriculum.areas)


# ----------------------------------------------------------------------- kopiark
@bp.get("/klasse/<slug>/aktivitet/<activity_id>/kopiark.pdf")
@roles_required(*STAFF)
def kopiark(slug: str, activity_id: str):
    """The activity's printables as a PDF (cards, worksheets, the read-aloud text)."""
    _class(slug, teach=False)
    activity = _activity(activity_id)
    if not has_kopiark(cached_curriculum(), activity):
        abort(404)
    try:
        data = kopiark_pdf(cached_curriculum(), activity)
    except KopiarkError:
        log.exception("kopiark of %s could not be built", activity_id)
        abort(500)
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="kopiark-{activity.id}.pdf"'})

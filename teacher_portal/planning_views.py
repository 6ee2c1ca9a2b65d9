"""The class's planning page: dates of each release, undo, and the weekly lessons."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from .auth import db_session, roles_required
from .class_access import release_of, taught_class
from .local_time import to_local
from .models import LessonSlot, Release, Role
from .planning import WEEKDAYS, PlanningError, add_lesson, lessons_of, parse_local, set_dates, undo_release, why_not_undo

bp = Blueprint("planning", __name__)


def _form_value(moment) -> str:
    """A stored UTC time as the value of a ``datetime-local`` input (local time)."""
    return to_local(moment).strftime("%Y-%m-%dT%H:%M") if moment else ""


@bp.get("/klasse/<slug>/plan")
@roles_required(Role.teacher, Role.admin)
def plan(slug: str):
    school_class = taught_class(slug)
    releases = db_session().scalars(select(Release).where(Release.class_id == school_class.id)
                                    .order_by(Release.released_at, Release.id)).all()
    locked = {r.id: why_not_undo(db_session(), r) for r in releases}
    return render_template("planning.html", school_class=school_class, releases=releases, locked=locked,
                           lessons=lessons_of(db_session(), school_class), weekdays=WEEKDAYS,
                           form_value=_form_value)


def _back(slug: str):
    return redirect(url_for("planning.plan", slug=slug), 303)


@bp.post("/klasse/<slug>/plan/<activity_id>/datoer")
@roles_required(Role.teacher, Role.admin)
def dates(slug: str, activity_id: str):
    school_class = taught_class(slug)
    release = release_of(school_class, activity_id)
    try:
        set_dates(release, parse_local(request.form.get("opens_at")), parse_local(request.form.get("deadline")))
        db_session().commit()
        flash(gettext("Datoerne for %(title)s er gemt.", title=release.title), "ok")
    except PlanningError as problem:
        db_session().rollback()
        flash(str(problem), "error")
    return _back(slug)


@bp.post("/klasse/<slug>/plan/<activity_id>/fortryd")
@roles_required(Role.teacher, Role.admin)
def undo(slug: str, activity_id: str):
    school_class = taught_class(slug)
    release = release_of(school_class, activity_id)
    title = release.title
    try:
        undo_release(db_session(), current_app.config["SETTINGS"], school_class, release)
        db_session().commit()
        flash(gettext("%(title)s er ikke frigivet længere.", title=title), "ok")
    except PlanningError as problem:
        db_session().rollback()
        flash(str(problem), "error")
    return _back(slug)


@bp.post("/klasse/<slug>/lektioner")
@roles_required(Role.teacher, Role.admin)
def add(slug: str):
    school_class = taught_class(slug)
    try:
        add_lesson(db_session(), school_class, request.form.get("weekday"), request.form.get("starts", ""),
                   request.form.get("ends", ""))
        db_session().commit()
        flash(gettext("Lektionen er gemt."), "ok")
    except PlanningError as problem:
        db_session().rollback()
        flash(str(problem), "error")
    return _back(slug)


@bp.post("/klasse/<slug>/lektioner/<int:slot_id>/slet")
@roles_required(Role.teacher, Role.admin)
def remove(slug: str, slot_id: int):
    school_class = taught_class(slug)
    slot = db_session().get(LessonSlot, slot_id)
    if slot is None or slot.class_id != school_class.id:
        abort(404)
    db_session().delete(slot)
    db_session().commit()
    flash(gettext("Lektionen er slettet."), "ok")
    return _back(slug)

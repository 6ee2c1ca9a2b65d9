""""Start klassen": the teacher starts every pupil's Jupyter before the lesson (teacher_portal/bell.py)."""
from flask import Blueprint, abort, current_app, flash, redirect, url_for
from flask_babel import gettext

from .auth import roles_required
from .bell import start_class
from .hub_sync import HubSync, HubUnreachable
from .models import Role
from .views import _may_teach, _visible_class

bp = Blueprint("bell", __name__)


@bp.post("/klasse/<slug>/start")
@roles_required(Role.teacher, Role.admin)
def start(slug: str):
    school_class = _visible_class(slug)
    if not _may_teach(school_class):
        abort(403)
    try:
        report = start_class(HubSync.from_settings(current_app.config["SETTINGS"]), school_class)
        flash(report.danish(), "error" if report.failed else "ok")
    except HubUnreachable as error:
        current_app.logger.warning("start class %s: %s", school_class.name, error)
        flash(gettext("Jupyter kunne ikke startes lige nu. Prøv igen om lidt."), "error")
    return redirect(url_for("portal.class_overview", slug=slug))

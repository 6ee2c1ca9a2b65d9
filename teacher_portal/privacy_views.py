"""The school administrator's privacy pages: export a pupil's data, delete a pupil."""
import datetime as dt

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext
from sqlalchemy import select
from wtforms import StringField
from wtforms.validators import DataRequired

from . import privacy
from .auth import current_user, db_session, roles_required
from .hub_sync import HubSync
from .models import Role, User
from .roster_views import PortalForm

bp = Blueprint("privacy", __name__, url_prefix="/skole/persondata")
ADMINS = (Role.leader, Role.admin)


class ExportForm(PortalForm):
    pass


class DeleteForm(PortalForm):
    confirm = StringField("Skriv elevens brugernavn for at bekræfte", validators=[DataRequired()])


def _pupil(username: str) -> User:
    pupil = db_session().scalar(select(User).where(User.username == username, User.role == Role.pupil))
    if pupil is None or pupil.school_id != current_user().school_id:
        abort(404)
    return pupil


@bp.get("/")
@roles_required(*ADMINS)
def people():
    settings = current_app.config["SETTINGS"]
    pupils = db_session().scalars(select(User).where(User.school_id == current_user().school_id,
                                                     User.role == Role.pupil)
                                  .order_by(User.left_at.is_(None), User.display_name)).all()
    retention = dt.timedelta(days=settings.retention_days)
    return render_template("roster/privacy.html", pupils=pupils, retention=retention, form=ExportForm(),
                           retention_days=settings.retention_days, audit_months=settings.audit_months)


@bp.post("/<username>/eksport")
@roles_required(*ADMINS)
def export(username: str):
    pupil = _pupil(username)
    if not ExportForm().validate_on_submit():
        abort(400)
    data = privacy.export_pupil(db_session(), current_app.config["SETTINGS"], pupil.username, current_user())
    db_session().commit()
    return Response(data, mimetype="application/zip",
                    headers={"Content-Disposition": f"attachment; filename=persondata-{pupil.username}.zip"})


@bp.route("/<username>/slet", methods=["GET", "POST"])
@roles_required(*ADMINS)
def delete(username: str):
    pupil, form = _pupil(username), DeleteForm()
    if form.validate_on_submit():
        if form.confirm.data.strip().lower() != pupil.username:
            form.confirm.errors = ["Brugernavnet passer ikke. Intet er slettet."]
        else:
            name = pupil.display_name
            settings = current_app.config["SETTINGS"]
            privacy.delete_pupil(db_session(), settings, pupil.username, current_user(), HubSync.from_settings(settings))
            flash(gettext("%(name)s er slettet alle steder.", name=name), "ok")
            return redirect(url_for("privacy.people"))
    return render_template("roster/delete.html", pupil=pupil, form=form), (400 if form.errors else 200)

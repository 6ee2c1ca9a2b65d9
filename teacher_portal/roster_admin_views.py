"""The school administrator's roster pages (roles ``leader`` and ``admin``).

Classes (create, rename, end), teachers (add, assign classes), pupils (add, move, mark
as left, new password), the CSV import (upload -> preview -> confirm) and the new
school year (preview -> confirm). Every form is Flask-WTF with CSRF; every change goes
through :mod:`.roster_admin` (audited) and then :func:`roster_admin.sync_hub`.
"""
import secrets
import time

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from . import roster_admin, roster_import, school_year
from .auth import current_user, db_session, roles_required
from .hub_sync import HubSync
from .models import Role, School, SchoolClass, User
from .roster_admin import RosterError
from .roster_views import PortalForm

bp = Blueprint("roster_admin", __name__, url_prefix="/skole")
ADMINS = (Role.leader, Role.admin)
#: an uploaded class list waits this long for its confirmation, then it is deleted
UPLOAD_MAX_AGE = 3600


class NameForm(PortalForm):
    name = StringField("Klassens navn (fx 5.A)", validators=[DataRequired(), Length(max=10)])


class ConfirmForm(PortalForm):
    pass


class PupilForm(PortalForm):
    name = StringField("Elevens navn", validators=[DataRequired(), Length(max=200)])
    uniid = StringField("Unilogin-id (uniid), hvis eleven har et", validators=[Optional(), Length(max=64)])


class TeacherForm(PortalForm):
    name = StringField("Lærerens navn", validators=[DataRequired(), Length(max=200)])
    uniid = StringField("Unilogin-id (uniid)", validators=[Optional(), Length(max=64)])
    username = StringField("Brugernavn (kun uden uniid)", validators=[Optional(), Length(max=64)])


class MoveForm(PortalForm):
    target = SelectField("Ny klasse", coerce=int)


class AssignForm(PortalForm):
    classes = SelectMultipleField("Klasser", coerce=int, widget=ListWidget(prefix_label=False),
                                  option_widget=CheckboxInput())


class UploadForm(PortalForm):
    file = FileField("Klasselisten (CSV-fil)", validators=[FileRequired("Vælg en fil.")])


class TokenForm(PortalForm):
    token = HiddenField(validators=[DataRequired()])


def _school() -> School:
    school = current_user().school
    if school is None:
        abort(403)
    return school


def _class(slug: str) -> SchoolClass:
    school_class = db_session().scalar(select(SchoolClass).where(SchoolClass.slug == slug))
    if school_class is None or school_class.school_id != _school().id:
        abort(404)
    return school_class


def _person(username: str, role: Role | None = None) -> User:
    user = db_session().scalar(select(User).where(User.username == username))
    if user is None or user.school_id != _school().id or (role is not None and user.role is not role):
        abort(404)
    return user


def _commit_and_sync(usernames: set[str]) -> None:
    db_session().commit()
    roster_admin.sync_hub(db_session(), HubSync.from_settings(current_app.config["SETTINGS"]), usernames)


def _class_choices() -> list[tuple[int, str]]:
    return [(c.id, c.name) for c in roster_admin.active_classes(db_session(), _school())]


@bp.get("/")
@roles_required(*ADMINS)
def overview():
    classes = roster_admin.active_classes(db_session(), _school())
    return render_template("roster/overview.html", school=_school(), classes=classes, form=NameForm())


@bp.post("/klasser")
@roles_required(*ADMINS)
def create_class():
    form = NameForm()
    if form.validate_on_submit():
        try:
            school_class = roster_admin.create_class(db_session(), _school(), form.name.data, current_user())
            db_session().commit()
            flash(gettext("Klassen %(klasse)s er oprettet.", klasse=school_class.name), "ok")
            return redirect(url_for("roster_admin.class_page", slug=school_class.slug))
        except RosterError as error:
            db_session().rollback()
            flash(str(error), "error")
    else:
        flash(gettext("Skriv klassens navn, fx 5.A."), "error")
    return redirect(url_for("roster_admin.overview"))


@bp.get("/klasse/<slug>")
@roles_required(*ADMINS)
def class_page(slug: str):
    school_class = _class(slug)
    move_form = MoveForm()
    move_form.target.choices = [c for c in _class_choices() if c[0] != school_class.id]
    return render_template("roster/class.html", school_class=school_class, rename_form=NameForm(name=school_class.name),
                           pupil_form=PupilForm(), move_form=move_form, confirm=ConfirmForm())


@bp.post("/klasse/<slug>/omdoeb")
@roles_required(*ADMINS)
def rename_class(slug: str):
    school_class, form = _class(slug), NameForm()
    try:
        if not form.validate_on_submit():
            raise RosterError(gettext("Skriv klassens nye navn, fx 6.A."))
        old = school_class.name
        roster_admin.rename_class(db_session(), school_class, form.name.data, current_user())
        db_session().commit()
        flash(gettext("%(old)s hedder nu %(klasse)s.", old=old, klasse=school_class.name), "ok")
    except RosterError as error:
        db_session().rollback()
        flash(str(error), "error")
    return redirect(url_for("roster_admin.class_page", slug=slug))


@bp.post("/klasse/<slug>/afslut")
@roles_required(*ADMINS)
def end_class(slug: str):
    school_class = _class(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if school_class.pupils:
        flash(gettext("Flyt eller udmeld først de %(count)s elever i %(klasse)s.",
                      count=len(school_class.pupils), klasse=school_class.name), "error")
        return redirect(url_for("roster_admin.class_page", slug=slug))
    teachers = {t.username for t in school_class.teachers}
    roster_admin.end_class(db_session(), school_class, current_user())
    _commit_and_sync(teachers)
    flash(gettext("Klassen %(klasse)s er afsluttet.", klasse=school_class.name), "ok")
    return redirect(url_for("roster_admin.overview"))


@bp.post("/klasse/<slug>/elever")
@roles_required(*ADMINS)
def add_pupil(slug: str):
    school_class, form = _class(slug), PupilForm()
    try:
        if not form.validate_on_submit():
            raise RosterError(gettext("Skriv elevens navn."))
        pupil = roster_admin.add_user(db_session(), _school(), Role.pupil, form.name.data, current_user(),
                                      uniid=form.uniid.data or None, school_class=school_class)
        _commit_and_sync({pupil.username})
        flash(gettext("%(name)s er med i %(klasse)s (brugernavn %(username)s).",
                      name=pupil.display_name, klasse=school_class.name, username=pupil.username), "ok")
    except RosterError as error:
        db_session().rollback()
        flash(str(error), "error")
    return redirect(url_for("roster_admin.class_page", slug=slug))


@bp.post("/elev/<username>/flyt")
@roles_required(*ADMINS)
def move_pupil(username: str):
    pupil, form = _person(username, Role.pupil), MoveForm()
    form.target.choices = _class_choices()
    if not form.validate_on_submit():
        abort(400)
    target = _class(db_session().get(SchoolClass, form.target.data).slug)
    roster_admin.place_pupil(db_session(), pupil, target, current_user())
    _commit_and_sync({pupil.username})
    flash(gettext("%(name)s går nu i %(target)s.", name=pupil.display_name, target=target.name), "ok")
    return redirect(url_for("roster_admin.class_page", slug=target.slug))


@bp.post("/person/<username>/udmeld")
@roles_required(*ADMINS)
def mark_left(username: str):
    person = _person(username)
    if not ConfirmForm().validate_on_submit() or person.role in ADMINS:
        abort(400)
    back = person.pupil_of[0].slug if person.pupil_of else None
    roster_admin.mark_left(db_session(), person, current_user())
    _commit_and_sync({person.username})
    flash(gettext("%(name)s er meldt ud og kan ikke længere logge ind.", name=person.display_name), "ok")
    return redirect(url_for("roster_admin.class_page", slug=back) if back else url_for("roster_admin.teachers"))


@bp.post("/person/<username>/ny-adgangskode")
@roles_required(*ADMINS)
def reset_password(username: str):
    person = _person(username)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    password = roster_admin.reset_password(db_session(), person, current_user())
    db_session().commit()
    # shown once on this page, never put in the (signed, not encrypted) session cookie
    return render_template("roster/password.html", person=person, password=password)


@bp.get("/laerere")
@roles_required(*ADMINS)
def teachers():
    school = _school()
    people = db_session().scalars(select(User).where(User.school_id == school.id, User.role == Role.teacher,
                                                     User.left_at.is_(None)).order_by(User.display_name)).all()
    forms = {}
    for teacher in people:
        form = AssignForm(prefix=teacher.username, classes=[c.id for c in teacher.teacher_of if c.ended_at is None])
        form.classes.choices = _class_choices()
        forms[teacher.username] = form
    return render_template("roster/teachers.html", teachers=people, forms=forms, teacher_form=TeacherForm(),
                           confirm=ConfirmForm())


@bp.post("/laerere")
@roles_required(*ADMINS)
def add_teacher():
    form = TeacherForm()
    try:
        if not form.validate_on_submit():
            raise RosterError(gettext("Skriv lærerens navn."))
        teacher = roster_admin.add_user(db_session(), _school(), Role.teacher, form.name.data, current_user(),
                                        uniid=form.uniid.data or None, username=form.username.data or None)
        db_session().commit()
        flash(gettext("%(name)s er oprettet som lærer (brugernavn %(username)s).",
                      name=teacher.display_name, username=teacher.username), "ok")
    except RosterError as error:
        db_session().rollback()
        flash(str(error), "error")
    return redirect(url_for("roster_admin.teachers"))


@bp.post("/laerer/<username>/klasser")
@roles_required(*ADMINS)
def assign_classes(username: str):
    teacher = _person(username, Role.teacher)
    form = AssignForm(prefix=teacher.username)
    form.classes.choices = _class_choices()
    if not form.validate_on_submit():
        abort(400)
    chosen = [db_session().get(SchoolClass, class_id) for class_id in form.classes.data]
    roster_admin.assign_classes(db_session(), teacher, chosen, current_user())
    _commit_and_sync({teacher.username})
    names = ", ".join(c.name for c in chosen) or "ingen klasser"
    flash(gettext("%(name)s underviser nu %(names)s.", name=teacher.display_name, names=names), "ok")
    return redirect(url_for("roster_admin.teachers"))


@bp.get("/klasseliste.csv")
@roles_required(*ADMINS)
def download_roster():
    return Response(roster_admin.roster_csv(db_session(), _school()), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=klasseliste.csv"})


# --- CSV import: upload -> preview -> confirm -------------------------------------------------

def _uploads():
    folder = current_app.config["SETTINGS"].var_dir / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for old in folder.glob("*.csv"):  # class lists are personal data: never kept longer than needed
        if old.stat().st_mtime < time.time() - UPLOAD_MAX_AGE:
            old.unlink(missing_ok=True)
    return folder


def _upload_path(token: str):
    if not token.isalnum():
        abort(400)
    return _uploads() / f"{token}.csv"


@bp.route("/import", methods=["GET", "POST"])
@roles_required(*ADMINS)
def import_upload():
    form = UploadForm()
    if not form.validate_on_submit():
        return render_template("roster/import.html", form=form, report=None), (400 if form.is_submitted() else 200)
    data = form.file.data.read(roster_import.MAX_BYTES + 1)
    try:
        roster_import.check_size(len(data))
        report, _ = roster_import.import_roster(db_session(), _school(), data, current_user(), dry_run=True)
    except roster_import.ImportUnusable as problem:
        return render_template("roster/import.html", form=form, report=None, problem=problem.message), 400
    finally:
        db_session().rollback()
    token = None
    if not report.errors:
        token = secrets.token_hex(16)
        _upload_path(token).write_bytes(data)
    return render_template("roster/import.html", form=form, report=report, token_form=TokenForm(token=token),
                           token=token), (400 if report.errors else 200)


@bp.post("/import/bekraeft")
@roles_required(*ADMINS)
def import_confirm():
    form = TokenForm()
    if not form.validate_on_submit():
        abort(400)
    path = _upload_path(form.token.data)
    if not path.exists():
        flash(gettext("Forhåndsvisningen er for gammel. Vælg filen igen."), "error")
        return redirect(url_for("roster_admin.import_upload"))
    try:
        report, touched = roster_import.import_roster(db_session(), _school(), path.read_bytes(), current_user())
    finally:
        path.unlink(missing_ok=True)
    if report.errors:  # the roster changed since the preview
        db_session().rollback()
        flash(gettext("Klasselisten passer ikke længere. Vælg filen igen, og se den nye forhåndsvisning."), "error")
        return redirect(url_for("roster_admin.import_upload"))
    _commit_and_sync(touched)
    counts = report.as_json()
    flash(gettext("Klasselisten er indlæst: %(created)s nye, %(updated)s ændret, %(left)s meldt ud.",
                  created=counts["created"], updated=counts["updated"], left=counts["left"]), "ok")
    return redirect(url_for("roster_admin.overview"))


# --- the new school year: preview -> confirm --------------------------------------------------

@bp.get("/nyt-skoleaar")
@roles_required(*ADMINS)
def new_year():
    plan = school_year.plan_new_year(db_session(), _school())
    return render_template("roster/new_year.html", plan=plan, form=ConfirmForm())


@bp.post("/nyt-skoleaar")
@roles_required(*ADMINS)
def new_year_confirm():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    touched = school_year.start_new_year(db_session(), _school(), current_user())
    _commit_and_sync(touched)
    flash(gettext("Det nye skoleår er startet. Alle klasser er rykket et klassetrin op."), "ok")
    return redirect(url_for("roster_admin.overview"))

"""The teacher's page for the youngest pupils' logins: QR login cards and picture codes.

``/klasse/<class>/login`` lists the class's pupils with their symbol, whether their
card works and whether they have a picture code. Printing cards (the whole class or
one pupil) returns the PDF at once and revokes the old cards; a new picture code is
shown once, on the page that set it (only its hash is stored).
"""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from . import login_cards, picture_login
from .auth import current_user, db_session, roles_required
from .login_cards_pdf import print_cards
from .login_pictures import picture_svg, picture_word, symbol_svg, symbol_word
from .models import Role, SchoolClass, User
from .views import _may_teach, _visible_class

bp = Blueprint("logins", __name__)
TEACHERS = (Role.teacher, Role.admin)


def _taught_class(slug: str) -> SchoolClass:
    school_class = _visible_class(slug)
    if not _may_teach(school_class):
        abort(403)
    return school_class


def _pupils(school_class: SchoolClass) -> list[User]:
    return [pupil for pupil in school_class.pupils if pupil.active]


def _chosen(school_class: SchoolClass) -> list[User]:
    """The pupils a form names (field ``pupil``), or the whole class when it names none."""
    pupils = _pupils(school_class)
    wanted = request.form.get("pupil")
    if not wanted:
        return pupils
    chosen = [pupil for pupil in pupils if pupil.username == wanted]
    if not chosen:
        abort(404)
    return chosen


def _render(school_class: SchoolClass, new_codes: dict[int, list[str]] | None = None):
    session, pupils = db_session(), _pupils(school_class)
    symbols = picture_login.ensure_symbols(session, school_class)
    session.commit()
    ids = [pupil.id for pupil in pupils]
    return render_template("logins/class_logins.html", school_class=school_class, pupils=pupils, symbols=symbols,
                           cards=login_cards.has_active_card(session, ids),
                           codes=picture_login.code_status(session, ids), new_codes=new_codes or {},
                           symbol_svg=symbol_svg, symbol_word=symbol_word, picture_svg=picture_svg,
                           picture_word=picture_word)


@bp.get("/klasse/<slug>/login")
@roles_required(*TEACHERS)
def class_logins(slug: str):
    return _render(_taught_class(slug))


@bp.post("/klasse/<slug>/login-kort")
@roles_required(*TEACHERS)
def print_class_cards(slug: str):
    """The cards as a PDF download; the chosen pupils' old cards stop working."""
    school_class = _taught_class(slug)
    pupils = _chosen(school_class)
    if not pupils:
        flash(gettext("Klassen har ingen elever."), "error")
        return redirect(url_for("logins.class_logins", slug=slug))
    pdf = print_cards(db_session(), school_class, pupils, current_user(), current_app.config["SETTINGS"])
    db_session().commit()
    name = f"login-kort-{school_class.slug}" + (f"-{pupils[0].username}" if request.form.get("pupil") else "")
    return current_app.response_class(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}.pdf"', "Cache-Control": "no-store"})


@bp.post("/klasse/<slug>/login-kort/spaer")
@roles_required(*TEACHERS)
def revoke_card(slug: str):
    school_class = _taught_class(slug)
    pupil = _one(school_class)
    login_cards.revoke_cards(db_session(), pupil, current_user())
    db_session().commit()
    flash(gettext("%(name)ss kort virker ikke længere.", name=pupil.display_name), "ok")
    return redirect(url_for("logins.class_logins", slug=slug))


def _one(school_class: SchoolClass) -> User:
    if not request.form.get("pupil"):
        abort(400)
    return _chosen(school_class)[0]


@bp.post("/klasse/<slug>/billedkode")
@roles_required(*TEACHERS)
def new_picture_codes(slug: str):
    """New picture codes for one pupil or the whole class, shown once on the page returned."""
    school_class = _taught_class(slug)
    session = db_session()
    new_codes = {pupil.id: picture_login.set_code(session, school_class, pupil, current_user())
                 for pupil in _chosen(school_class)}
    session.commit()
    return _render(school_class, new_codes)


@bp.post("/klasse/<slug>/billedkode/fjern")
@roles_required(*TEACHERS)
def remove_picture_code(slug: str):
    school_class = _taught_class(slug)
    pupil = _one(school_class)
    picture_login.remove_code(db_session(), pupil, current_user())
    db_session().commit()
    flash(gettext("%(name)s kan ikke længere logge ind med billeder.", name=pupil.display_name), "ok")
    return redirect(url_for("logins.class_logins", slug=slug))

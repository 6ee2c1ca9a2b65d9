"""Roster pages: locked logins (teachers), and the school administrator's roster.

Every form is a Flask-WTF form (CSRF); every change goes through ``roster_admin`` or
``login_throttle``, which write the audit log.
"""
import datetime as dt

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField
from wtforms.validators import DataRequired

from . import login_throttle
from .auth import STAFF, current_user, db_session, roles_required, token_authenticated
from .models import Role, User

bp = Blueprint("roster", __name__)


class PortalForm(FlaskForm):
    """A form with CSRF for browser sessions.

    Requests authenticated by a valid hub token in the Authorization header are
    programs, not browsers: they send no ambient credentials, so, as in
    ``security.protect_cookie_sessions``, they need no CSRF token. Any other
    Authorization header (Basic, a wrong token) does not lift the check.
    """

    def __init__(self, *args, **kwargs):
        if token_authenticated():
            kwargs["meta"] = {**kwargs.get("meta", {}), "csrf": False}
        super().__init__(*args, **kwargs)


class UnlockForm(PortalForm):
    username = HiddenField(validators=[DataRequired()])


class AddressForm(PortalForm):
    address = HiddenField(validators=[DataRequired()])


def _policy() -> login_throttle.ThrottlePolicy:
    return login_throttle.ThrottlePolicy.from_settings(current_app.config["SETTINGS"])


def may_unlock(actor: User, account: User) -> bool:
    """Teachers unlock pupils of their own classes; leaders their school; admins anyone."""
    if actor.role is Role.admin:
        return True
    if actor.role is Role.leader:
        return account.school_id == actor.school_id
    if actor.role is Role.teacher:
        return account.role is Role.pupil and any(c in actor.teacher_of for c in account.pupil_of)
    return False


def _visible_locks(actor: User) -> list[tuple[User, dt.datetime]]:
    locks = login_throttle.locked_accounts(db_session(), _policy())
    if not locks:
        return []
    users = db_session().scalars(select(User).where(User.username.in_(list(locks)))).all()
    return sorted(((u, locks[u.username]) for u in users if may_unlock(actor, u)),
                  key=lambda pair: pair[0].display_name)


@bp.get("/laaste-konti")
@roles_required(*STAFF)
def locked_accounts():
    actor = current_user()
    addresses = (login_throttle.blocked_addresses(db_session(), _policy())
                 if actor.role in (Role.leader, Role.admin) else {})
    return render_template("roster/locked.html", locks=_visible_locks(actor), addresses=addresses,
                           unlock_form=UnlockForm(), address_form=AddressForm())


@bp.post("/laaste-konti/laas-op")
@roles_required(*STAFF)
def unlock():
    form = UnlockForm()
    if not form.validate_on_submit():
        abort(400)
    account = db_session().scalar(select(User).where(User.username == form.username.data))
    if account is None or not may_unlock(current_user(), account):
        abort(403)
    login_throttle.unlock(db_session(), account.username, current_user())
    db_session().commit()
    flash(gettext("%(name)s kan logge ind igen.", name=account.display_name), "ok")
    return redirect(url_for("roster.locked_accounts"))


@bp.post("/laaste-konti/adresse")
@roles_required(Role.leader, Role.admin)
def unblock_address():
    form = AddressForm()
    if not form.validate_on_submit():
        abort(400)
    login_throttle.lift_address_block(db_session(), form.address.data, current_user())
    db_session().commit()
    flash(gettext("Blokeringen er fjernet."), "ok")
    return redirect(url_for("roster.locked_accounts"))

"""Hub authenticators.

:class:`RosterAuthenticator` (the default) checks user name and password against
the portal's roster and hands JupyterHub the user's groups (classes) and role.
It is an ordinary JupyterHub Authenticator, so Unilogin OIDC replaces it by
configuration (``c.JupyterHub.authenticator_class``), as docs/operations.md shows.
"""
import asyncio
from pathlib import Path
from typing import Callable

from jupyterhub.auth import Authenticator
from jupyterhub.roles import get_default_roles
from jupyterhub.utils import maybe_future
from sqlalchemy.orm import Session
from tornado import web
from traitlets import Unicode, default

from .isolation import create_account, remove_account
from .login_ways import HANDLERS as LOGIN_WAY_HANDLERS
from .staff_access import HANDLERS as STAFF_ACCESS_HANDLERS

from kodefag.settings import get_settings
from kodefag.teacher_portal import login_cards, picture_login
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.login_throttle import LoginThrottled, ThrottlePolicy, attempt_login
from kodefag.teacher_portal.models import Role, User
from kodefag.teacher_portal.roster import check_password, find_user, hub_groups, hub_roles

LOGIN_ERROR = "Forkert brugernavn eller adgangskode. Prøv igen, eller spørg din lærer."


def auth_model(user) -> dict:
    """What the hub stores for a roster user: admin flag, class groups, role.

    With authenticator-managed roles the hub removes every role not listed here,
    so platform admins also get JupyterHub's own built-in ``admin`` role.
    """
    roles = hub_roles(user)
    if user.role is Role.admin:
        roles.append(next(role for role in get_default_roles() if role["name"] == "admin"))
    return {"name": user.username, "admin": user.role is Role.admin, "groups": hub_groups(user), "roles": roles}


def throttled_error(refusal: LoginThrottled) -> web.HTTPError:
    """The hub's answer to a throttled login: 429, the login page shows the Danish message."""
    error = web.HTTPError(429, str(refusal))
    error.jupyterhub_message = refusal.message  # JupyterHub's login page shows this as login_error
    return error


class RosterAuthenticator(Authenticator):
    """Log in with the portal's roster (argon2 password hashes)."""

    database_url = Unicode(help="SQLAlchemy URL of the portal database holding the roster").tag(config=True)
    system_homes_dir = Unicode(
        "", help="Where every hub user gets a system user and a home (the school tier, hub/isolation.py): "
                 "made when the hub user is (from the roster, or at the first login), removed when the hub "
                 "user is deleted (GDPR delete). Empty: no system users.").tag(config=True)

    @default("database_url")
    def _default_database_url(self):
        return get_settings().database_url

    @default("manage_groups")
    def _default_manage_groups(self):
        return True

    @default("manage_roles")
    def _default_manage_roles(self):
        return True

    @default("allow_all")
    def _default_allow_all(self):
        # the roster is the allow-list: only users in it can authenticate
        return True

    def _lookup(self, username: str) -> dict | None:
        with session_scope(self.database_url) as session:
            user = find_user(session, username)
            return auth_model(user) if user and user.active else None

    async def login_through_throttle(self, handler, username: str, method: str,
                                     verify: Callable[[Session], User | None]) -> dict | None:
        """The hub's one door to the login throttle, for every login handler.

        Password login (below), QR login cards and picture login all call this:
        ``verify(session)`` checks the credential against the roster and returns the
        user or None. Returns the user's auth model, None for a wrong credential, and
        raises a 429 whose Danish message the login page shows when the account or
        the address is locked (``kodefag.teacher_portal.login_throttle``).
        """
        address = handler.request.remote_ip if handler is not None else None
        policy = ThrottlePolicy.from_settings(get_settings())

        def check() -> dict | None:
            with session_scope(self.database_url) as session:
                user = attempt_login(session, username, address, lambda: verify(session),
                                     method=method, policy=policy)
                return auth_model(user) if user else None

        try:
            return await asyncio.get_running_loop().run_in_executor(None, check)
        except LoginThrottled as refusal:
            self.log.warning("Login refused for %r from %s (%s): %s", username, address, method, refusal)
            raise throttled_error(refusal) from None

    def get_handlers(self, app):
        """JupyterHub's (or OAuthenticator's) login handlers, plus QR cards and picture login, and the
        authorize handler that spares staff the confirmation page (hub/staff_access.py)."""
        return super().get_handlers(app) + LOGIN_WAY_HANDLERS + STAFF_ACCESS_HANDLERS

    async def authenticate(self, handler, data):
        data = data or {}
        if "card" in data:
            return await self.card_login(handler, str(data["card"]))
        if "picture_code" in data:
            return await self.picture_login(handler, str(data.get("username", "")), str(data["picture_code"]))
        username = self.normalize_username((data or {}).get("username", "").strip())
        password = (data or {}).get("password", "")
        if not username or not password:
            return None
        model = await self.login_through_throttle(
            handler, username, "password", lambda session: check_password(session, username, password))
        if model is None:
            self.log.warning("Failed login for %r", username)
        return model

    async def card_login(self, handler, token: str) -> dict | None:
        """A QR login card (``hub/login_ways.py``): the card's pupil, if the card still works."""
        def key() -> str:
            with session_scope(self.database_url) as session:
                return login_cards.throttle_key(session, token)

        account = await asyncio.get_running_loop().run_in_executor(None, key)
        return await self.login_through_throttle(
            handler, account, "qr", lambda session: login_cards.card_owner(session, token))

    async def picture_login(self, handler, username: str, code: str) -> dict | None:
        """Picture login: the pupil's 3-picture code (``hub/login_ways.py``)."""
        username = self.normalize_username(username.strip())
        if not username:
            return None
        return await self.login_through_throttle(
            handler, username, "picture", lambda session: picture_login.check_code(session, username, code.split("-")))

    async def add_user(self, user):
        """JupyterHub calls this for every new hub user (the portal makes them at roster import,
        hub_sync.py) and for each existing one at the hub's start."""
        await maybe_future(super().add_user(user))
        if self.system_homes_dir:
            await asyncio.to_thread(create_account, user.name, Path(self.system_homes_dir))

    async def delete_user(self, user):
        """The hub user is deleted (GDPR delete, the retention job): their system user and home go too
        (their server is stopped by then; the spawner removes their cgroup)."""
        if self.system_homes_dir:
            removed = await asyncio.to_thread(remove_account, user.name, Path(self.system_homes_dir))
            self.log.info("Removed %s's %s", user.name, ", ".join(removed) or "nothing (no system user)")
        await maybe_future(super().delete_user(user))

    async def refresh_user(self, user, handler=None):
        """Keep classes and roles in step with the roster; log out users who left it."""
        model = await asyncio.get_running_loop().run_in_executor(None, self._lookup, user.name)
        return model if model is not None else False

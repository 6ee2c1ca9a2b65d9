"""Hub authenticators.

:class:`RosterAuthenticator` (the default) checks user name and password against
the portal's roster and hands JupyterHub the user's groups (classes) and role.
It is an ordinary JupyterHub Authenticator, so Unilogin OIDC replaces it by
configuration (``c.JupyterHub.authenticator_class``), as docs/operations.md shows.
"""
import asyncio

from jupyterhub.auth import Authenticator
from jupyterhub.roles import get_default_roles
from traitlets import Unicode, default

from kodefag.settings import get_settings
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Role
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


class RosterAuthenticator(Authenticator):
    """Log in with the portal's roster (argon2 password hashes)."""

    database_url = Unicode(help="SQLAlchemy URL of the portal database holding the roster").tag(config=True)

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

    def _check(self, username: str, password: str) -> dict | None:
        with session_scope(self.database_url) as session:
            user = check_password(session, username, password)
            return auth_model(user) if user else None

    def _lookup(self, username: str) -> dict | None:
        with session_scope(self.database_url) as session:
            user = find_user(session, username)
            return auth_model(user) if user else None

    async def authenticate(self, handler, data):
        username = self.normalize_username((data or {}).get("username", "").strip())
        password = (data or {}).get("password", "")
        if not username or not password:
            return None
        model = await asyncio.get_running_loop().run_in_executor(None, self._check, username, password)
        if model is None:
            self.log.warning("Failed login for %r", username)
        return model

    async def refresh_user(self, user, handler=None):
        """Keep classes and roles in step with the roster; log out users who left it."""
        model = await asyncio.get_running_loop().run_in_executor(None, self._lookup, user.name)
        return model if model is not None else False

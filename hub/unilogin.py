"""Unilogin: log in through STIL's Unilogin broker (OpenID Connect), checked against the roster.

STIL's broker speaks OIDC with the authorization code flow and requires PKCE (S256);
it sends only the ``openid`` scope's claims: ``uniid`` (the person's stable id) and
``aktoer_gruppe`` (Elev, Medarbejder, Ekstern, Kontaktperson) - no name, no school,
no class. So the roster decides everything else: the uniid must belong to an active
account imported for the school, and ``aktoer_gruppe`` must agree with the account's
role (Elev -> pupil; Medarbejder -> teacher, leader or admin). Anyone else gets a
Danish refusal. The OAuth flow itself is oauthenticator's ``GenericOAuthenticator``
(PKCE on, ``code_challenge_method=S256``); this class only maps claims to the roster.

Password login stays for local accounts an administrator gave a password
(``RosterAuthenticator``'s throttled path), so the login page shows both.
Configuration: ``KODEFAG_UNILOGIN_ISSUER`` (+ client id and secret), docs/operations.md.
"""
import asyncio

import requests
from oauthenticator.generic import GenericOAuthenticator
from sqlalchemy import select
from tornado import web
from traitlets import default

from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Role, User

from .authenticator import RosterAuthenticator, auth_model

NOT_ON_ROSTER = ("Du er ikke på kodefags klasseliste endnu. Spørg din lærer - "
                 "skolen skal have dig med på klasselisten, før du kan logge ind.")
WRONG_GROUP = "Din Unilogin passer ikke til din rolle i kodefag. Spørg din lærer eller skolens administrator."
#: aktoer_gruppe -> the roster roles it may log in as
GROUP_ROLES = {"elev": {Role.pupil}, "medarbejder": {Role.teacher, Role.leader, Role.admin, Role.municipality}}


def refusal(message: str, reason: str) -> web.HTTPError:
    """A 403 whose Danish message JupyterHub's error page shows (reason: English, for the log)."""
    error = web.HTTPError(403, reason)
    error.jupyterhub_message = message
    error.kodefag_danish = True  # the Danish error page shows our own messages, never JupyterHub's English ones
    return error


def discover(issuer: str) -> dict:
    """The issuer's OpenID configuration (endpoints), read once when the hub starts."""
    response = requests.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=30)
    response.raise_for_status()
    return response.json()


class UniloginAuthenticator(RosterAuthenticator, GenericOAuthenticator):
    """Unilogin (OIDC) for everyone on the roster; passwords for chosen local accounts."""

    @default("login_service")
    def _login_service_default(self):
        return "Unilogin"

    @default("scope")
    def _scope_default(self):
        return ["openid"]

    @default("username_claim")
    def _username_claim_default(self):
        return "uniid"

    @default("enable_pkce")
    def _enable_pkce_default(self):
        return True

    async def authenticate(self, handler, data=None, **kwargs):
        """The password form, login cards and picture login post their fields; Unilogin's callback posts nothing."""
        if data and any(key in data for key in ("password", "card", "picture_code")):  # roster's own ways
            return await RosterAuthenticator.authenticate(self, handler, data)
        return await GenericOAuthenticator.authenticate(self, handler, data, **kwargs)

    def _roster_model(self, uniid: str, group: str) -> dict:
        with session_scope(self.database_url) as session:
            user = session.scalar(select(User).where(User.uniid == uniid))
            if user is None or not user.active:
                raise refusal(NOT_ON_ROSTER, f"uniid {uniid!r} is not on the roster")
            if user.role not in GROUP_ROLES.get(group.lower(), set()):
                raise refusal(WRONG_GROUP, f"aktoer_gruppe {group!r} does not fit role {user.role.value}")
            return auth_model(user)

    async def update_auth_model(self, auth_model_in: dict) -> dict:
        """Swap the token's identity for the roster's: user name, groups, role, admin flag."""
        claims = auth_model_in["auth_state"][self.user_auth_state_key]
        uniid, group = str(claims.get("uniid", "")), str(claims.get("aktoer_gruppe", ""))
        model = await asyncio.get_running_loop().run_in_executor(None, self._roster_model, uniid, group)
        self.log.info("Unilogin %s (%s) is roster user %s", uniid, group, model["name"])
        auth_model_in["auth_state"]["roster_groups"] = model["groups"]
        return {**model, "auth_state": auth_model_in["auth_state"]}

    async def get_user_groups(self, auth_state: dict):
        """The class groups come from the roster (Unilogin sends none)."""
        return set(auth_state.get("roster_groups", []))


def configure_unilogin(c, settings) -> None:
    """Use Unilogin when ``KODEFAG_UNILOGIN_ISSUER`` is set (endpoints from the issuer's discovery)."""
    endpoints = discover(settings.unilogin_issuer)
    c.JupyterHub.authenticator_class = "kodefag.hub.unilogin.UniloginAuthenticator"
    c.UniloginAuthenticator.client_id = settings.unilogin_client_id
    c.UniloginAuthenticator.client_secret = settings.unilogin_client_secret
    c.UniloginAuthenticator.authorize_url = endpoints["authorization_endpoint"]
    c.UniloginAuthenticator.token_url = endpoints["token_endpoint"]
    c.UniloginAuthenticator.userdata_url = endpoints["userinfo_endpoint"]
    c.UniloginAuthenticator.oauth_callback_url = (settings.unilogin_callback_url
                                                  or settings.hub_url + "/hub/oauth_callback")


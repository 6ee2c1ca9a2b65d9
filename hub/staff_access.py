"""Staff open a pupil's Lab from the portal, in a frame under a Danish banner naming the pupil.

JupyterHub's pages forbid every frame (``frame-ancestors 'none'``). The teacher's "Åbn live"
page (teacher_portal/class_views.py) frames the pupil's server, which sends the teacher
through the hub's OAuth; hub pages may therefore be framed by the platform's own origin -
never by others. The pupils' servers get the same rule in hub/singleuser/jupyter_server_config.py.

No "Giv adgang" page for staff. JupyterHub asks a user to confirm before another user's
server gets an OAuth token for them (``OAuthAuthorizeHandler.needs_oauth_confirm``), and
skips it for the user's own servers, for services with ``oauth_no_confirm`` and after a
first confirmation. :class:`StaffAuthorizeHandler` also skips it when staff (a teacher's
role, the platform admin) open a user's server. It changes nothing else: the hub has already
refused (403) anyone without ``access:servers`` for that server - a teacher has it for their
own classes' pupils only - and the token the server gets is the default minimal one (access
to that one server, the visitor's name; ``Spawner.oauth_client_allowed_scopes`` is not set).
What keeps a pupil's script from acting as the visiting teacher is the school tier's
per-pupil origin (tests/school/test_origin_attack.py), not the confirmation page, which a
teacher clicks through once per pupil anyway. The hub registers the handler through the
authenticator (:meth:`RosterAuthenticator.get_handlers`), whose handlers come before the hub's own.
"""
from jupyterhub.apihandlers.auth import OAuthAuthorizeHandler

FRAME_POLICY = "frame-ancestors 'self'"
#: hub roles (teacher_portal/roster.py: hub_roles) of staff who may open pupils' servers
TEACHER_ROLE_PREFIX = "laerer-"
ADMIN_ROLE = "platform-admin"


def configure_staff_access(c) -> None:
    c.JupyterHub.tornado_settings.update({"headers": {"Content-Security-Policy": FRAME_POLICY}})


def is_staff(user) -> bool:
    """A hub user whose roles make them a teacher or the platform admin."""
    return bool(user.admin) or any(role.name.startswith(TEACHER_ROLE_PREFIX) or role.name == ADMIN_ROLE
                                   for role in user.roles)


class StaffAuthorizeHandler(OAuthAuthorizeHandler):
    """The hub's OAuth authorize handler, without the confirmation when staff open a user's server."""

    def needs_oauth_confirm(self, user, oauth_client, requested_scopes):
        if oauth_client.spawner is not None and is_staff(user):
            self.log.info("Staff %s opens %s without the authorize page", user.name, oauth_client.identifier)
            return False
        return super().needs_oauth_confirm(user, oauth_client, requested_scopes)


HANDLERS = [(r"/api/oauth2/authorize", StaffAuthorizeHandler)]

"""Staff open a pupil's server without JupyterHub's English "Authorize access" page.

JupyterHub asks a user to confirm before another user's server gets an OAuth token
for them. Who may open whose server is already decided by scopes (a teacher's role
has ``access:servers!group=klasse-<class>`` for their own classes only), so the page
adds no protection here - it only showed a teacher, in English, a question their role
had answered. The portal's "Åbn live" shows the Danish banner saying whose work it is.
"""

USER_SERVER_CLIENT_PREFIX = "jupyterhub-user-"


class NoConfirmList(set):
    """The hub's ``oauth_no_confirm_list``: the given clients (the portal) and every user's server."""

    def __contains__(self, client_id) -> bool:
        return str(client_id).startswith(USER_SERVER_CLIENT_PREFIX) or super().__contains__(client_id)


def configure_staff_access(c, services: list[dict]) -> None:
    """Keep the services' own ``oauth_no_confirm`` and add users' servers (see the module docstring)."""
    no_confirm = NoConfirmList(f"service-{s['name']}" for s in services if s.get("oauth_no_confirm"))
    c.JupyterHub.tornado_settings.update({"oauth_no_confirm_list": no_confirm})

"""Telling the running hub about roster changes at once.

The hub catches up by itself - ``RosterAuthenticator.refresh_user`` re-reads groups and
roles from the roster every ``auth_refresh_age`` seconds and logs out users who left -
but a moved pupil should appear in the new class's group now, a pupil who left should
lose their running server now, and a deleted pupil must disappear from the hub's
database. The portal service's hub token is a generated secret
(``var/secrets/portal_hub_token``, configured in ``hub/config.py``), so the ``kodefag``
command on the same machine can make the same calls as the portal.
"""
import logging
from datetime import timezone
from typing import Callable

import requests

from kodefag.secrets import secret

log = logging.getLogger(__name__)
CLASS_GROUP_PREFIX = "klasse-"
TOKEN_SECRET = "portal_hub_token"


class HubUnreachable(Exception):
    """The hub did not answer (not running, or refused the portal's token)."""


class HubSync:
    def __init__(self, api_url: str, token: str, timeout: float = 10):
        self.api_url = api_url.rstrip("/")
        self.headers = {"Authorization": f"token {token}"}
        self.timeout = timeout

    @classmethod
    def from_settings(cls, settings) -> "HubSync":
        return cls(f"http://127.0.0.1:{settings.hub_api_port}/hub/api", secret(settings.var_dir, TOKEN_SECRET))

    def _call(self, method: str, path: str, timeout: float | None = None, **kwargs) -> requests.Response:
        try:
            response = requests.request(method, self.api_url + path, headers=self.headers,
                                        timeout=timeout or self.timeout, **kwargs)
        except requests.RequestException as error:
            raise HubUnreachable(f"{method} {path}: hub not reachable ({type(error).__name__})") from None
        if response.status_code in (401, 403) or response.status_code >= 500:
            raise HubUnreachable(f"{method} {path}: HTTP {response.status_code}")
        return response

    def set_class_groups(self, username: str, groups: list[str]) -> None:
        """Make the user's ``klasse-*`` groups in the hub exactly ``groups``.

        A roster user the hub does not know yet (imported, never logged in) is made in the
        hub first when they have a class: on the school tier that makes their system user
        and home (``RosterAuthenticator.add_user``), before the bell starts their server."""
        response = self._call("GET", f"/users/{username}")
        if response.status_code == 404:
            if not groups:
                return
            self.create_user(username)
            current = set()
        else:
            current = {g for g in response.json().get("groups", []) if g.startswith(CLASS_GROUP_PREFIX)}
        for group in set(groups) - current:
            self._call("POST", f"/groups/{group}")  # 409 if it exists already
            self._call("POST", f"/groups/{group}/users", json={"users": [username]})
        for group in current - set(groups):
            self._call("DELETE", f"/groups/{group}/users", json={"users": [username]})

    def short_token(self, owner: str, scopes: list[str], seconds: int = 60, note: str = "kodefag") -> str:
        """A token of ``owner`` with only these scopes, expiring soon (the hub refuses scopes
        the owner lacks). The portal reads a pupil's notebook with the teacher's token this
        way, so the pupil's server never sees the portal's own, powerful token."""
        response = self._call("POST", f"/users/{owner}/tokens",
                              json={"scopes": scopes, "expires_in": seconds, "note": note})
        if response.status_code != 201:
            raise HubUnreachable(f"token for {owner}: HTTP {response.status_code}")
        return response.json()["token"]

    def server_state(self, username: str) -> str:
        """The user's default server: "missing" (no hub user), "stopped", "pending" or "ready"."""
        response = self._call("GET", f"/users/{username}")
        if response.status_code == 404:
            return "missing"
        server = response.json().get("servers", {}).get("")
        if not server:
            return "stopped"
        return "ready" if server.get("ready") else "pending"

    def create_user(self, username: str) -> None:
        """Create the hub user of a roster user who never logged in (409: exists already)."""
        self._call("POST", f"/users/{username}")

    def start_server(self, username: str) -> bool:
        """Ask the hub to spawn the user's server; True if it started or is starting."""
        # the hub answers after its slow_spawn_timeout at the latest (hub/config.py)
        response = self._call("POST", f"/users/{username}/server", timeout=max(self.timeout, 30))
        if response.status_code in (201, 202):
            return True
        if response.status_code == 400 and "already" in response.text:
            return True  # started meanwhile (by the pupil's own login)
        log.warning("hub refused to start %s's server: HTTP %s %s", username, response.status_code,
                    response.text[:200])
        return False

    def mark_active(self, username: str, when) -> None:
        """Tell the hub the user's running server is in use now (the idle culler reads this)."""
        stamp = when.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
        self._call("POST", f"/users/{username}/activity",
                   json={"last_activity": stamp, "servers": {"": {"last_activity": stamp}}})

    def stop_server(self, username: str) -> None:
        self._call("DELETE", f"/users/{username}/server")

    def delete_user(self, username: str) -> bool:
        """Delete the hub's user (servers, tokens, groups); False if it never existed."""
        self._call("DELETE", f"/users/{username}/server")
        return self._call("DELETE", f"/users/{username}").status_code == 204


def tell_hub(call: Callable[[], object], what: str) -> bool:
    """Run one HubSync call; a hub that does not answer is logged, not fatal.

    Roster changes stand either way: the hub catches up through refresh_user.
    """
    try:
        call()
        return True
    except HubUnreachable as error:
        log.warning("hub not updated (%s): %s; it catches up at the user's next refresh", what, error)
        return False

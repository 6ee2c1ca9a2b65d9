"""Talking to a running kodefag platform the way a browser or a script would."""
import html
import http.cookiejar
import re
import socket
import time
from urllib.parse import urlparse

import requests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def resolve_localhost_names_like_a_browser() -> None:
    """Resolve ``*.localhost`` to loopback in this process, as browsers do (RFC 6761, 6.3).

    The school tier's tests put the hub at ``kodefag.localhost`` and each pupil at
    ``<name>.kodefag.localhost``: one site with many origins, as in production
    (``kodefag.skole.dk`` and ``*.kodefag.skole.dk``). Chromium resolves these names by itself;
    glibc does only with nss-myhostname, which a CI machine may lack.
    """
    original = socket.getaddrinfo
    if getattr(original, "resolves_localhost", False):
        return

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if isinstance(name, str) and name.rstrip(".").endswith(".localhost"):
            host = "127.0.0.1"
        return original(host, *args, **kwargs)

    getaddrinfo.resolves_localhost = True
    socket.getaddrinfo = getaddrinfo


class BrowserCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Like a browser: http://localhost and http://*.localhost are secure contexts, so the school
    tier's Secure cookies are sent there too (Python's default sends them over https only)."""

    def return_ok_secure(self, cookie, request):
        return _localhost(request) or super().return_ok_secure(cookie, request)

    def domain_return_ok(self, domain, request):
        return (_localhost(request) and domain == ".localhost") or super().domain_return_ok(domain, request)

    def return_ok_domain(self, cookie, request):
        # JupyterHub's session id cookie says Domain=localhost: browsers send it to localhost and *.localhost
        return (_localhost(request) and cookie.domain == ".localhost") or super().return_ok_domain(cookie, request)


def _localhost(request) -> bool:
    host = urlparse(request.get_full_url()).hostname or ""
    return host == "localhost" or host.endswith(".localhost")


class BrowserSession(requests.Session):
    """A requests session whose cookies follow :class:`BrowserCookiePolicy` (requests copies
    the session's cookies into a jar with the default policy for every request)."""

    def __init__(self):
        super().__init__()
        self.cookies.set_policy(BrowserCookiePolicy())

    def prepare_request(self, request):
        prepared = super().prepare_request(request)
        if not request.cookies:
            prepared.headers.pop("Cookie", None)
            prepared.prepare_cookies(self.cookies)
        return prepared


class HubClient:
    """Log in through the hub's real login form; use the hub's REST API with tokens."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self._tokens: dict[str, str] = {}

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/")

    def login(self, username: str, password: str = "demo") -> requests.Session:
        """A browser-like session after posting the login form (raises if refused)."""
        session = self.try_login(username, password)
        if "jupyterhub-hub-login" not in session.cookies.get_dict():
            raise AssertionError(f"login as {username} failed")
        return session

    def try_login(self, username: str, password: str) -> requests.Session:
        session = BrowserSession()
        page = session.get(self.url("/hub/login"))
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
        # stay on the hub: do not follow the redirect that would start the pupil's server
        session.last_response = session.post(self.url("/hub/login"), allow_redirects=False,
                                              data={"username": username, "password": password, "_xsrf": xsrf})
        if session.last_response.status_code == 200:
            return session  # the login page again, with an error
        return session

    def open_server(self, session: requests.Session, owner: str, path: str = "api/status") -> requests.Response:
        """Open another user's server as a browser does: follow the hub's OAuth flow and
        confirm the "Authorize access" form the hub shows for someone else's server."""
        response = session.get(self.url(f"/user/{owner}/lab"))  # a page: redirects to the hub's OAuth
        if "/hub/api/oauth2/authorize" in response.url and response.status_code == 200 and "<form" in response.text:
            form = response.text.split('<form method="post"', 1)[1].split("</form>", 1)[0]
            fields = [(name, html.unescape(value)) for name, value in
                      re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)]
            response = session.post(response.url, data=fields)
        if response.status_code >= 400:
            return response
        return session.get(self.url(f"/user/{owner}/{path}"))

    def token(self, username: str) -> str:
        """An API token of the user (created by the user's own logged-in session)."""
        if username not in self._tokens:
            session = self.login(username)
            xsrf = next(c.value for c in session.cookies if c.name == "_xsrf" and c.path.startswith("/hub"))
            response = session.post(self.url(f"/hub/api/users/{username}/tokens"),
                                    json={"note": "test", "expires_in": 3600},
                                    headers={"X-XSRFToken": xsrf, "Referer": self.url("/hub/home")})
            response.raise_for_status()
            self._tokens[username] = response.json()["token"]
        return self._tokens[username]

    def api(self, username: str, method: str, path: str, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        headers["Authorization"] = f"token {self.token(username)}"
        return requests.request(method, self.url(path), headers=headers, timeout=60, **kwargs)

    def start_server(self, username: str, timeout: float = 120) -> None:
        """Spawn the user's single-user server and wait until it answers."""
        response = self.api(username, "POST", f"/hub/api/users/{username}/server")
        assert response.status_code in (201, 202, 400), response.text  # 400: already running
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api(username, "GET", f"/hub/api/users/{username}").json()
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(0.5)
        raise TimeoutError(f"server of {username} not ready after {timeout} s")

    def stop_server(self, username: str) -> None:
        self.api(username, "DELETE", f"/hub/api/users/{username}/server")

"""Who is asking: JupyterHub identity (HubOAuth) mapped onto the portal's roster.

Browsers log in through the hub's OAuth flow (one login for hub and portal);
programs - the pupil's nbgrader exchange, tests, scripts - send a hub token in
the ``Authorization: token ...`` header. Either way the user name comes from the
hub, never from the request, and every route states which roles may use it.
"""
import functools
import hashlib
import secrets
import threading
import time

from flask import abort, current_app, g, make_response, redirect, request, session
from jupyterhub.services.auth import HubOAuth

from .db import new_session
from .models import Role
from .roster import find_user


#: seconds a browser session's answer from the hub is reused (docs/security.md)
SESSION_CACHE_SECONDS = 30
#: the hub's login-session cookie (path /, readable by services by design); a hub logout clears it
HUB_SESSION_COOKIE = "jupyterhub-session-id"


def hub_auth() -> HubOAuth:
    return current_app.extensions["hub_auth"]


class SessionTokenCache:
    """The hub's answer for a browser session's token, kept a few seconds, per hub login session.

    Asking the hub on every request costs a round trip through the hub's one process per
    page. An answer is kept only for a token the hub issued to the hub login session named
    by the browser's ``jupyterhub-session-id`` cookie (the model's ``session_id``), and is
    looked up under that cookie: a hub logout deletes the session's tokens and clears the
    cookie, so the next request misses the cache and the hub says no. Thread-safe (waitress
    serves with threads)."""

    def __init__(self, max_age: float):
        self.max_age = max_age
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], tuple[float, dict]] = {}

    @staticmethod
    def _key(token: str, session_id: str) -> tuple[str, str]:
        return session_id, hashlib.sha256(token.encode()).hexdigest()

    def get(self, token: str, session_id: str) -> dict | None:
        if not session_id:
            return None
        with self._lock:
            entry = self._entries.get(self._key(token, session_id))
        return entry[1] if entry is not None and entry[0] > time.monotonic() else None

    def put(self, token: str, session_id: str, model: dict) -> None:
        if not session_id or model.get("session_id") != session_id:
            return  # not bound to this browser's hub session: a hub logout would not show here
        now = time.monotonic()
        with self._lock:
            if len(self._entries) > 10_000:
                self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
            self._entries[self._key(token, session_id)] = (now + self.max_age, model)


def init_auth(app) -> None:
    app.extensions["hub_auth"] = HubOAuth(cache_max_age=60)
    app.extensions["hub_session_cache"] = SessionTokenCache(SESSION_CACHE_SECONDS)
    app.add_url_rule("/oauth_callback", "oauth_callback", oauth_callback)
    app.add_url_rule("/log-ud", "logout", logout)


def _token_from_request() -> tuple[str | None, bool]:
    """The hub token of the request, and whether it came from the browser session."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() in ("token", "bearer") and value:
        return value.strip(), False
    return session.get("hub_token"), True


def hub_user() -> dict | None:
    token, from_session = _token_from_request()
    if not token:
        return None
    auth = hub_auth()
    if not from_session:
        model = auth.user_for_token(token)  # programs' tokens: HubAuth's own cache (60 s)
    else:
        # A browser session's token: the hub deletes it at logout, and the portal session must
        # end right then. The short cache is keyed by the hub session cookie the logout clears.
        cache, hub_session = current_app.extensions["hub_session_cache"], request.cookies.get(HUB_SESSION_COOKIE, "")
        model = cache.get(token, hub_session)
        if model is None:
            model = auth.user_for_token(token, use_cache=False)
            if model is not None:
                cache.put(token, hub_session, model)
    # a valid token is not enough: it must carry access to this service
    if model is None or not auth.check_scopes(auth.access_scopes, model):
        return None
    return model


def token_authenticated() -> bool:
    """The request carries, in its Authorization header, a hub token the hub accepts
    for this service (not merely some Authorization header)."""
    if "token_user" not in g:
        token, from_session = _token_from_request()
        g.token_user = hub_user() if token and not from_session else None
    return g.token_user is not None


def current_user():
    """The roster row of the logged-in user, or None (cached for the request)."""
    if "user" not in g:
        model = hub_user()
        g.user = find_user(db_session(), model["name"]) if model else None
    return g.user


def db_session():
    """The request's database session (closed when the request ends)."""
    if "db_session" not in g:
        g.db_session = new_session(current_app.config["DATABASE_URL"])
    return g.db_session


def _login_redirect():
    auth = hub_auth()
    # the path the browser sees includes the service prefix (SCRIPT_NAME)
    path = request.script_root + (request.full_path if request.query_string else request.path)
    state = auth.generate_state(next_url=path)
    response = make_response(redirect(f"{auth.login_url}&state={state}"))
    response.set_cookie(auth.state_cookie_name, state, httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"] or request.is_secure,
                        path=current_app.config["PREFIX"])
    return response


def roles_required(*roles: Role, api: bool = False):
    """Allow a view only for the given roles; others get 403, strangers a login."""
    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            user = current_user()
            if user is None:
                if api or request.headers.get("Authorization"):
                    abort(401)
                return _login_redirect()
            if user.role not in roles:
                abort(403)
            return view(*args, **kwargs)
        wrapper.allowed_roles = roles
        return wrapper
    return decorator


ANY_ROLE = tuple(Role)
STAFF = (Role.teacher, Role.leader, Role.admin)


def login_guard():
    """Any logged-in user may go on (None); strangers get the login (or 401 for programs).

    For blueprints of other components the portal mounts (the micro:bit page)."""
    return roles_required(*ANY_ROLE, api=request.is_json)(lambda: None)()


def oauth_callback():
    """Finish the hub's OAuth login: check state, swap the code for a token."""
    auth = hub_auth()
    code = request.args.get("code")
    arg_state = request.args.get("state")
    cookie_state = request.cookies.get(auth.state_cookie_name)
    if not code or not arg_state or not secrets.compare_digest(arg_state, cookie_state or ""):
        abort(403)
    token = auth.token_for_code(code)
    session.clear()
    session["hub_token"] = token
    session.permanent = True
    next_url = auth.get_next_url(cookie_state) or current_app.config["PREFIX"]
    response = make_response(redirect(next_url))
    response.delete_cookie(auth.state_cookie_name, path=current_app.config["PREFIX"])
    return response


def logout():
    """End the portal session, then the hub's (which ends every session of this login)."""
    session.clear()
    return redirect("/hub/logout")


def close_db_session(_exception=None) -> None:
    db = g.pop("db_session", None)
    if db is not None:
        db.close()

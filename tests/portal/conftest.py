import pytest

from kodefag.settings import Settings
from kodefag.teacher_portal.db import session_scope, upgrade
from kodefag.teacher_portal.seed import seed_demo

from tests.conftest import fresh_postgres_url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'portal.sqlite'}"
    return fresh_postgres_url()


@pytest.fixture
def settings(tmp_path, database_url):
    return Settings(var_dir=tmp_path / "var", database_url=database_url)


@pytest.fixture
def seeded(settings):
    """A migrated database with the demo school."""
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        seed_demo(session)
    return settings


@pytest.fixture
def results_db(seeded, monkeypatch):
    """The seeded database as the one kodefag's settings point at (results.py reads them)."""
    from kodefag.settings import get_settings

    monkeypatch.setenv("KODEFAG_DATABASE_URL", seeded.database_url)
    get_settings.cache_clear()
    yield seeded
    get_settings.cache_clear()


# --- logging in with the Flask test client (as the Flask tutorial's conftest does) -------------
# Identity is real: the demo platform's hub logs the user in with their password and issues a
# token; the test app asks that hub who the token belongs to, exactly as the running portal does.
# The app's own database (the `seeded` one: SQLite or PostgreSQL) holds the same demo roster.

@pytest.fixture
def hub_env(demo_platform, monkeypatch):
    """The environment JupyterHub gives the portal service, pointing at the shared demo hub."""
    from kodefag.secrets import secret
    from kodefag.teacher_portal.hub_sync import TOKEN_SECRET

    settings = demo_platform.settings
    monkeypatch.setenv("JUPYTERHUB_API_URL", f"http://127.0.0.1:{settings.hub_api_port}/hub/api")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", secret(settings.var_dir, TOKEN_SECRET))
    monkeypatch.setenv("JUPYTERHUB_SERVICE_NAME", "portal")
    monkeypatch.setenv("JUPYTERHUB_CLIENT_ID", "service-portal")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", settings.portal_prefix)
    monkeypatch.setenv("JUPYTERHUB_BASE_URL", "/")


@pytest.fixture
def app(seeded, hub_env):
    """The portal as the hub's proxy reaches it: mounted under /services/portal/."""
    from kodefag.teacher_portal.app import wsgi_app

    return wsgi_app(seeded)


class PortalLogin:
    """Log a test client in as a demo user; requests go to the portal's paths under the prefix,
    and form posts carry the session's valid CSRF token (so the role check is what decides)."""

    def __init__(self, app, hub):
        self.app, self.hub = app, hub
        self.prefix = app.config["PREFIX"].rstrip("/")
        self.client = app.test_client()

    def as_user(self, username: str | None) -> "PortalLogin":
        """Log in as ``username`` (None: a stranger with a fresh session)."""
        from flask import session as flask_session
        from flask_wtf.csrf import generate_csrf

        with self.app.test_request_context():
            self.csrf_token = generate_csrf()
            raw = flask_session["csrf_token"]
        with self.client.session_transaction(self.prefix + "/") as session:
            session.clear()
            session["csrf_token"] = raw
            if username is not None:
                session["hub_token"] = self.hub.token(username)
        return self

    def get(self, path: str, **kwargs):
        return self.client.get(self.prefix + path, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs):
        """A form post as the browser sends it: with the session's CSRF token."""
        return self.client.post(self.prefix + path, data={"csrf_token": self.csrf_token, **(data or {})}, **kwargs)

    def open(self, path: str, method: str, **kwargs):
        if method == "POST":
            return self.post(path, **kwargs)
        return self.client.open(self.prefix + path, method=method, **kwargs)


@pytest.fixture
def login(app, hub):
    return PortalLogin(app, hub)

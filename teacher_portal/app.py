"""The teacher portal: a Flask app run as a JupyterHub service at /services/portal/.

Application factory in the style of Flask's tutorial: configuration from
:class:`kodefag.settings.Settings`, one blueprint per area of the app.
"""
from datetime import timedelta

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from flask_babel import Babel
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.middleware.proxy_fix import ProxyFix

from kodefag.microbit import web as microbit_web
from kodefag.secrets import secret
from kodefag.settings import Settings, get_settings

from . import (
    audit,
    auth,
    bell_views,
    class_views,
    code_editor,
    events_api,
    exchange_api,
    grading_views,
    learning_views,
    local_time,
    login_views,
    planning_views,
    privacy_views,
    pupil_views,
    read_aloud_views,
    reports_views,
    roster_admin_views,
    roster_views,
    security,
    views,
)


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or get_settings()
    app = Flask(__name__)
    app.json = SafeJSONProvider(app)
    app.config.update(
        SETTINGS=settings,
        DATABASE_URL=settings.database_url,
        PREFIX=settings.portal_prefix,
        SECRET_KEY=secret(settings.var_dir, "portal_secret_key"),
        SESSION_COOKIE_NAME="kodefag-portal",
        SESSION_COOKIE_PATH=settings.portal_prefix,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # the school tier is served over TLS only (docs/operations.md): cookies never travel in clear
        SESSION_COOKIE_SECURE=settings.own_origins,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=10),
        MAX_CONTENT_LENGTH=8 * settings.max_notebook_bytes,
        BABEL_DEFAULT_LOCALE="da",
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_CHECK_DEFAULT=False,  # checked in protect_cookie_sessions
        # the micro:bit page: the portal's login and roles, simulations queued for the user
        MICROBIT_GUARD=auth.login_guard,
        MICROBIT_USER=lambda: auth.current_user().username,
        MICROBIT_MAY_SEE_SOLUTIONS=lambda: auth.current_user().role in auth.STAFF,
    )
    Babel(app)
    security.init_app(app)
    local_time.init_app(app)
    auth.init_auth(app)
    app.teardown_appcontext(auth.close_db_session)
    app.register_blueprint(views.bp)
    app.register_blueprint(exchange_api.bp)
    app.register_blueprint(pupil_views.bp)
    app.register_blueprint(code_editor.bp)
    app.register_blueprint(roster_views.bp)
    app.register_blueprint(roster_admin_views.bp)
    app.register_blueprint(privacy_views.bp)
    app.register_blueprint(learning_views.bp)
    app.register_blueprint(grading_views.bp)
    app.register_blueprint(events_api.bp)
    app.register_blueprint(class_views.bp)
    app.register_blueprint(planning_views.bp)
    app.register_blueprint(reports_views.bp)
    app.register_blueprint(bell_views.bp)
    app.register_blueprint(login_views.bp)
    app.register_blueprint(read_aloud_views.bp)
    app.register_blueprint(microbit_web.blueprint, url_prefix="/microbit")
    app.after_request(audit.record_page_view)
    return app


class SafeJSONProvider(DefaultJSONProvider):
    """JSON bodies nested too deeply for Python's parser are bad requests, not crashes.

    ``json.loads`` raises RecursionError (an HTTP 500) on a few thousand nested
    brackets; as a ValueError it becomes Flask's 400, which the error handlers
    answer with a Danish reason."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None


def wsgi_app(settings: Settings | None = None):
    """The app mounted under the service prefix, as the hub's proxy forwards it."""
    settings = settings or get_settings()
    app = create_app(settings)
    prefix = settings.portal_prefix.rstrip("/")
    app.wsgi_app = DispatcherMiddleware(_not_found, {prefix: ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)})
    return app


def _not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
    return ["Ikke fundet".encode()]

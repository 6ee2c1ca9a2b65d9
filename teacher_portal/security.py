"""Browser-facing protections of the portal: CSRF, Content-Security-Policy, cookies.

Kept in one place so every page gets them the same way (docs/security.md).
"""
from flask import request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect

from .auth import token_authenticated

csrf = CSRFProtect()

#: pupils' answers are shown to teachers (grading, notebook preview): a remote image in an
#: answer must not load (it would tell the pupil when and from where the teacher graded), and
#: no other site may frame the portal (clickjacking)
CONTENT_SECURITY_POLICY = "img-src 'self' data:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'"


def protect_cookie_sessions():
    """CSRF protection for every form posted by a browser session.

    A request authenticated by a hub token in the Authorization header carries no
    ambient credentials, so a forged cross-site request cannot carry one: only a
    token the hub accepts lifts the check. Any other header (``Basic``, a wrong
    or expired token) next to a session cookie is still checked.
    """
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and not token_authenticated():
        csrf.protect()


def add_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


class TLSAwareSessionInterface(SecureCookieSessionInterface):
    """The session cookie is ``Secure`` whenever the request came over TLS.

    TLS ends at the hub's proxy, which says so in X-Forwarded-Proto (trusted
    through ProxyFix in ``app.wsgi_app``); plain-http demos keep working."""

    def get_cookie_secure(self, app) -> bool:
        return request.is_secure or super().get_cookie_secure(app)


def init_app(app) -> None:
    csrf.init_app(app)
    app.session_interface = TLSAwareSessionInterface()
    app.before_request(protect_cookie_sessions)
    app.after_request(add_security_headers)

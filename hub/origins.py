"""Pupils' servers on origins of their own, so their content never runs as a staff member.

A pupil controls what their server serves: a trusted notebook whose output
carries a script runs that script in the browser of whoever opens it - the
teacher pressing "Åbn" on the class page, or an administrator. On one shared
origin that script could call the hub's API and the portal with the visitor's
cookies (mint an admin token, change grades). On the school tier every pupil's
server gets its own subdomain (JupyterHub's ``subdomain_host``):
``https://<name>.<host>/user/<name>/``; the browser's same-origin policy then
keeps the script away from the hub's and the portal's cookies and responses.
The hub and its services (the portal) stay together on the main host: they are
the platform's own code. Cookies are ``Secure`` on this tier (TLS in front, a
wildcard certificate: docs/operations.md).
"""
from pathlib import Path
from urllib.parse import urlparse

from jupyterhub.utils import subdomain_hook_idna

from kodefag.settings import Settings

#: JupyterHub's reference proxy from npm (``make install``), on every tier: the PyPI port ignores the
#: Host header and drops the websocket subprotocol JupyterLab asks for, so each kernel connection
#: failed once and reconnected - sometimes losing the reply to the pupil's first run (Shift+Enter)
NODE_PROXY = Path(__file__).resolve().parent / "node-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"


def subdomain_hook(name: str, domain: str, kind: str) -> str:
    """Users get ``<name>.<domain>``; services (the portal) stay on the hub's own host."""
    if kind == "service":
        return domain
    return subdomain_hook_idna(name, domain, kind)


def user_origin(settings: Settings, username: str) -> str:
    """The origin a user's server is served from (the hub's own origin below the school tier)."""
    public = urlparse(settings.public_base_url)
    if not settings.own_origins:
        return f"{public.scheme}://{public.netloc}"
    host = subdomain_hook(username, public.hostname, "user")
    return f"{public.scheme}://{host}" + (f":{public.port}" if public.port else "")


def proxy_program(settings: Settings) -> list[str]:
    """The proxy to run: the Node.js one, routing by host where pupils have their own origins."""
    if not NODE_PROXY.exists():
        raise RuntimeError(f"{NODE_PROXY} is missing: run `make install` (needs npm) to install the proxy")
    return [str(NODE_PROXY), "--host-routing"] if settings.own_origins else [str(NODE_PROXY)]


def configure_origins(c, settings: Settings) -> None:
    """Per-user subdomains and Secure cookies on the school tier; nothing changes below it."""
    if not settings.own_origins:
        return
    c.JupyterHub.subdomain_host = settings.public_base_url
    c.JupyterHub.subdomain_hook = subdomain_hook
    # the hub's cookies and (through JUPYTERHUB_COOKIE_OPTIONS) the pupils' servers' cookies
    current = c.JupyterHub.tornado_settings if "tornado_settings" in c.JupyterHub else {}
    c.JupyterHub.tornado_settings = {**current, "cookie_options": {"secure": True}}

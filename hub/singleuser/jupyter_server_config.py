# The pupil's server: kodefag's pupil API (Mine aktiviteter, Tjek, Aflever, Start forfra) over
# nbgrader's assignment list and validate (kept for the exchange underneath); no teacher tools,
# no terminals.
import json
import os
from urllib.parse import urlsplit

c = get_config()  # noqa: F821 - provided by traitlets when loading config
c.ServerApp.jpserver_extensions = {
    "kodefag.hub.pupil_server": True,
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
}
# a shell is not a pupil's tool, and on a demo started as root it would be a root shell
c.ServerApp.terminals_enabled = False
# school tier: the hub hands its cookie options (Secure) to the server; its xsrf cookie follows them too
if "JUPYTERHUB_COOKIE_OPTIONS" in os.environ:
    c.ServerApp.tornado_settings = {"xsrf_cookie_kwargs": {
        "path": os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/"), **json.loads(os.environ["JUPYTERHUB_COOKIE_OPTIONS"])}}
# the teacher's "Åbn live" shows this Lab inside the portal under a Danish banner naming the pupil
# (teacher_portal/class_views.py); JupyterHub's default forbids every frame, this allows only the
# platform's own origin (the hub and the portal; on the school tier's subdomains, the hub's host)
_hub = urlsplit(os.environ.get("JUPYTERHUB_PUBLIC_HUB_URL", ""))
_ancestors = "'self'" + (f" {_hub.scheme}://{_hub.netloc}" if _hub.scheme and _hub.netloc else "")
_tornado = dict(c.ServerApp.tornado_settings) if "tornado_settings" in c.ServerApp else {}
c.ServerApp.tornado_settings = {**_tornado, "headers": {"Content-Security-Policy": f"frame-ancestors {_ancestors}"}}

# The pupil's server: assignment list and validate only; no teacher tools, no terminals.
c = get_config()  # noqa: F821 - provided by traitlets when loading config
c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
}
# a shell is not a pupil's tool, and on a demo started as root it would be a root shell
c.ServerApp.terminals_enabled = False
# the teacher's "Åbn live" shows this Lab inside the portal under a Danish banner naming the pupil
# (teacher_portal/class_views.py); JupyterHub's default forbids every frame, this allows only the
# platform's own origin (the hub and the portal; on the school tier's subdomains, the hub's host)
import os  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

_hub = urlsplit(os.environ.get("JUPYTERHUB_PUBLIC_HUB_URL", ""))
_ancestors = "'self'" + (f" {_hub.scheme}://{_hub.netloc}" if _hub.scheme and _hub.netloc else "")
c.ServerApp.tornado_settings = {"headers": {"Content-Security-Policy": f"frame-ancestors {_ancestors}"}}

# The pupil's server: JupyterLab and kodefag's pupil API (Mine aktiviteter, Tjek, Aflever, Start
# forfra: hub/pupil_server.py, which talks to the portal's exchange API itself). Nothing else: every
# server extension below costs CPU at each spawn, and a class spawns 28 at the bell
# (docs/performance.md, "where a spawn's CPU goes"). No nbgrader (its assignment list alone pulled
# nbgrader.api and SQLAlchemy: ~3.6 CPU s), no terminals, no language servers, no Notebook 7.
import json
import os
from urllib.parse import urlsplit

from jupyter_core.paths import jupyter_data_dir

c = get_config()  # noqa: F821 - provided by traitlets when loading config
c.ServerApp.jpserver_extensions = {
    "kodefag.hub.pupil_server": True,
    # the pupil's first kernel starts with the server, so their first notebook opens at once at the bell
    "kodefag.hub.first_kernel": True,
    "nbgrader.server_extensions.assignment_list": False,
    "nbgrader.server_extensions.validate_assignment": False,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
    # only nbgrader needed the classic notebook's config shim
    "notebook_shim": False,
    # Notebook 7's pages (/tree, /notebooks): pupils and the teacher's "Åbn live" use JupyterLab (/lab)
    "notebook": False,
    # Lab's code completion via language servers: none is installed for pupils, the scan costs each spawn
    "jupyter_lsp": False,
    "jupyter_server_terminals": False,
}
c.ServerApp.kernel_manager_class = "kodefag.hub.first_kernel.FirstKernelManager"
# in the sandbox (hub/config.py PRIVATE_TMP_ENVIRONMENT) kernels listen on Unix sockets in the pupil's
# private /tmp instead of TCP ports on the shared loopback; the cookie secret stays in the home, so a
# restarted server keeps the pupil's login
if os.environ.get("KODEFAG_KERNEL_TRANSPORT") == "ipc":
    c.KernelManager.transport = "ipc"
    c.ServerApp.cookie_secret_file = os.path.join(jupyter_data_dir(), "runtime", "jupyter_cookie_secret")
# Lab's extension manager lists installed extensions only (the PyPI manager would ask PyPI)
c.LabApp.extension_manager = "readonly"
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
